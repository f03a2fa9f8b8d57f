/**
 * The open proposals, shared by the pages that mark them in place (the matrix's cells and
 * rows, the terms of reference's passages): loaded when such a page opens and whenever the
 * studio signals a change (composables/useOpenProposals.ts), and after this person proposes something.
 */
import type { Proposal } from '@studio/contract'
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { fetchProposals } from '../api/proposals.ts'
import { openByTarget } from '../lib/proposals/proposal-words.ts'

export const useProposalsStore = defineStore('proposals', () => {
  const open = shallowRef<readonly Proposal[]>([])
  const byTarget = computed(() => openByTarget(open.value))

  async function load(): Promise<void> {
    open.value = await fetchProposals({ status: 'open' })
  }

  /** Open proposals on a cell, or (with `competencyId` alone) on the competency itself. */
  function on(target: string): readonly Proposal[] {
    return byTarget.value.get(target) ?? []
  }

  function added(proposal: Proposal): void {
    open.value = [proposal, ...open.value.filter((candidate) => candidate.id !== proposal.id)]
  }

  return { open, load, on, added }
})
