/**
 * One live Hocuspocus document for the component that opens it: the provider on the shared
 * socket, the copy this browser keeps for offline work (loaded before the provider attaches,
 * so the server is sent only what it lacks; a document never kept here attaches at once), the member's access, and a count of edits that
 * have not reached the server yet, kept across reloads. Editors, presence and the meeting
 * lists all build on it; everything is destroyed when the component unmounts.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { documentAccess, type DocumentAccess, type Member } from '@studio/contract'
import { computed, onUnmounted, ref, toValue, type ComputedRef, type MaybeRefOrGetter, type Ref } from 'vue'
import type * as Y from 'yjs'
import { closeReasonOf } from '../collab/close-reason.ts'
import { keepLocalCopy, mayHoldLocalCopy, safeStorage } from '../collab/local-copy.ts'
import { collabToken } from '../collab/socket.ts'
import { parseWaitingEdits, waitingEditsKey } from '../lib/offline/local-copies.ts'
import { useConnectionStore } from '../stores/connection.ts'

export interface CollabDocumentOptions {
  /** The Hocuspocus document, e.g. DocumentName.termsOfReference or `meeting:<id>`. */
  documentName: string
  /** The signed-in member: their role sets access, their id names this browser's copy. */
  member: MaybeRefOrGetter<Member | null>
}

export interface CollabDocument {
  documentName: string
  provider: HocuspocusProvider
  document: Y.Doc
  access: ComputedRef<DocumentAccess>
  /** The member may write and nothing (the server, a problem, a suspension) stops them. */
  writable: ComputedRef<boolean>
  /** True once the server's copy has arrived. */
  synced: Ref<boolean>
  /** True once the copy kept on this device is in the document (or there was none to read). */
  localCopyLoaded: Ref<boolean>
  /**
   * True once there is something real to show: the server's copy arrived, now or on an
   * earlier visit from this device. Until then a page shows no document and no editing
   * controls (offline on a device that never opened it, it says so: OfflineCopyNotice).
   */
  available: ComputedRef<boolean>
  /** A reason the document cannot be used, in words for the member. */
  problem: Ref<string | null>
}

export function useCollabDocument(options: CollabDocumentOptions): CollabDocument {
  const connection = useConnectionStore()
  const { documentName } = options
  const member = toValue(options.member)
  const synced = ref(false)
  const localCopyLoaded = ref(false)
  const copyFromEarlierVisit = ref(false)
  const available = computed(() => synced.value || copyFromEarlierVisit.value)
  const problem = ref<string | null>(null)
  const serverSaysReadOnly = ref(false)
  const waitingKey = member ? waitingEditsKey(member.id, documentName) : null
  // Edits made before the last reload that the server has not confirmed yet.
  let carriedOver = waitingKey ? parseWaitingEdits(safeStorage()?.getItem(waitingKey) ?? null) : 0
  let attached = false

  const access = computed<DocumentAccess>(() => {
    const current = toValue(options.member)
    return current ? documentAccess(documentName, current.role, current.id) : 'none'
  })
  const writable = computed(
    () =>
      access.value === 'write' &&
      !serverSaysReadOnly.value &&
      problem.value === null &&
      available.value &&
      connection.closeReason !== 'access-revoked' &&
      connection.closeReason !== 'model-violation',
  )

  const provider = new HocuspocusProvider({
    websocketProvider: connection.openSocket(),
    name: documentName,
    token: collabToken,
    onSynced: () => {
      synced.value = true
      localCopy?.markServerCopy()
    },
    onUnsyncedChanges: ({ number }) => {
      // Before attaching, the count only reflects loading this device's copy.
      if (attached) reportWaiting(number)
    },
    onAuthenticated: ({ scope }) => {
      serverSaysReadOnly.value = scope === 'readonly'
    },
    onAuthenticationFailed: () => {
      problem.value = 'You do not have access to this document. If you think you should, contact an organiser.'
    },
    // The socket's own closes reach the connection store; this catches the server closing
    // just this document, which arrives as code 1000 with the reason in words.
    onClose: ({ event }) => {
      const reason = event.code === 1000 ? closeReasonOf(event) : null
      if (reason) connection.reportReason(reason)
    },
  })

  function reportWaiting(unconfirmed: number): void {
    // Once the server has confirmed everything after a handshake, what was carried over arrived too.
    if (unconfirmed === 0 && provider.isSynced) carriedOver = 0
    const waiting = carriedOver + unconfirmed
    connection.reportUnsynced(documentName, waiting)
    if (!waitingKey) return
    if (waiting > 0) safeStorage()?.setItem(waitingKey, String(waiting))
    else safeStorage()?.removeItem(waitingKey)
  }

  let destroyed = false
  connection.markOpen(documentName)
  // Asked before the copy is opened, which adds the document to this device's list.
  const copyToWaitFor = member !== null && (carriedOver > 0 || mayHoldLocalCopy(member.id, documentName))
  const localCopy = member ? keepLocalCopy(member.id, documentName, provider.document) : null

  function attach(): void {
    if (destroyed || attached) return
    // Loading the copy counted as a local change; the handshake sends the server only what it lacks.
    provider.unsyncedChanges = 0
    attached = true
    reportWaiting(0)
    // A provider on a shared socket is not attached automatically.
    provider.attach()
  }

  // A background send of this document's copy (useWaitingEdits) must finish before this
  // provider takes the document's place on the socket.
  void Promise.all([localCopy?.hadServerCopy, connection.whenSent(documentName)]).then(([hadServerCopy]) => {
    if (destroyed) return
    copyFromEarlierVisit.value = hadServerCopy === true
    localCopyLoaded.value = true
    attach()
  })
  // A document this device never kept has no copy to load first: the server is asked at once,
  // while the page is still being built, rather than after (decisions.md, "What a first visit
  // to the matrix waits for"). Nothing is sent in the background for it either: that needs a copy.
  if (!copyToWaitFor) attach()

  // After the component's own before-unmount hooks, so editors stop listening to the
  // provider's awareness before it goes.
  onUnmounted(() => {
    destroyed = true
    localCopy?.destroy()
    provider.destroy()
    connection.markClosed(documentName)
    // Edits still waiting stay counted; useWaitingEdits sends them once connected.
    if (!waitingKey || parseWaitingEdits(safeStorage()?.getItem(waitingKey) ?? null) === 0) connection.forgetDocument(documentName)
  })

  return { documentName, provider, document: provider.document, access, writable, synced, localCopyLoaded, available, problem }
}
