/**
 * The member's notifications, shared by the header's button (the unread count) and the
 * notifications page (the list). The count is kept live by polling every 30 seconds and
 * whenever the window regains focus (the layout drives it); the page fetches the list.
 */
import type { NotificationItem } from '@studio/contract'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fetchNotifications, markNotificationsRead } from '../api/notifications.ts'

export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0)
  const items = ref<NotificationItem[]>([])
  const loaded = ref(false)
  const problem = ref<string | null>(null)

  async function refreshCount(): Promise<void> {
    unread.value = (await fetchNotifications(true)).unread
  }

  async function refreshList(): Promise<void> {
    try {
      const answer = await fetchNotifications()
      items.value = answer.notifications
      unread.value = answer.unread
      loaded.value = true
      problem.value = null
    } catch {
      problem.value = 'Notifications could not be loaded. They load again when the studio can be reached.'
    }
  }

  async function markRead(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => items.value.some((item) => item.id === id && !item.read))
    if (fresh.length === 0) return
    await markNotificationsRead({ ids: fresh })
    for (const item of items.value) if (fresh.includes(item.id)) item.read = true
    unread.value = Math.max(0, unread.value - fresh.length)
  }

  async function markAllRead(): Promise<void> {
    await markNotificationsRead({ all: true })
    for (const item of items.value) item.read = true
    unread.value = 0
  }

  return { unread, items, loaded, problem, refreshCount, refreshList, markRead, markAllRead }
})
