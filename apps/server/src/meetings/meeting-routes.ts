/**
 * Meetings over HTTP, for every approved member: a dated meeting as a calendar file, a
 * meeting's agenda, notes, decisions and actions as Markdown or an HTML page, and the
 * signed-in member's open actions across all meetings. Meetings themselves are written
 * through their Yjs documents, not here. Every answer reads a copy of the live documents,
 * so it includes edits made a moment ago, and says how many malformed entries it skipped
 * (collab/skipped-entries.ts).
 */
import { DocumentName, ExportVersionQuery, idParams, meetingIdPattern, myActionsResponseSchema, skippedEntriesHeaders, type MyAction } from '@studio/contract'
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
import type * as Y from 'yjs'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { SkippedEntriesReporter, type SkippedEntries } from '../collab/skipped-entries.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { notFound } from '../http/errors.ts'
import { readVersionOr } from '../history/version-exports.ts'
import { download, jsonWithHeaders, withErrors } from '../http/route-schemas.ts'
import type { Store } from '../store/database.ts'
import { downloadHeaders, sendHtmlDownload, sendMarkdownDownload } from '../http/text-downloads.ts'

export interface MeetingsContext {
  store: Store
  serverChanges: ServerChanges
  publicUrl: string
}

export function registerMeetingRoutes(app: FastifyInstance, context: MeetingsContext): void {
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)
  const api = app.withTypeProvider<ZodTypeProvider>()
  const meetingDownload = (contentType: string, description: string) => ({
    preValidation: approvedOnly(),
    schema: { params: idParams, response: withErrors({ 200: download(contentType, description, skippedEntriesHeaders) }) },
  })
  /** An export of the meeting's document, which takes `?version=` (issue 13). */
  const versionedMeetingDownload = (contentType: string, description: string) => {
    const route = meetingDownload(contentType, description)
    return { ...route, schema: { ...route.schema, querystring: ExportVersionQuery } }
  }

  /** The meeting's document now, or as it was in the version `?version=` names (history/version-exports.ts). */
  const readMeetingDocument = <T>(versionId: string | undefined, id: string, reader: (doc: Y.Doc) => T) => {
    const document = meetingDocumentName(id)
    return readVersionOr(app.history, versionId, document, (doc) => ({ value: reader(doc), skipped: { document, entries: [] } }), () => skippedEntries.readListing(document, reader))
  }

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

  api.get('/api/meetings/:id.ics', meetingDownload('text/calendar', 'The meeting as a calendar event (404 while it has no date).'), async (request, reply) => {
    const { meeting, skipped } = await findMeeting(request.params.id)
    skippedEntries.tell(reply, [skipped])
    const host = new URL(context.publicUrl).host
    const ics = meetingToIcs(meeting, { uid: `meeting-${meeting.id}@${host}`, url: meetingPageUrl(context.publicUrl, meeting.id) })
    if (ics === null) {
      throw notFound('This meeting has no date yet, so there is nothing to add to a calendar. Try again once an organiser has set the date.')
    }
    return downloadHeaders(reply, 'text/calendar; charset=utf-8', `meeting-${meeting.id}.ics`).send(ics)
  })

  api.get('/api/export/meetings/:id.md', versionedMeetingDownload('text/markdown', 'The meeting\'s agenda, notes, decisions and actions as Markdown.'), async (request, reply) => {
    const { meeting, skipped, owners, fileName } = await exportParts(request.params.id)
    const { value: markdown, skipped: inDocument } = await readMeetingDocument(request.query.version, meeting.id, (doc) => meetingToMarkdown(doc, meeting, owners))
    skippedEntries.tell(reply, [skipped, inDocument])
    return sendMarkdownDownload(reply, `${fileName}.md`, markdown)
  })

  api.get('/api/export/meetings/:id.html', versionedMeetingDownload('text/html', 'The same as an HTML page (sent with Content-Security-Policy: sandbox).'), async (request, reply) => {
    const { meeting, skipped, owners, fileName } = await exportParts(request.params.id)
    const { value: html, skipped: inDocument } = await readMeetingDocument(request.query.version, meeting.id, (doc) => meetingToHtml(doc, meeting, owners))
    skippedEntries.tell(reply, [skipped, inDocument])
    return sendHtmlDownload(reply, `${fileName}.html`, html)
  })

  /**
   * Open actions owned by the signed-in member, soonest due first (undated last), then in
   * meeting order. Each meeting's document is read in turn: fine for the tens of meetings a
   * working group holds; see docs/decisions.md for when it would need an index.
   */
  api.get('/api/my-actions', {
    preValidation: approvedOnly(),
    schema: { response: withErrors({ 200: jsonWithHeaders(myActionsResponseSchema, 'Open actions owned by the signed-in member.', skippedEntriesHeaders) }) },
  }, async (request, reply) => {
    const member = approvedMember(request)
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
