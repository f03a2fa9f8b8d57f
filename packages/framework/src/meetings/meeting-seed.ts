/**
 * What a meeting's notes start from: a bulleted list, so that each person's line is a
 * bullet of its own (the web editor gives someone who starts typing in another person's
 * empty bullet a new one, see apps/web notes-lines.ts) and people writing at once never
 * run together in one paragraph.
 *
 * The seed is one Yjs update written by a fixed client id, the same bytes wherever it is
 * made. The first writer to open an empty meeting applies it; if several do so at the
 * same moment, Yjs sees the same items twice and keeps one copy, so the notes never
 * start with two lists.
 */
import { getSchema } from '@tiptap/core'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { richTextExtensions } from '../text/rich-text-extensions.ts'
import { meetingTextFields } from './meeting-document.ts'

/** The client id the seed is written under: no person's edits carry it. */
export const meetingSeedClientId = 0x5eed

/**
 * The notes' starting structure as a Yjs update: a bulleted list with one empty bullet,
 * and the empty paragraph the editor keeps after a list (Tiptap's trailing node): seeded
 * here, so editors opening at once do not each add their own.
 */
export function meetingNotesSeedUpdate(): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = meetingSeedClientId
  const notes = doc.getXmlFragment(meetingTextFields.notes)
  prosemirrorJSONToYXmlFragment(
    getSchema(richTextExtensions()),
    { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }, { type: 'paragraph' }] },
    notes,
  )
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** True when the meeting's notes hold nothing at all: never written, never seeded. */
export function notesAreEmpty(doc: Y.Doc): boolean {
  return doc.getXmlFragment(meetingTextFields.notes).length === 0
}
