/**
 * Registers the service worker that keeps the app shell for offline starts (see
 * vite.config.ts). A new version waits until the member reloads (stores/app-update.ts).
 * Service workers need a secure context: https, or http://localhost.
 */
import type { Pinia } from 'pinia'
import { registerSW } from 'virtual:pwa-register'
import { useAppUpdateStore } from './stores/app-update.ts'

export function registerServiceWorker(pinia: Pinia): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const updates = useAppUpdateStore(pinia)
  const activate = registerSW({
    immediate: true,
    onNeedRefresh: () => updates.offer(() => activate(true)),
  })
}
