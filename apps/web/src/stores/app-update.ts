/**
 * Whether a newer version of the studio has been downloaded and waits to take over. The
 * service worker keeps serving the version this page started with until the member chooses
 * to reload, so nobody's page changes under them mid-sentence.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useAppUpdateStore = defineStore('app-update', () => {
  const ready = ref(false)
  let activate: (() => Promise<void>) | null = null

  /** Called by the service worker registration when a new version is installed and waiting. */
  function offer(activateNewVersion: () => Promise<void>): void {
    activate = activateNewVersion
    ready.value = true
  }

  /** Switches to the new version; the page reloads. */
  async function reload(): Promise<void> {
    await activate?.()
  }

  return { ready, offer, reload }
})
