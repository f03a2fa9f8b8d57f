/**
 * A value read from a live Yjs document through the model's read functions, read again
 * after every change (local, remote, or loaded from this device), for as long as the
 * calling component lives.
 */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import type * as Y from 'yjs'

export function useDocumentReader<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): ShallowRef<T> {
  const value = shallowRef(read(doc))
  const refresh = () => {
    value.value = read(doc)
  }
  doc.on('update', refresh)
  onScopeDispose(() => doc.off('update', refresh))
  return value
}
