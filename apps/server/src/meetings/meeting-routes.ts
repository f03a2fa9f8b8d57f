/**
 * Meetings over HTTP, for every approved member: a dated meeting as a calendar file, a
 * meeting's agenda, notes, decisions and actions as Markdown or an HTML page, and the
 * signed-in member's open actions across all meetings. Meetings themselves are written
 * through their Yjs documents, not here. Every answer reads a copy of the live documents,
 * so it includes edits made a moment ago, and says how many malformed entries it skipped
 * (collab/skipped-entries.ts).
 */
import { DocumentName, meetingIdPattern, type MyAction, type MyActionsResponse } from '@studio/contract'
import {
  meetingDocumentName,
  meetingToHtml,
  meetingToIcs,
  meetingToMarkdown,
  readActions,
  readMeeting,
  readMeetings,
  type Meeting,
  type MeetingPerson,
} from '@studio/framework'
import type { FastifyInstance } from 'fastify'
import { SkippedEntriesReporter, type SkippedEntries } from '../collab/skipped-entries.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import { requireApproved } from '../accounts/authentication.ts'
import { notFound } from '../http/errors.ts'
import type { Store } from '../store/database.ts'
import { downloadHeaders, sendHtmlDownload, sendMarkdownDownload } from '../http/text-downloads.ts'

export interface MeetingsContext {
  store: Store
  serverChanges: ServerChanges
  publicUrl: string
}

interface WithId {
  Params: { id: string }
}

export function registerMeetingRoutes(app: FastifyInstance, context: MeetingsContext): void {
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)

  /** The meeting in the index, or a 404 naming what is missing; with the malformed entries of its own part of the index. */
  async function findMeeting(id: string): Promise<{ meeting: Meeting; skipped: SkippedEntries }> {
    const found = meetingIdPattern.test(id) ? await skippedEntries.readListing(DocumentName.meetings, (doc) => readMeeting(doc, id)) : null
    if (!found?.value) throw notFound('There is no meeting with this id. It may have been removed; check the meetings list.')
    const own = (path: string) => path === `meetings.${id}` || path.startsWith(`meetings.${id}.`)
    return { meeting: found.value, skipped: { ...found.skipped, entries: found.skipped.entries.filter((entry) => own(entry.path)) } }
  }

  /** Approved members' names, for the owners of actions. */
  async function people(): Promise<MeetingPerson[]> {
    return context.store.db.selectFrom('members').select(['id', 'name']).where('status', '=', 'approved').execute()
  }

  async function exportParts(id: string) {
    const { meeting, skipped } = await findMeeting(id)
    const owners = await people()
    return { meeting, skipped, owners, fileName: `meeting-${meeting.id}` }
  }

  app.get<WithId>('/api/meetings/:id.ics', async (request, reply) => {
    requireApproved(request)
    const { meeting, skipped } = await findMeeting(request.params.id)
    skippedEntries.tell(reply, [skipped])
    const host = new URL(context.publicUrl).host
    const ics = meetingToIcs(meeting, { uid: `meeting-${meeting.id}@${host}`, url: meetingPageUrl(context.publicUrl, meeting.id) })
    if (ics === null) {
      throw notFound('This meeting has no date yet, so there is nothing to add to a calendar. Try again once an organiser has set the date.')
    }
    return downloadHeaders(reply, 'text/calendar; charset=utf-8', `meeting-${meeting.id}.ics`).send(ics)
  })

  app.get<WithId>('/api/export/meetings/:id.md', async (request, reply) => {
    requireApproved(request)
    const { meeting, skipped, owners, fileName } = await exportParts(request.params.id)
    const { value: markdown, skipped: inDocument } = await skippedEntries.readListing(meetingDocumentName(meeting.id), (doc) => meetingToMarkdown(doc, meeting, owners))
    skippedEntries.tell(reply, [skipped, inDocument])
    return sendMarkdownDownload(reply, `${fileName}.md`, markdown)
  })

  app.get<WithId>('/api/export/meetings/:id.html', async (request, reply) => {
    requireApproved(request)
    const { meeting, skipped, owners, fileName } = await exportParts(request.params.id)
    const { value: html, skipped: inDocument } = await skippedEntries.readListing(meetingDocumentName(meeting.id), (doc) => meetingToHtml(doc, meeting, owners))
    skippedEntries.tell(reply, [skipped, inDocument])
    return sendHtmlDownload(reply, `${fileName}.html`, html)
  })

  /**
   * Open actions owned by the signed-in member, soonest due first (undated last), then in
   * meeting order. Each meeting's document is read in turn: fine for the tens of meetings a
   * working group holds; see docs/decisions.md for when it would need an index.
   */
  app.get('/api/my-actions', async (request, reply): Promise<MyActionsResponse> => {
    const member = requireApproved(request)
    const index = await skippedEntries.readListing(DocumentName.meetings, (doc) => readMeetings(doc))
    const meetings = index.value
    const skipped = [index.skipped]
    const actions: MyAction[] = []
    for (const meeting of meetings) {
      // Only the actions: what else in a meeting is malformed does not touch this list.
      const read = await skippedEntries.readListing(meetingDocumentName(meeting.id), (doc) =>
        readActions(doc).filter((action) => action.ownerId === member.id && !action.done), { roots: ['actions'] })
      skipped.push(read.skipped)
      const open = read.value
      for (const action of open) {
        actions.push({ meetingId: meeting.id, meetingTitle: meeting.title, actionId: action.id, text: action.text, due: action.due, done: action.done })
      }
    }
    // A stable sort keeps meeting order among actions due on the same day.
    actions.sort((a, b) => (a.due === b.due ? 0 : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1))
    skippedEntries.tell(reply, skipped)
    return { actions }
  })
}

/** Where the web app shows a meeting. */
export function meetingPageUrl(publicUrl: string, meetingId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/meetings/${encodeURIComponent(meetingId)}`
}
