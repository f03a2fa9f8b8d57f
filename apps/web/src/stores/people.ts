/**
 * The approved members, for choosing an action's owner and showing owners by name. Loaded
 * once per page and again on request; an answer that cannot be fetched (offline) leaves the
 * last list in place. While something shows names that must follow renames (a mention), it
 * `follow`s the list: fetched again when the member comes back to the page and every minute.
 */
import type { Person } from '@studio/contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchPeople } from '../api/meetings.ts'

const followIntervalMs = 60_000
const followThrottleMs = 5_000

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

  let followers = 0
  let lastRefresh = 0
  let timer: ReturnType<typeof setInterval> | undefined
  const refreshSoon = () => {
    if (document.visibilityState === 'hidden' || Date.now() - lastRefresh < followThrottleMs) return
    lastRefresh = Date.now()
    void refresh()
  }

  /** Keeps the names current until the returned function is called. */
  function follow(): () => void {
    void ensureLoaded()
    if (followers++ === 0) {
      window.addEventListener('focus', refreshSoon)
      document.addEventListener('visibilitychange', refreshSoon)
      timer = setInterval(refreshSoon, followIntervalMs)
    }
    let released = false
    return () => {
      if (released) return
      released = true
      if (--followers > 0) return
      window.removeEventListener('focus', refreshSoon)
      document.removeEventListener('visibilitychange', refreshSoon)
      clearInterval(timer)
    }
  }

  function nameOf(id: string | null): string | null {
    return id ? (byId.value.get(id)?.name ?? null) : null
  }

  return { people, loaded, problem, refresh, ensureLoaded, follow, nameOf }
})
