/**
 * The copy of a document this browser keeps in IndexedDB (y-indexeddb), so the studio opens
 * a document without a connection and edits survive a reload until the server has them.
 * Yjs merges the copy with the server's state when the connection returns, like any other
 * concurrent edit. The copy also remembers whether it has ever held the server's version:
 * a device that never opened a document with a connection has nothing of it to show, and
 * must say so rather than offer an empty document to edit.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'
import { heldCopiesKey, isLocalCopyOf, isWaitingEditsKeyOf, localCopyName, parseHeldCopies } from '../lib/offline/local-copies.ts'

/** A browser that cannot open IndexedDB (some private modes) must still reach the server. */
const loadTimeout = 3_000

/** The copy's own record (y-indexeddb's custom store) that the server's version has been in it. */
const serverCopyKey = 'server-copy'

export interface LocalCopy {
  /** Resolves once the stored copy is in the document: true when one was read, false when none could be. */
  loaded: Promise<boolean>
  /** Resolves, once loaded, to whether the copy has ever held the server's version of the document. */
  hadServerCopy: Promise<boolean>
  /** Records that the server's version is now in the copy (call once the provider has synced). */
  markServerCopy: () => void
  destroy: () => void
}

const noCopy = (): LocalCopy => ({ loaded: Promise.resolve(false), hadServerCopy: Promise.resolve(false), markServerCopy: () => {}, destroy: () => {} })

export function keepLocalCopy(memberId: string, documentName: string, doc: Y.Doc): LocalCopy {
  if (typeof indexedDB === 'undefined') return noCopy()
  recordHeldCopy(memberId, documentName)
  let persistence: IndexeddbPersistence
  try {
    persistence = new IndexeddbPersistence(localCopyName(memberId, documentName), doc)
  } catch {
    return noCopy()
  }
  // y-indexeddb leaves its database promise rejected when IndexedDB refuses to open.
  persistence._db.catch(() => {})
  const loaded = Promise.race([
    persistence.whenSynced.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), loadTimeout)),
  ]).catch(() => false)
  const hadServerCopy = loaded.then(async (read) => {
    if (!read) return false
    const marked = await persistence.get(serverCopyKey).catch(() => undefined)
    // Copies kept before the record existed were filled from the server: content means they were.
    return marked === 1 || doc.store.clients.size > 0
  })
  return {
    loaded,
    hadServerCopy,
    markServerCopy: () => {
      void loaded.then((read) => (read ? persistence.set(serverCopyKey, 1) : undefined)).catch(() => {})
    },
    destroy: () => {
      void persistence.destroy().catch(() => {})
    },
  }
}

/**
 * Deletes every document copy (and waiting-edit count) this browser keeps for `memberId`:
 * signing out of a shared laptop must not leave the working group's documents behind.
 */
export async function forgetLocalCopies(memberId: string): Promise<void> {
  for (const key of Object.keys(localStorage)) {
    if (isWaitingEditsKeyOf(memberId, key)) localStorage.removeItem(key)
  }
  localStorage.removeItem(heldCopiesKey(memberId))
  recordedBeforeStock.delete(memberId)
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  const databases = await indexedDB.databases().catch(() => [])
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => typeof name === 'string' && isLocalCopyOf(memberId, name))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name)
            request.onsuccess = request.onerror = request.onblocked = () => resolve()
          }),
      ),
  )
}

/*
 * Which documents this device holds copies of, kept in localStorage so a page can tell at once,
 * without waiting for IndexedDB: a page opening a document it never kept here has no copy to
 * load before asking the server, and asks at once (composables/useCollabDocument.ts). The list
 * is written whole from IndexedDB's own list of databases the first time (a device kept copies
 * before the list existed), then a name is added as each copy is made. A name missing in error
 * costs only speed: the page then asks before its copy is in, and the server sends the whole
 * document rather than what the copy lacks.
 */

/** Copies made while the first list was still being read: added to it when it is written. */
const recordedBeforeStock = new Map<string, Set<string>>()
const stockTaking = new Map<string, Promise<void>>()

/** Whether this device may hold `memberId`'s copy of `documentName`: yes, unless its list says not. */
export function mayHoldLocalCopy(memberId: string, documentName: string): boolean {
  const held = parseHeldCopies(safeStorage()?.getItem(heldCopiesKey(memberId)) ?? null)
  return held === null || held.has(documentName)
}

/** Writes the list of `memberId`'s copies once, from IndexedDB's databases, if there is none yet. */
export function takeStockOfLocalCopies(memberId: string): Promise<void> {
  const store = safeStorage()
  if (!store || typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return Promise.resolve()
  if (parseHeldCopies(store.getItem(heldCopiesKey(memberId))) !== null) return Promise.resolve()
  let taking = stockTaking.get(memberId)
  if (!taking) {
    taking = indexedDB
      .databases()
      .then((databases) => {
        const names = databases.map((database) => database.name).filter((name): name is string => typeof name === 'string' && isLocalCopyOf(memberId, name))
        const held = new Set([...names.map((name) => name.slice(localCopyName(memberId, '').length)), ...(recordedBeforeStock.get(memberId) ?? [])])
        store.setItem(heldCopiesKey(memberId), JSON.stringify([...held]))
        recordedBeforeStock.delete(memberId)
      })
      .catch(() => {})
      .finally(() => stockTaking.delete(memberId))
    stockTaking.set(memberId, taking)
  }
  return taking
}

function recordHeldCopy(memberId: string, documentName: string): void {
  const store = safeStorage()
  if (!store) return
  const held = parseHeldCopies(store.getItem(heldCopiesKey(memberId)))
  if (held === null) {
    const early = recordedBeforeStock.get(memberId) ?? new Set<string>()
    recordedBeforeStock.set(memberId, early.add(documentName))
  } else if (!held.has(documentName)) {
    store.setItem(heldCopiesKey(memberId), JSON.stringify([...held, documentName]))
  }
}

/** This browser's localStorage, or null where it is missing or refused (some private modes). */
export function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
