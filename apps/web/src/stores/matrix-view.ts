/**
 * How this person is viewing the competency matrix: the PMO type, the search and filters,
 * whether archived rows are listed, and which domains are collapsed. It is theirs alone
 * (nothing here is in the shared document) and survives leaving the page and coming back.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { MatrixFilters } from '../lib/matrix/matrix-layout.ts'

export const useMatrixViewStore = defineStore('matrix-view', () => {
  const pmoTypeId = ref<string | null>(null)
  const search = ref('')
  const domainId = ref<string | null>(null)
  const roleId = ref<string | null>(null)
  const showArchived = ref(false)
  /** Replaced, never mutated, so the layout recomputes when it changes. */
  const collapsed = shallowRef<ReadonlySet<string>>(new Set())

  const filters = computed<MatrixFilters>(() => ({ search: search.value, domainId: domainId.value, roleId: roleId.value }))

  function toggleDomain(id: string): void {
    const next = new Set(collapsed.value)
    if (!next.delete(id)) next.add(id)
    collapsed.value = next
  }

  function collapseAll(ids: readonly string[]): void {
    collapsed.value = new Set(ids)
  }

  function expandAll(): void {
    collapsed.value = new Set()
  }

  function clearFilters(): void {
    search.value = ''
    domainId.value = null
    roleId.value = null
  }

  return { pmoTypeId, search, domainId, roleId, showArchived, collapsed, filters, toggleDomain, collapseAll, expandAll, clearFilters }
})
