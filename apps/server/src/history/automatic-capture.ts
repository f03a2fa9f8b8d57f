/**
 * The versions nobody asks for: an `auto` version when a loaded document falls quiet (no
 * edit for `quietMs`, 10 minutes in production), and a `meeting-end` version at each
 * meeting's scheduled end (start + duration, from the meetings index). Timers are this
 * instance's; with several instances each may fire, so an automatic capture is skipped when
 * nothing changed since the latest version, and a meeting's end is captured once.
 *
 * Nothing is lost to a restart: stopping captures every document still waiting for its quiet
 * time (its edits are in the log by then), and scheduling catches up on the ends of meetings
 * that passed in the last `catchUpMs` without a version (the studio was down at the time,
 * so the document is as it was then).
 */
import { DocumentName, historyKindOf } from '@studio/contract'
import { meetingDocumentName, meetingInstant, readMeetings } from '@studio/framework'
import type { Extension, onChangePayload } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import { QuietTimers } from '../collab/quiet-timers.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import type { Store } from '../store/database.ts'
import type { History } from './history.ts'

export const defaultQuietMs = 10 * 60_000

/** setTimeout's longest delay (about 24.8 days); meetings further away wait for the daily rescan. */
const longestTimer = 2 ** 31 - 1
const rescanMs = 24 * 60 * 60_000
/** How far back a missed meeting end is still captured; older meetings were long since written up. */
export const catchUpMs = 7 * 24 * 60 * 60_000

export interface AutomaticCapture {
  /** Joins Hocuspocus's extensions: every change to a document with history restarts its quiet timer. */
  extension: Extension
  /** Reads the meetings index and sets a timer for each meeting's end still to come. */
  scheduleMeetingEnds(): Promise<void>
  /** Stops every timer, captures the documents still waiting for their quiet time, and waits for captures under way. */
  stop(): Promise<void>
}

export function createAutomaticCapture(context: { history: History; serverChanges: ServerChanges; store: Store; log: FastifyBaseLogger; now: () => Date; quietMs: number }): AutomaticCapture {
  const captureQuiet = (document: string) => track(context.history.capture(document, 'auto', { onlyIfChanged: true }), document, 'automatic')
  // Real time, not `now`: the quiet is how long people have left the document alone.
  const quietTimers = new QuietTimers({ quietMs: context.quietMs }, captureQuiet)
  const meetingTimers = new Map<string, NodeJS.Timeout>()
  let rescheduling: NodeJS.Timeout | undefined
  let stopped = false
  const underWay = new Set<Promise<unknown>>()

  const report = (document: string, kind: string) => (error: unknown) => {
    context.log.error({ err: error, document }, `could not capture the ${kind} version`)
  }

  /** Runs a capture, keeping it in `underWay` so stopping waits for it rather than closing the store under it. */
  function track(capture: Promise<unknown>, document: string, kind: string): void {
    const running = capture.catch(report(document, kind)).finally(() => underWay.delete(running))
    underWay.add(running)
  }

  function documentChanged(document: string): void {
    if (stopped) return
    if (document === DocumentName.meetings) {
      // A meeting's time may have changed: set the end timers again, once the editing settles.
      clearTimeout(rescheduling)
      rescheduling = setTimeout(() => track(scheduleMeetingEnds(), document, 'meeting-end'), 1000).unref()
      return
    }
    if (historyKindOf(document)) quietTimers.touch(document)
  }

  /** Meetings whose end this instance is capturing now: a rescan meanwhile must not capture it twice. */
  const endsUnderWay = new Set<string>()

  async function captureMeetingEnd(meetingId: string, start: Date): Promise<void> {
    if (endsUnderWay.has(meetingId)) return
    endsUnderWay.add(meetingId)
    try {
      const document = meetingDocumentName(meetingId)
      // Once per meeting, whichever instance's timer fires first (a later time of the same meeting gets its own).
      const already = await context.store.db.selectFrom('document_versions').select('id')
        .where('document', '=', document).where('kind', '=', 'meeting-end').where('created_at', '>=', start.toISOString())
        .limit(1).executeTakeFirst()
      if (!already) await context.history.capture(document, 'meeting-end')
    } finally {
      endsUnderWay.delete(meetingId)
    }
  }

  async function scheduleMeetingEnds(): Promise<void> {
    const meetings = await context.serverChanges.read(DocumentName.meetings, (doc) => readMeetings(doc))
    if (stopped) return
    for (const timer of meetingTimers.values()) clearTimeout(timer)
    meetingTimers.clear()
    const now = context.now().getTime()
    for (const meeting of meetings) {
      const instant = meetingInstant(meeting)
      if (!instant) continue
      const wait = instant.end.getTime() - now
      const captureEnd = () => track(captureMeetingEnd(meeting.id, instant.start), meetingDocumentName(meeting.id), 'meeting-end')
      // Ended while no instance was running (or just now): captured late rather than never.
      if (wait <= 0 && wait > -catchUpMs) captureEnd()
      if (wait <= 0 || wait > longestTimer) continue
      meetingTimers.set(meeting.id, setTimeout(() => {
        meetingTimers.delete(meeting.id)
        captureEnd()
      }, wait).unref())
    }
  }
  const rescan = setInterval(() => track(scheduleMeetingEnds(), DocumentName.meetings, 'meeting-end'), rescanMs).unref()

  return {
    extension: {
      extensionName: 'HistoryAutomaticCapture',
      async onChange({ documentName }: onChangePayload) {
        documentChanged(documentName)
      },
    },
    scheduleMeetingEnds,
    async stop() {
      stopped = true
      clearInterval(rescan)
      clearTimeout(rescheduling)
      for (const timer of meetingTimers.values()) clearTimeout(timer)
      const waiting = quietTimers.clear()
      meetingTimers.clear()
      for (const document of waiting) captureQuiet(document)
      await Promise.all(underWay)
    },
  }
}
