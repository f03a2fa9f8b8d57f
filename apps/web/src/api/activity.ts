/**
 * Catching up (issue 14): what changed since the member last saw each document (What's new),
 * and for one document (a page's "since you were here" banner).
 */
import { activityPaths, type ActivityResponse, type DocumentActivity, type LastSeenResponse, type NotificationItem, type NotificationsResponse } from '@studio/contract'
import { http } from './http.ts'

export function fetchActivity(): Promise<ActivityResponse> {
  return http.get<ActivityResponse>(activityPaths.activity)
}

export async function fetchLastSeen(documentName: string): Promise<DocumentActivity> {
  return (await http.get<LastSeenResponse>(activityPaths.lastSeen(documentName))).document
}

/** Mentions of the member not yet read, from the notifications (GET /api/notifications), newest first. */
export async function fetchUnreadMentions(): Promise<NotificationItem[]> {
  const { notifications } = await http.get<NotificationsResponse>('/api/notifications?unread=true')
  return notifications.filter((notification) => notification.kind === 'mention')
}
