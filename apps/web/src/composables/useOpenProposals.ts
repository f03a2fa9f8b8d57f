/**
 * The open proposals for a page that marks them on its document (the matrix's cells and
 * rows, the terms of reference's passages). Loaded when the page opens; at once when the
 * studio signals that a proposal on this document changed (made, answered, withdrawn or
 * settled, by anyone); when the socket is back after a drop, since signals sent meanwhile
 * were missed; and every minute, in case a signal was lost on its way. The marks read the
 * proposals store.
 */
import { parseDocumentSignal } from '@studio/contract'
import { onScopeDispose } from 'vue'
import { useProposalsStore } from '../stores/proposals.ts'
import type { CollabDocument } from './useCollabDocument.ts'
import { usePolling } from './usePolling.ts'

/** The fallback: how stale markers may get when no signal arrives. */
const pollMs = 60_000

export function useOpenProposals(collab: CollabDocument): void {
  const proposals = useProposalsStore()
  const polling = usePolling(() => proposals.load(), pollMs)

  const onStateless = ({ payload }: { payload: string }) => {
    if (parseDocumentSignal(payload)?.kind === 'proposals-changed') polling.now()
  }
  // The first sync needs no reload: the page has just loaded the list.
  let syncedBefore = false
  const onSynced = () => {
    if (syncedBefore) polling.now()
    syncedBefore = true
  }
  collab.provider.on('stateless', onStateless)
  collab.provider.on('synced', onSynced)
  onScopeDispose(() => {
    collab.provider.off('stateless', onStateless)
    collab.provider.off('synced', onSynced)
  })
}
