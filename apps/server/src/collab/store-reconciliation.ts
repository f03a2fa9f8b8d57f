/**
 * Brings the documents loaded on this instance up to date with the store. While Redis is
 * down, instances cannot relay edits to each other, though each logs its own clients'
 * edits in the shared store. When Redis returns, relaying resumes for new edits only: an
 * edit relayed into the outage may never arrive. So each instance then reads every loaded
 * document back from the store and applies what it lacks, which Hocuspocus broadcasts to
 * its clients. Those edits were logged where they were made and are not logged again (they
 * do not come from a client, so the durable log never sees them).
 */
import type { Hocuspocus } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import * as Y from 'yjs'
import { loadDocumentInto } from '../store/update-log.ts'
import type { Store } from '../store/database.ts'

/** Marks updates applied from the store, so nothing mistakes them for a client's. */
export const storeReconciliationOrigin = Symbol('store-reconciliation')

/** Applies to each loaded document what the store holds and it lacks; returns how many documents changed. */
export async function reconcileLoadedDocuments(hocuspocus: Hocuspocus, store: Store, log: FastifyBaseLogger): Promise<number> {
  let changed = 0
  for (const [name, live] of hocuspocus.documents) {
    const stored = new Y.Doc()
    try {
      await loadDocumentInto(store, name, stored)
      const missing = Y.encodeStateAsUpdate(stored, Y.encodeStateVector(live))
      if (!Y.snapshotContainsUpdate(Y.snapshot(live), missing)) {
        Y.applyUpdate(live, missing, storeReconciliationOrigin)
        changed += 1
      }
    } catch (error) {
      log.warn({ err: error, document: name }, 'could not bring a document up to date with the store')
    } finally {
      stored.destroy()
    }
  }
  if (changed > 0) log.info({ documents: changed }, 'brought loaded documents up to date with the store after Redis returned')
  return changed
}
