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
  /**
   * Per document with history, the members with a connection open to it on this instance (one
   * entry per connection: a socket carries several documents, a member may have several tabs).
   */
  const open = new Map<string, Map<string, string>>()
  /**
   * One timer per open document, not per connection: each round captures the document once
   * (a comparison of the whole document when it changed, 100-200 ms on the largest matrix) and
   * records it for everyone there. Per connection, twenty people on the matrix meant twenty
   * such comparisons every interval.
   */
  const rounds = new Map<string, NodeJS.Timeout>()
  const underWay = new Set<Promise<unknown>>()
  let stopped = false

  async function record(memberIds: readonly string[], document: string): Promise<void> {
    const captured = await context.history.capture(document, 'auto', { onlyIfChanged: true })
    const version = captured ?? (await latestVersion(context.store.db, document))
    if (!version) return
    // A version captured now holds the state as of its own time; an older one was current until now.
    const seenAt = captured ? captured.createdAt : new Date().toISOString()
    for (const memberId of new Set(memberIds)) await recordVisit(context.store.db, { memberId, document, seenAt, versionId: version.id })
  }

  function track(memberIds: readonly string[], document: string): void {
    const running = record(memberIds, document)
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
        let members = open.get(documentName)
        if (!members) open.set(documentName, (members = new Map()))
        members.set(keyOf(socketId, documentName), collab.member.id)
        if (!rounds.has(documentName)) {
          rounds.set(documentName, setInterval(() => track([...(open.get(documentName)?.values() ?? [])], documentName), context.intervalMs).unref())
        }
      },
      async onDisconnect({ documentName, context: collab, socketId }: onDisconnectPayload<CollabContext>) {
        if (!historyKindOf(documentName)) return
        const members = open.get(documentName)
        // Only a connection that was accepted and synced (and so was counted) was a visit.
        if (!members?.delete(keyOf(socketId, documentName))) return
        if (members.size === 0) {
          open.delete(documentName)
          clearInterval(rounds.get(documentName))
          rounds.delete(documentName)
        }
        track([collab.member.id], documentName)
      },
    },
    async stop() {
      stopped = true
      for (const timer of rounds.values()) clearInterval(timer)
      rounds.clear()
      open.clear()
      await Promise.all(underWay)
    },
  }
}
