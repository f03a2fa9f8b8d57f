/**
 * A value read from a live Yjs document through the model's read functions, read again
 * after every change (local, remote, or loaded from this device), for as long as the
 * calling component lives.
 */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import type * as Y from 'yjs'

export interface DocumentReaderOptions {
  /**
   * Read again once the page is idle after a burst of changes, rather than inside each
   * change: for a read of the whole document that nothing on screen waits for. Run inside
   * the change, listing a large matrix's malformed entries held up every other listener of
   * the update, the grid's repaint among them, by tens of ms.
   */
  whenIdle?: boolean
}

/** How long an idle read may wait for the page to be idle. */
const idleTimeoutMs = 2000

export function useDocumentReader<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, options: DocumentReaderOptions = {}): ShallowRef<T> {
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
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(run, { timeout: idleTimeoutMs })
      scheduled = () => cancelIdleCallback(handle)
    } else {
      const handle = setTimeout(run, 100)
      scheduled = () => clearTimeout(handle)
    }
  }
  const onUpdate = options.whenIdle ? refreshWhenIdle : refresh
  doc.on('update', onUpdate)
  onScopeDispose(() => {
    doc.off('update', onUpdate)
    scheduled?.()
  })
  return value
}
