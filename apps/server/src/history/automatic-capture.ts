/**
 * The versions nobody asks for: an `auto` version when a loaded document falls quiet (no
 * edit for `quietMs`, 10 minutes in production), and a `meeting-end` version at each
 * meeting's scheduled end (start + duration, from the meetings index). Timers are this
 * instance's; with several instances each may fire, so an automatic capture is skipped when
 * nothing changed since the latest version, and a meeting's end is captured once.
 */
import { DocumentName, historyKindOf } from '@studio/contract'
import { meetingDocumentName, meetingInstant, readMeetings } from '@studio/framework'
import type { Extension, onChangePayload } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import type { ServerChanges } from '../collab/server-changes.ts'
import type { Store } from '../store/database.ts'
import type { History } from './history.ts'

export const defaultQuietMs = 10 * 60_000

/** setTimeout's longest delay (about 24.8 days); meetings further away wait for the daily rescan. */
const longestTimer = 2 ** 31 - 1
const rescanMs = 24 * 60 * 60_000

export interface AutomaticCapture {
  /** Joins Hocuspocus's extensions: every change to a document with history restarts its quiet timer. */
  extension: Extension
  /** Reads the meetings index and sets a timer for each meeting's end still to come. */
  scheduleMeetingEnds(): Promise<void>
  stop(): void
}

export function createAutomaticCapture(context: { history: History; serverChanges: ServerChanges; store: Store; log: FastifyBaseLogger; quietMs: number }): AutomaticCapture {
  const quietTimers = new Map<string, NodeJS.Timeout>()
  const meetingTimers = new Map<string, NodeJS.Timeout>()
  let rescheduling: NodeJS.Timeout | undefined
  let stopped = false

  const report = (document: string, kind: string) => (error: unknown) => {
    if (!stopped) context.log.error({ err: error, document }, `could not capture the ${kind} version`)
  }

  function documentChanged(document: string): void {
    if (stopped) return
    if (document === DocumentName.meetings) {
      // A meeting's time may have changed: set the end timers again, once the editing settles.
      clearTimeout(rescheduling)
      rescheduling = setTimeout(() => void scheduleMeetingEnds().catch(report(document, 'meeting-end')), 1000).unref()
      return
    }
    if (!historyKindOf(document)) return
    clearTimeout(quietTimers.get(document))
    quietTimers.set(document, setTimeout(() => {
      quietTimers.delete(document)
      void context.history.capture(document, 'auto', { onlyIfChanged: true }).catch(report(document, 'automatic'))
    }, context.quietMs).unref())
  }

  async function captureMeetingEnd(meetingId: string, start: Date): Promise<void> {
    const document = meetingDocumentName(meetingId)
    // Once per meeting, whichever instance's timer fires first (a later time of the same meeting gets its own).
    const already = await context.store.db.selectFrom('document_versions').select('id')
      .where('document', '=', document).where('kind', '=', 'meeting-end').where('created_at', '>=', start.toISOString())
      .limit(1).executeTakeFirst()
    if (!already) await context.history.capture(document, 'meeting-end')
  }

  async function scheduleMeetingEnds(): Promise<void> {
    const meetings = await context.serverChanges.read(DocumentName.meetings, (doc) => readMeetings(doc))
    if (stopped) return
    for (const timer of meetingTimers.values()) clearTimeout(timer)
    meetingTimers.clear()
    const now = Date.now()
    for (const meeting of meetings) {
      const instant = meetingInstant(meeting)
      if (!instant) continue
      const wait = instant.end.getTime() - now
      if (wait <= 0 || wait > longestTimer) continue
      meetingTimers.set(meeting.id, setTimeout(() => {
        meetingTimers.delete(meeting.id)
        void captureMeetingEnd(meeting.id, instant.start).catch(report(meetingDocumentName(meeting.id), 'meeting-end'))
      }, wait).unref())
    }
  }
  const rescan = setInterval(() => void scheduleMeetingEnds().catch(report(DocumentName.meetings, 'meeting-end')), rescanMs).unref()

  return {
    extension: {
      extensionName: 'HistoryAutomaticCapture',
      async onChange({ documentName }: onChangePayload) {
        documentChanged(documentName)
      },
    },
    scheduleMeetingEnds,
    stop() {
      stopped = true
      clearInterval(rescan)
      clearTimeout(rescheduling)
      for (const timer of [...quietTimers.values(), ...meetingTimers.values()]) clearTimeout(timer)
      quietTimers.clear()
      meetingTimers.clear()
    },
  }
}
