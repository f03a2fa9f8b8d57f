/**
 * A meeting document's model (meetings/meeting-document.ts): the agenda and notes are rich
 * text; decisions and actions are maps of rows, each row's text a plain shared text.
 */
import { isCalendarDate } from '../meetings/meeting-document.ts'
import { richText } from './rich-text-model.ts'
import { anyKey, fields, flag, keyedBy, plainText, text, textOrNull, value, type ContainerShape, type DocumentModel } from './shape.ts'

const row = { text: plainText, order: text, createdAt: text, archived: flag }

const roots: Record<string, ContainerShape> = {
  agenda: richText,
  notes: richText,
  decisions: keyedBy(anyKey, fields(row)),
  actions: keyedBy(anyKey, fields({
    ...row,
    ownerId: textOrNull,
    due: value('a date like 2025-07-31, or nothing', (v) => v === null || (typeof v === 'string' && isCalendarDate(v))),
    done: flag,
  })),
}

export const meetingModel: DocumentModel = {
  kind: 'meeting',
  root: (name) => (Object.hasOwn(roots, name) ? roots[name] : undefined),
}
