/**
 * The studio's health for organisers (issue 18): the health page's figures and the warnings
 * the layout's banner shows on every page. One answer shared by both, fetched by whichever
 * asks; a failed fetch keeps the last answer and says so.
 */
import type { StudioHealth } from '@studio/contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchStudioHealth } from '../api/studio-health.ts'

export const useStudioHealthStore = defineStore('studio-health', () => {
  const health = ref<StudioHealth | null>(null)
  const problem = ref<string | null>(null)
  const warnings = computed(() => health.value?.warnings ?? [])

  async function refresh(): Promise<void> {
    try {
      health.value = await fetchStudioHealth()
      problem.value = null
    } catch {
      problem.value = 'The studio\'s health could not be read just now. It is read again in a moment.'
    }
  }

  return { health, problem, warnings, refresh }
})
