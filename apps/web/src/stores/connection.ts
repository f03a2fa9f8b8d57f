/**
 * The live connection to the collaboration server: owns the one shared socket, turns its
 * events into the status the indicator shows, and records why the server closed it
 * (session expired, access revoked, role changed) for the shell to act on.
 */
import type { HocuspocusProviderWebsocket, onCloseParameters, onStatusParameters } from '@hocuspocus/provider'
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { closeReasonOf, type CloseReason } from '../collab/close-reason.ts'
import { createCollabSocket } from '../collab/socket.ts'
import { connectionStatus, type ConnectionFacts } from '../lib/connection/connection-status.ts'

export const useConnectionStore = defineStore('connection', () => {
  const socketStatus = ref<ConnectionFacts['socket']>('disconnected')
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const stopped = ref(false)
  const closesSinceConnected = ref(0)
  const closeReason = ref<CloseReason | null>(null)
  /** Counts closes the server did not explain; a refused upgrade (expired session) looks like one. */
  const unexplainedCloses = ref(0)
  const unsyncedByDocument = reactive(new Map<string, number>())
  let socket: HocuspocusProviderWebsocket | null = null

  const status = computed(() =>
    connectionStatus({
      socket: socketStatus.value,
      browserOnline: browserOnline.value,
      stopped: stopped.value,
      closesSinceConnected: closesSinceConnected.value,
    }),
  )
  const unsyncedChanges = computed(() => [...unsyncedByDocument.values()].reduce((sum, n) => sum + n, 0))
  /** How many documents hold changes the server has not confirmed: what people call "unsent". */
  const documentsWaiting = computed(() => [...unsyncedByDocument.values()].filter((count) => count > 0).length)

  /** The shared socket, created and connected on first use after sign-in. */
  function openSocket(): HocuspocusProviderWebsocket {
    if (socket) return socket
    const created = createCollabSocket(window.location)
    created.on('status', ({ status: next }: onStatusParameters) => {
      socketStatus.value = `${next}`
      if (next === 'connected') closesSinceConnected.value = 0
    })
    created.on('close', ({ event }: onCloseParameters) => handleClose(event))
    socketStatus.value = `${created.status}`
    socket = created
    return created
  }

  function handleClose(event: { code?: number; reason?: string }): void {
    closesSinceConnected.value += 1
    const reason = closeReasonOf(event)
    if (reason) return reportReason(reason)
    if (browserOnline.value && !stopped.value) unexplainedCloses.value += 1
  }

  /** Also called by documents: the server can close one document with a reason text. */
  function reportReason(reason: CloseReason): void {
    closeReason.value = reason
    // Retrying would only be refused again; a role change is the one worth reconnecting for.
    if (reason !== 'role-changed') stop()
  }

  function stop(): void {
    stopped.value = true
    socket?.disconnect()
  }

  function acknowledgeCloseReason(): void {
    closeReason.value = null
  }

  function reportUnsynced(documentName: string, count: number): void {
    unsyncedByDocument.set(documentName, count)
  }

  function forgetDocument(documentName: string): void {
    unsyncedByDocument.delete(documentName)
  }

  // Documents open on this page, and copies being sent in the background
  // (composables/useWaitingEdits.ts): one socket carries one provider per document, so a
  // page opening a document waits for its background send to finish.
  const openDocuments = new Set<string>()
  const sendingDocuments = new Map<string, Promise<unknown>>()

  function markOpen(documentName: string): void {
    openDocuments.add(documentName)
  }

  function markClosed(documentName: string): void {
    openDocuments.delete(documentName)
  }

  function isOpen(documentName: string): boolean {
    return openDocuments.has(documentName)
  }

  /** Runs a background send of a document's copy, unless the document is open. */
  async function sendInBackground(documentName: string, send: () => Promise<boolean>): Promise<boolean> {
    if (openDocuments.has(documentName) || sendingDocuments.has(documentName)) return false
    const sending = send()
    sendingDocuments.set(documentName, sending)
    try {
      return await sending
    } finally {
      sendingDocuments.delete(documentName)
    }
  }

  /** Resolves once no background send of the document is running. */
  async function whenSent(documentName: string): Promise<void> {
    await sendingDocuments.get(documentName)?.catch(() => {})
  }

  /** Signing out (or in as someone else) must not leave a socket carrying the old session. */
  function closeSocket(): void {
    socket?.destroy()
    socket = null
    socketStatus.value = 'disconnected'
    stopped.value = false
    closesSinceConnected.value = 0
    closeReason.value = null
    unsyncedByDocument.clear()
  }

  // Chromium keeps an open WebSocket alive when the network is switched off, and a
  // half-dead socket swallows edits. Closing it makes edits queue as unsynced changes,
  // and reconnecting on "online" resyncs them through the Yjs handshake at once.
  function goOffline(): void {
    browserOnline.value = false
    socket?.disconnect()
  }

  function goOnline(): void {
    browserOnline.value = true
    if (!socket || stopped.value) return
    // connect() returns early while the old socket is still closing; this flag makes its
    // close handler reconnect instead.
    socket.shouldConnect = true
    void socket.connect()
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('offline', goOffline)
    window.addEventListener('online', goOnline)
  }

  return {
    status,
    unsyncedChanges,
    documentsWaiting,
    closeReason,
    unexplainedCloses,
    openSocket,
    reportReason,
    acknowledgeCloseReason,
    reportUnsynced,
    forgetDocument,
    markOpen,
    markClosed,
    isOpen,
    sendInBackground,
    whenSent,
    closeSocket,
  }
})
