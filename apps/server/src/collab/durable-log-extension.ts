/**
 * Makes every accepted edit durable before anyone sees it. Hocuspocus awaits `beforeSync`
 * before it applies an update and broadcasts it, so an update is in the log first; a
 * malformed update closes the connection and is never stored; read-only connections'
 * updates are dropped by Hocuspocus and never logged. Documents load from the log and
 * are compacted when their log grows long and when they unload. Through a store outage
 * (a locked SQLite file, a PostgreSQL restart) appends and loads wait and retry rather
 * than fail the client.
 */
import { CloseCode, closeReasons } from '@studio/contract'
import type { afterUnloadDocumentPayload, beforeSyncPayload, Extension, onLoadDocumentPayload } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import { wasDecoded } from './decoded-updates.ts'
import { PerDocumentQueue } from './per-document-queue.ts'
import { appendUpdate, compactDocument, loadDocumentTailInto } from '../store/update-log.ts'
import { writeSnapshot } from '../store/document-snapshots.ts'
import type { StudioMetrics } from '../metrics/studio-metrics.ts'
import type { Store } from '../store/database.ts'
import type { CollabContext } from './websocket-gate.ts'

export interface DurableLogOptions {
  store: Store
  log: FastifyBaseLogger
  /** Compact once a loaded document's log has this many entries. */
  compactAfter: number
  /**
   * Write a snapshot once this many entries have not been folded into the state (counted
   * from the load, the last snapshot or the last compaction). Compaction keeps a log short
   * when it can run; a snapshot keeps a load short when it cannot.
   */
  snapshotEvery: number
  metrics?: Pick<StudioMetrics, 'updates' | 'appendSeconds' | 'compactionSeconds'>
}

/** How long a document load waits for an unavailable store before the client is turned away. */
const loadPatienceMs = 30_000

export class DurableLogExtension implements Extension {
  extensionName = 'DurableLog'
  private readonly logLengths = new Map<string, number>()
  /** Per loaded document, log entries the stored state does not hold yet. */
  private readonly unfolded = new Map<string, number>()
  private readonly compactions = new PerDocumentQueue()
  private readonly options: DurableLogOptions

  constructor(options: DurableLogOptions) {
    this.options = options
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    // Through an outage the load waits for the store (a failed load would turn the client
    // away); after a while it gives up, and the client's own reconnecting takes over.
    const giveUpAt = Date.now() + loadPatienceMs
    const loaded = await this.options.store.availability.untilDone(() => loadDocumentTailInto(this.options.store, documentName, document), {
      stillWanted: () => Date.now() < giveUpAt,
      onWait: (error, outageStarted) => this.reportWait(error, outageStarted, documentName, 'loading'),
    })
    this.logLengths.set(documentName, loaded.entries)
    this.unfolded.set(documentName, loaded.replayed)
    if (loaded.entries >= this.options.compactAfter) this.compact(documentName)
    else if (loaded.replayed >= this.options.snapshotEvery) this.snapshot(documentName)
  }

  async beforeSync({ type, payload, connection, document, documentName, context }: beforeSyncPayload<CollabContext>): Promise<void> {
    if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return
    if (connection.readOnly) return
    if (!wasDecoded(payload) && !isWellFormed(payload)) {
      throw { code: CloseCode.MalformedUpdate, reason: closeReasons[CloseCode.MalformedUpdate] }
    }
    // A reconnecting client's step 2 usually holds nothing new; don't log it again.
    if (type === messageYjsSyncStep2 && Y.snapshotContainsUpdate(Y.snapshot(document), payload)) return

    const started = performance.now()
    // While the store cannot write, the update waits here, logged before it is applied or
    // broadcast as always, and the socket stays open: the client keeps typing locally, its
    // later messages queue behind this one, and all go through once the store is back.
    await this.options.store.availability.untilDone(
      () => appendUpdate(this.options.store, { document: documentName, update: payload, authorId: context.member.id }),
      {
        stillWanted: () => document.hasConnection(connection),
        onWait: (error, outageStarted) => this.reportWait(error, outageStarted, documentName, 'appending'),
      },
    )
    this.options.metrics?.appendSeconds.observe((performance.now() - started) / 1000)
    this.options.metrics?.updates.inc()
    const length = (this.logLengths.get(documentName) ?? 0) + 1
    this.logLengths.set(documentName, length)
    const unfolded = (this.unfolded.get(documentName) ?? 0) + 1
    this.unfolded.set(documentName, unfolded)
    if (length >= this.options.compactAfter) this.compact(documentName)
    else if (unfolded >= this.options.snapshotEvery) this.snapshot(documentName)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.logLengths.delete(documentName)
    this.unfolded.delete(documentName)
    this.compact(documentName)
  }

  /** Logs an outage once, when it starts, rather than once per waiting edit. */
  private reportWait(error: unknown, outageStarted: boolean, documentName: string, doing: string): void {
    if (!outageStarted) return
    this.options.log.warn(
      { store: this.options.store.availability.current, error: (error as Error).message, document: documentName },
      `the store cannot take writes; ${doing} waits and is retried until it returns`,
    )
  }

  /** Resolves when every compaction started so far has finished. */
  async settled(): Promise<void> {
    await this.compactions.settled()
  }

  /** Queues a compaction; one at a time per document. */
  private compact(documentName: string): void {
    if (this.logLengths.has(documentName)) this.logLengths.set(documentName, 0)
    void this.compactions.run(documentName, async () => {
      try {
        const started = performance.now()
        const folded = await compactDocument(this.options.store.db, this.options.store.dialect, documentName)
        this.options.metrics?.compactionSeconds.observe((performance.now() - started) / 1000)
        // Only a compaction that ran folds the log: one that failed leaves the count, so
        // snapshots still keep the next load short while compaction cannot run.
        this.markFolded(documentName, folded)
        if (folded > 0) {
          this.options.log.debug({ document: documentName, folded, ms: Math.round(performance.now() - started) }, 'compacted document log')
        }
      } catch (error) {
        this.options.log.error({ err: error, document: documentName }, 'compaction failed; the log is kept')
      }
    })
  }

  /**
   * Queues a snapshot (store/document-snapshots.ts) behind any compaction of the document:
   * off the edit path, in a transaction of its own. The log is left as it is.
   */
  private snapshot(documentName: string): void {
    if (this.unfolded.has(documentName)) this.unfolded.set(documentName, 0)
    void this.compactions.run(documentName, async () => {
      try {
        const started = performance.now()
        const folded = await writeSnapshot(this.options.store.db, this.options.store.dialect, documentName)
        if (folded > 0) {
          this.options.log.debug({ document: documentName, folded, ms: Math.round(performance.now() - started) }, 'wrote document snapshot')
        }
      } catch (error) {
        // Counted again from here: the next snapshot is tried after as many more entries.
        this.options.log.error({ err: error, document: documentName }, 'snapshot failed; loads replay more of the log until the next one')
      }
    })
  }

  /** After a compaction that ran, the entries counted before it are in the state. */
  private markFolded(documentName: string, folded: number): void {
    const unfolded = this.unfolded.get(documentName)
    if (unfolded !== undefined) this.unfolded.set(documentName, Math.max(0, unfolded - folded))
  }
}

function isWellFormed(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update)
    return true
  } catch {
    return false
  }
}
