/**
 * Every meeting, archived ones too, as the meetings list holds them now. Search rebuilds and
 * notices need it for a meeting's name while the list itself is seldom open, so the answer is
 * kept between calls until what is stored for the list changes (`ServerChanges.peekKept`),
 * one answer for all of them. Callers must not change it.
 */
import { meetingsDocumentName, readMeetings, type Meeting } from '@studio/framework'
import type { ServerChanges } from '../collab/server-changes.ts'

export function everyMeeting(serverChanges: ServerChanges): Promise<Meeting[]> {
  return serverChanges.peekKept(meetingsDocumentName, 'every meeting', (doc) => readMeetings(doc, { includeArchived: true }))
}
