/**
 * The `meetings` index's model (meetings/meetings-index.ts): one map per meeting, each field
 * a plain value checked by the same contract schema the meeting form uses, so the index
 * never holds a value the readers (calendar files, the list) cannot show.
 */
import { meetingFieldSchemas } from '@studio/contract'
import { anyKey, fields, flag, keyedBy, value, wholeNumber, type DocumentModel, type ValueShape } from './shape.ts'

const checkedBy = (name: keyof typeof meetingFieldSchemas): ValueShape =>
  value(`a valid ${name}`, (v) => meetingFieldSchemas[name].safeParse(v).success)

const meeting = fields({
  title: checkedBy('title'),
  start: checkedBy('start'),
  plannedTime: checkedBy('plannedTime'),
  timeZone: checkedBy('timeZone'),
  durationMinutes: checkedBy('durationMinutes'),
  place: checkedBy('place'),
  mode: checkedBy('mode'),
  joinLink: checkedBy('joinLink'),
  createdAt: value('a time', (v) => typeof v === 'string' && v.length <= 64),
  archived: flag,
  sequence: wholeNumber,
})

const meetings = keyedBy(anyKey, meeting)

export const meetingsIndexModel: DocumentModel = {
  kind: 'meetings',
  root: (name) => (name === 'meetings' ? meetings : undefined),
}
