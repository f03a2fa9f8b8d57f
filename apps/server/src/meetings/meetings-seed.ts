/**
 * The `meetings` index a new workspace starts with: the kick-off meeting, planned for
 * 13:00 to 17:00 London time at the Angel, Islington, with remote participation, and left
 * undated until an organiser sets the date. Its own document, `meeting:kick-off`, starts
 * empty the first time someone opens it, like every meeting's.
 */
import { addMeeting, type NewMeeting } from '@studio/framework'
import * as Y from 'yjs'

export const kickOffMeeting: NewMeeting = {
  id: 'kick-off',
  title: 'Kick-off meeting',
  start: null,
  plannedTime: '13:00',
  timeZone: 'Europe/London',
  durationMinutes: 240,
  place: 'Angel, Islington, London',
  mode: 'hybrid',
  joinLink: '',
}

/** The seed as one update, written through the same model an organiser's edits use. */
export function meetingsSeedUpdate(createdAt = new Date().toISOString()): Uint8Array {
  const doc = new Y.Doc()
  addMeeting(doc, { ...kickOffMeeting, createdAt })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
