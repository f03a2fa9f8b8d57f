/**
 * Edits this device holds for documents that are not open: counted by the connection
 * indicator from the start, and sent as soon as the studio is connected (see
 * collab/waiting-copies.ts), so edits made offline reach the group even when the member
 * never reopens that document. Runs once in the signed-in shell.
 */
import { watch } from 'vue'
import { sendWaitingCopy } from '../collab/waiting-copies.ts'
import { documentOfWaitingEditsKey, parseWaitingEdits, waitingEditsKey } from '../lib/offline/local-copies.ts'
import { useConnectionStore } from '../stores/connection.ts'
import { useSessionStore } from '../stores/session.ts'

export function useWaitingEdits(): void {
  const connection = useConnectionStore()
  const session = useSessionStore()
  let sending = false

  function waitingDocuments(memberId: string): Array<[string, number]> {
    const found: Array<[string, number]> = []
    try {
      for (const key of Object.keys(localStorage)) {
        const documentName = documentOfWaitingEditsKey(memberId, key)
        const count = documentName ? parseWaitingEdits(localStorage.getItem(key)) : 0
        if (documentName && count > 0) found.push([documentName, count])
      }
    } catch {
      // No storage, nothing waiting.
    }
    return found
  }

  async function sendAll(memberId: string): Promise<void> {
    if (sending) return
    sending = true
    try {
      for (const [documentName] of waitingDocuments(memberId)) {
        if (connection.status !== 'connected') return
        const sent = await connection.sendInBackground(documentName, () =>
          sendWaitingCopy(memberId, documentName, connection.openSocket()),
        )
        if (sent && !connection.isOpen(documentName)) {
          localStorage.removeItem(waitingEditsKey(memberId, documentName))
          connection.forgetDocument(documentName)
        }
      }
    } finally {
      sending = false
    }
  }

  watch(
    () => [session.member?.id ?? null, connection.status] as const,
    ([memberId, status]) => {
      if (!memberId) return
      // An open document reports its own count.
      for (const [documentName, count] of waitingDocuments(memberId)) {
        if (!connection.isOpen(documentName)) connection.reportUnsynced(documentName, count)
      }
      if (status === 'connected') void sendAll(memberId)
    },
    { immediate: true },
  )
}
