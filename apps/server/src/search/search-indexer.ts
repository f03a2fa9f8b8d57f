/**
 * Keeps the search index in step with the documents. A source is a document (the terms of
 * reference, the matrix, a meeting) or the comments on one (`comments:<document>`, the
 * read-only mirror the comments feature writes after every create, edit or resolve). Every
 * change Hocuspocus sees, a member's edit or the studio's own, rebuilds that source's rows
 * once the document has been quiet for `quietMs` (at most `longestWaitMs` after the first
 * change, so a long typing session is still found). A change to the meetings list rebuilds
 * the meetings whose title, date or archiving changed, since their rows carry that label.
 *
 * At start, `catchUp` rebuilds every source changed since it was last indexed (edits made
 * while no instance was running, or whose rebuild a stop cut short): the log and the
 * comments table say when each last changed.
 */
import { commentsDocumentName, DocumentName, type Comment } from '@studio/contract'
import type { Meeting } from '@studio/framework'
import type { Extension, onChangePayload } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import { PerDocumentQueue } from '../collab/per-document-queue.ts'
import { QuietTimers } from '../collab/quiet-timers.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import { everyMeeting } from '../meetings/every-meeting.ts'
import type { Store } from '../store/database.ts'
import { commentEntries, documentLabel, matrixEntries, meetingEntries, meetingLabel, termsEntries, type SearchEntry } from './search-entries.ts'
import { commentChangeTimes, documentChangeTimes, indexedTimes, replaceSource } from './search-store.ts'

export const defaultQuietMs = 400
const longestWaitMs = 5000

const meetingPrefix = 'meeting:'
const commentsPrefix = 'comments:'

export interface SearchIndexerContext {
  store: Store
  serverChanges: ServerChanges
  log: FastifyBaseLogger
  /** The comments on a document, oldest first (the comments feature's repository). */
  listComments(document: string): Promise<Comment[]>
  quietMs?: number
}

export interface SearchIndexer {
  extension: Extension
  /** Rebuilds one source now (after any rebuild of it under way). */
  rebuild(source: string): Promise<void>
  /** Rebuilds every source changed since it was last indexed. */
  catchUp(): Promise<void>
  /** Stops the timers and waits for rebuilds under way. */
  stop(): Promise<void>
}

/** Whether changes to `name` concern search, and as which source. */
function isSource(name: string): boolean {
  if (name === DocumentName.termsOfReference || name === DocumentName.competencyMatrix || name.startsWith(meetingPrefix)) return true
  return name.startsWith(commentsPrefix) && isSource(name.slice(commentsPrefix.length)) || name === commentsDocumentName(DocumentName.meetings)
}

export function createSearchIndexer(context: SearchIndexerContext): SearchIndexer {
  const { store, serverChanges, log } = context
  const quietMs = context.quietMs ?? defaultQuietMs
  const queue = new PerDocumentQueue()
  const waiting = new QuietTimers({ quietMs, longestWaitMs }, run)
  /** Each meeting's label and archiving as last indexed, to see which a change to the list touched. */
  let knownMeetings = new Map<string, string>()
  let stopped = false

  const meetingKey = (meeting: Meeting) => `${meeting.archived ? 'archived' : 'shown'} ${meetingLabel(meeting)}`

  async function entriesOf(source: string): Promise<SearchEntry[]> {
    if (source === DocumentName.termsOfReference) return serverChanges.peek(source, termsEntries)
    if (source === DocumentName.competencyMatrix) return serverChanges.peek(source, matrixEntries)
    // Kept between rebuilds while the list is not loaded (every-meeting.ts): loading it for
    // every meeting and comments source cost more than the rebuild.
    const meetings = await everyMeeting(serverChanges)
    const meetingOf = (document: string) => meetings.find((meeting) => `${meetingPrefix}${meeting.id}` === document)
    if (source.startsWith(meetingPrefix)) {
      const meeting = meetingOf(source)
      // An archived meeting is out of the list, so out of search; restoring it brings it back.
      if (!meeting || meeting.archived) return []
      return serverChanges.peek(source, (doc) => meetingEntries(doc, meeting))
    }
    const document = source.slice(commentsPrefix.length)
    if (meetingOf(document)?.archived) return []
    const labels = new Map(meetings.map((meeting) => [meeting.id, meetingLabel(meeting)]))
    return commentEntries(document, await context.listComments(document), documentLabel(document, labels))
  }

  function rebuild(source: string): Promise<void> {
    return queue.run(source, async () => {
      const readAt = new Date()
      await replaceSource(store, source, await entriesOf(source), readAt)
    })
  }

  /** The meetings whose label or archiving changed since last seen, rebuilt with their comments. */
  async function meetingListChanged(): Promise<void> {
    const meetings = await everyMeeting(serverChanges)
    const now = new Map(meetings.map((meeting) => [meeting.id, meetingKey(meeting)]))
    const changed = meetings.filter((meeting) => knownMeetings.get(meeting.id) !== now.get(meeting.id))
    knownMeetings = now
    for (const meeting of changed) {
      const document = `${meetingPrefix}${meeting.id}`
      await rebuild(document)
      await rebuild(commentsDocumentName(document))
    }
  }

  function run(source: string): void {
    const work = source === DocumentName.meetings ? queue.run(source, meetingListChanged) : rebuild(source)
    work.catch((error: unknown) => log.error({ err: error, source }, 'could not bring the search index up to date; the next change or start will'))
  }

  function documentChanged(name: string): void {
    if (stopped || (name !== DocumentName.meetings && !isSource(name))) return
    waiting.touch(name)
  }

  async function catchUp(): Promise<void> {
    const [indexed, documents, comments, meetings] = await Promise.all([indexedTimes(store), documentChangeTimes(store), commentChangeTimes(store), everyMeeting(serverChanges)])
    knownMeetings = new Map(meetings.map((meeting) => [meeting.id, meetingKey(meeting)]))
    const sources = new Map<string, string>()
    for (const [document, at] of documents) if (isSource(document) && !document.startsWith(commentsPrefix)) sources.set(document, at)
    for (const [document, at] of comments) sources.set(commentsDocumentName(document), at)
    // A meeting's rows carry the list's label: a change to the list makes them suspect, and a
    // meeting nobody has written in yet still has its title and place to find.
    const listChanged = documents.get(DocumentName.meetings) ?? ''
    const later = (a: string | undefined, b: string) => ((a ?? '') > b ? a! : b)
    for (const meeting of meetings) {
      const document = `${meetingPrefix}${meeting.id}`
      sources.set(document, later(sources.get(document), listChanged))
      const comments = commentsDocumentName(document)
      if (sources.has(comments)) sources.set(comments, later(sources.get(comments), listChanged))
    }
    for (const [source, changedAt] of sources) {
      if (stopped) return
      const indexedAt = indexed.get(source)
      if (indexedAt && indexedAt > changedAt) continue
      await rebuild(source).catch((error: unknown) => log.error({ err: error, source }, 'could not rebuild a source of the search index at start'))
    }
  }

  return {
    extension: {
      extensionName: 'SearchIndex',
      async onChange({ documentName }: onChangePayload) {
        documentChanged(documentName)
      },
    },
    rebuild,
    catchUp,
    async stop() {
      stopped = true
      // Rebuilds not yet run are left to the next start's catch-up: their changes are in the log.
      waiting.clear()
      await queue.settled()
    },
  }
}
