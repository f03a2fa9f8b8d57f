/**
 * Sends the edits a device kept for a document that is not open on this page: someone who
 * edited the terms of reference on the train and now has the meetings page open still
 * expects the group to get those edits as soon as the connection returns. The document's
 * copy is opened on the shared socket, synced (Yjs sends only what the server lacks), and
 * closed again.
 */
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { keepLocalCopy } from './local-copy.ts'
import { collabToken } from './socket.ts'

/** A document whose server is slow or refuses is left for the next attempt. */
const sendTimeout = 20_000

export async function sendWaitingCopy(memberId: string, documentName: string, socket: HocuspocusProviderWebsocket): Promise<boolean> {
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, token: collabToken })
  const copy = keepLocalCopy(memberId, documentName, provider.document)
  try {
    if (!(await copy.loaded)) return false
    // Loading the copy counted as a change; the handshake decides what the server lacks.
    provider.unsyncedChanges = 0
    provider.attach()
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), sendTimeout)
      const check = () => {
        if (provider.isSynced && provider.unsyncedChanges === 0) {
          clearTimeout(timer)
          resolve(true)
        }
      }
      provider.on('synced', check)
      provider.on('unsyncedChanges', check)
      provider.on('authenticationFailed', () => {
        clearTimeout(timer)
        resolve(false)
      })
    })
  } finally {
    copy.destroy()
    provider.destroy()
  }
}
