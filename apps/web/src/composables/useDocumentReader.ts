/**
 * A value read from a live Yjs document through the model's read functions, read again
 * after every change (local, remote, or loaded from this device), for as long as the
 * calling component lives.
 */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import type * as Y from 'yjs'
import { whenIdle } from '../lib/when-idle.ts'

export interface DocumentReaderOptions<T> {
  /**
   * Read again once the page is idle after a burst of changes, rather than inside each
   * change: for a read of the whole document that nothing on screen waits for. Run inside
   * the change, listing a large matrix's malformed entries held up every other listener of
   * the update, the grid's repaint among them, by tens of ms.
   */
  whenIdle?: boolean
  /**
   * Whether a change made on this page may change the value, given the current one. When it
   * returns false, this page's own changes (a local Yjs transaction) are not read again for.
   */
  localChangeMatters?: (current: T) => boolean
}

/** How long an idle read may wait for the page to be idle. */
const idleTimeoutMs = 2000

export function useDocumentReader<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, options: DocumentReaderOptions<T> = {}): ShallowRef<T> {
  const value = shallowRef(read(doc))
  const refresh = () => {
    value.value = read(doc)
  }
  let scheduled: (() => void) | null = null
  const refreshWhenIdle = () => {
    if (scheduled) return
    const run = () => {
      scheduled = null
      refresh()
    }
    scheduled = whenIdle(run, idleTimeoutMs, 100)
  }
  const reread = options.whenIdle ? refreshWhenIdle : refresh
  const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local && options.localChangeMatters && !options.localChangeMatters(value.value)) return
    reread()
  }
  doc.on('update', onUpdate)
  onScopeDispose(() => {
    doc.off('update', onUpdate)
    scheduled?.()
  })
  return value
}
