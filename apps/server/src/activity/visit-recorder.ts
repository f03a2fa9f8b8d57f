/**
 * Records what each member saw of a document with history: when their connection to it ends
 * (Hocuspocus's onDisconnect: leaving the page, closing the tab, losing the network) and every
 * `intervalMs` while it stays open, so a tab left open for days still counts as seen. The
 * visit names a version holding what they saw: an automatic version captured now when the
 * document changed since its latest version, else that latest version.
 */
import { historyKindOf } from '@studio/contract'
import type { Extension, connectedPayload, onDisconnectPayload } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import type { CollabContext } from '../collab/websocket-gate.ts'
import type { History } from '../history/history.ts'
import type { Store } from '../store/database.ts'
import { latestVersion, recordVisit } from './visits-store.ts'

export const defaultVisitIntervalMs = 5 * 60_000

export interface VisitRecorder {
  extension: Extension
  /** Stops the timers and waits for visits being recorded. */
  stop(): Promise<void>
}

export function createVisitRecorder(context: { history: History; store: Store; log: FastifyBaseLogger; intervalMs: number }): VisitRecorder {
  /** One timer per open connection to a document (a socket carries several documents). */
  const timers = new Map<string, NodeJS.Timeout>()
  const underWay = new Set<Promise<unknown>>()
  let stopped = false

  async function record(memberId: string, document: string): Promise<void> {
    const captured = await context.history.capture(document, 'auto', { onlyIfChanged: true })
    const version = captured ?? (await latestVersion(context.store.db, document))
    if (!version) return
    // A version captured now holds the state as of its own time; an older one was current until now.
    const seenAt = captured ? captured.createdAt : new Date().toISOString()
    await recordVisit(context.store.db, { memberId, document, seenAt, versionId: version.id })
  }

  function track(memberId: string, document: string): void {
    const running = record(memberId, document)
      .catch((error: unknown) => context.log.error({ err: error, document }, 'could not record what a member saw'))
      .finally(() => underWay.delete(running))
    underWay.add(running)
  }

  const keyOf = (socketId: string, document: string) => `${socketId}\n${document}`

  return {
    extension: {
      extensionName: 'ActivityVisits',
      async connected({ documentName, context: collab, socketId }: connectedPayload<CollabContext>) {
        if (stopped || !historyKindOf(documentName)) return
        const memberId = collab.member.id
        timers.set(keyOf(socketId, documentName), setInterval(() => track(memberId, documentName), context.intervalMs).unref())
      },
      async onDisconnect({ documentName, context: collab, socketId }: onDisconnectPayload<CollabContext>) {
        if (!historyKindOf(documentName)) return
        const key = keyOf(socketId, documentName)
        const timer = timers.get(key)
        // Only a connection that was accepted and synced (and so got a timer) was a visit.
        if (!timer) return
        clearInterval(timer)
        timers.delete(key)
        track(collab.member.id, documentName)
      },
    },
    async stop() {
      stopped = true
      for (const timer of timers.values()) clearInterval(timer)
      timers.clear()
      await Promise.all(underWay)
    },
  }
}
