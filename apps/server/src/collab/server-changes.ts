/**
 * Changes the studio itself makes to a live document: an import, a mirrored comment.
 * They take the same path as a member's edit: the change is made on a copy, its update is
 * appended to the log (with the member on whose behalf it is made), and only then applied
 * to the live document, which broadcasts it to everyone connected. Its update must fit the
 * document's model as a member's must (document-model-extension.ts): one rule for every writer.
 */
import type { Hocuspocus } from '@hocuspocus/server'
import { checkUpdate, documentModelFor } from '@studio/framework'
import * as Y from 'yjs'
import { PerDocumentQueue } from './per-document-queue.ts'
import { appendUpdate, loadDocumentInto, storedVersion } from '../store/update-log.ts'
import type { Store } from '../store/database.ts'

export interface ServerChanges {
  /**
   * Runs `change` against the document's current content and makes its result durable and
   * live. Returns what `change` returned. Nothing is written when `change` throws or changes nothing.
   */
  apply<T>(documentName: string, authorId: string | null, change: (doc: Y.Doc) => T): Promise<T>
  /** A copy of the document's current content, for reading (exports). */
  read<T>(documentName: string, reader: (doc: Y.Doc) => T): Promise<T>
  /**
   * Like `read`, without the copy when the document is loaded: `reader` sees the live
   * document, so it must only read, and synchronously. For readers that run often on large
   * documents while people edit them (search), where encoding the whole document into a copy
   * each time cost more than the reading.
   */
  peek<T>(documentName: string, reader: (doc: Y.Doc) => T): Promise<T>
  /**
   * Like `peek`, for a reader run often on a document that is seldom loaded (the meetings
   * list, which every rebuild of a meeting's search rows needs): while the document is not
   * loaded, the answer read from the store is kept under `key` and given again until what is
   * stored for the document changes (`storedVersion`), so the document is not loaded from
   * the store for every call. Callers must not change the answer.
   */
  peekKept<T>(documentName: string, key: string, reader: (doc: Y.Doc) => T): Promise<T>
}

/** The studio's own change would have broken the document's model; nothing was written. */
export class DocumentModelError extends Error {
  constructor(documentName: string, reason: string) {
    super(`A change to ${documentName} was refused because it does not fit the document: ${reason}`)
    this.name = 'DocumentModelError'
  }
}

/** Marks updates applied by the studio, so nothing mistakes them for a client's. */
export const serverChangeOrigin = Symbol('server-change')

export function createServerChanges(hocuspocus: Hocuspocus, store: Store): ServerChanges {
  // One change at a time per document, so two imports never interleave.
  const queue = new PerDocumentQueue()
  /** peekKept's answers, by document and key, with the stored version each was read at. */
  const keptAnswers = new Map<string, { version: string; answer: unknown }>()

  async function withDocument<T>(documentName: string, work: (live: Y.Doc, transact: (apply: (doc: Y.Doc) => void) => Promise<void>) => Promise<T>): Promise<T> {
    // A direct connection loads the document like a socket would, and keeps it loaded until we let go.
    const connection = await hocuspocus.openDirectConnection(documentName, {})
    try {
      const live = connection.document as unknown as Y.Doc
      return await work(live, (apply) => connection.transact((doc) => apply(doc as unknown as Y.Doc)))
    } finally {
      await connection.disconnect()
    }
  }

  async function read<T>(documentName: string, reader: (doc: Y.Doc) => T): Promise<T> {
    // A loaded document is read as it is now, pending edits included; any other straight
    // from the store, so reading never loads, unloads and compacts a document for nothing.
    const copy = new Y.Doc()
    try {
      const live = hocuspocus.documents.get(documentName)
      if (live) Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
      else await loadDocumentInto(store, documentName, copy)
      return reader(copy)
    } finally {
      copy.destroy()
    }
  }

  return {
    apply(documentName, authorId, change) {
      return queue.run(documentName, () =>
        withDocument(documentName, async (live, transact) => {
          const copy = new Y.Doc({ gc: false })
          Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
          const before = Y.encodeStateVector(copy)
          const result = change(copy)
          const update = Y.encodeStateAsUpdate(copy, before)
          copy.destroy()
          if (!Y.snapshotContainsUpdate(Y.snapshot(live), update)) {
            const model = documentModelFor(documentName)
            const verdict = model ? checkUpdate(live, update, model) : { ok: true as const }
            if (!verdict.ok) throw new DocumentModelError(documentName, verdict.reason)
            await appendUpdate(store, { document: documentName, update, authorId })
            await transact((doc) => Y.applyUpdate(doc, update, serverChangeOrigin))
          }
          return result
        }),
      )
    },
    read,
    async peek(documentName, reader) {
      const live = hocuspocus.documents.get(documentName)
      return live ? reader(live as unknown as Y.Doc) : read(documentName, reader)
    },
    async peekKept<T>(documentName: string, key: string, reader: (doc: Y.Doc) => T): Promise<T> {
      const live = hocuspocus.documents.get(documentName)
      if (live) return reader(live as unknown as Y.Doc)
      const cacheKey = `${documentName}\n${key}`
      // The version is read before the content: an append in between makes the content newer
      // than its version, which only costs one more read next time, never a stale answer.
      const version = await storedVersion(store, documentName)
      const kept = keptAnswers.get(cacheKey)
      if (kept?.version === version) return kept.answer as T
      const answer = await read(documentName, reader)
      keptAnswers.set(cacheKey, { version, answer })
      return answer
    },
  }
}
