/**
 * The approved members, for choosing an action's owner and showing owners by name. Loaded
 * once per page and again on request; an answer that cannot be fetched (offline) leaves the
 * last list in place.
 */
import type { Person } from '@studio/contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchPeople } from '../api/meetings.ts'

export const usePeopleStore = defineStore('people', () => {
  const people = ref<Person[]>([])
  const loaded = ref(false)
  const problem = ref<string | null>(null)
  let loading: Promise<void> | null = null

  const byId = computed(() => new Map(people.value.map((person) => [person.id, person])))

  async function refresh(): Promise<void> {
    try {
      people.value = await fetchPeople()
      loaded.value = true
      problem.value = null
    } catch {
      problem.value = 'The list of members could not be loaded, so owners may show without names. It loads again when the studio can be reached.'
    }
  }

  /** Loads once; later calls wait for the same answer. */
  function ensureLoaded(): Promise<void> {
    loading ??= refresh().then(() => {
      if (!loaded.value) loading = null
    })
    return loading
  }

  function nameOf(id: string | null): string | null {
    return id ? (byId.value.get(id)?.name ?? null) : null
  }

  return { people, loaded, problem, refresh, ensureLoaded, nameOf }
})
