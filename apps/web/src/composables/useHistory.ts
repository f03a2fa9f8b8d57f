/**
 * A document's history for its page (issue 13): the versions, naming one, and what the page
 * shows instead of the live document while someone looks back: one version's content
 * (`view`) or its compare with now (`compare`), until "Back to now". Restoring goes through
 * the server, which applies it to the live document: the page's own editor or grid then
 * shows it like any other person's edit.
 */
import type { HistoryChange, Version } from '@studio/contract'
import { ref, type Ref } from 'vue'
import { compareVersions, fetchVersion, fetchVersions, nameVersion, restoreVersion } from '../api/history.ts'
import { ApiError } from '../api/http.ts'

export type HistoryShown =
  | { mode: 'view'; version: Version; content: unknown }
  | { mode: 'compare'; version: Version; changes: HistoryChange[]; names: Map<string, string> }

export interface DocumentHistory {
  versions: Ref<Version[]>
  loading: Ref<boolean>
  problem: Ref<string | null>
  shown: Ref<HistoryShown | null>
  reload(): Promise<void>
  name(name: string): Promise<boolean>
  view(version: Version): Promise<void>
  compare(version: Version): Promise<void>
  restore(version: Version): Promise<boolean>
  backToNow(): void
}

export function useHistory(documentName: () => string): DocumentHistory {
  const versions = ref<Version[]>([])
  const loading = ref(false)
  const problem = ref<string | null>(null)
  const shown = ref<HistoryShown | null>(null)

  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    problem.value = null
    loading.value = true
    try {
      return await work()
    } catch (error) {
      problem.value = error instanceof ApiError ? error.message : 'The history could not be loaded. Try again in a moment.'
      return undefined
    } finally {
      loading.value = false
    }
  }

  const reload = async () => {
    const found = await attempt(() => fetchVersions(documentName()))
    if (found) versions.value = found
  }

  return {
    versions, loading, problem, shown, reload,
    async name(name) {
      const version = await attempt(() => nameVersion(documentName(), name))
      if (!version) return false
      await reload()
      return true
    },
    async view(version) {
      const found = await attempt(() => fetchVersion(documentName(), version.id))
      if (found) shown.value = { mode: 'view', version: found.version, content: found.content }
    },
    async compare(version) {
      const compared = await attempt(() => compareVersions(documentName(), version.id, 'now'))
      if (compared) shown.value = { mode: 'compare', version, changes: compared.changes, names: new Map(compared.people.map((person) => [person.id, person.name])) }
    },
    async restore(version) {
      const before = await attempt(() => restoreVersion(documentName(), version.id))
      if (!before) return false
      shown.value = null
      await reload()
      return true
    },
    backToNow() {
      shown.value = null
    },
  }
}
