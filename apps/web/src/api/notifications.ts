/** Notifications (issue 14): the member's list and unread count, marking read, and the mailed unsubscribe link. */
import type { MarkReadBody, NotificationsResponse, UnsubscribeResponse } from '@studio/contract'
import { http } from './http.ts'

export function fetchNotifications(unreadOnly = false): Promise<NotificationsResponse> {
  return http.get<NotificationsResponse>(`/api/notifications${unreadOnly ? '?unread=true' : ''}`)
}

export function markNotificationsRead(body: MarkReadBody): Promise<void> {
  return http.post<void>('/api/notifications/read', body)
}

export function describeUnsubscribe(token: string): Promise<UnsubscribeResponse> {
  return http.get<UnsubscribeResponse>(`/api/unsubscribe/${encodeURIComponent(token)}`)
}

export function unsubscribe(token: string): Promise<UnsubscribeResponse> {
  return http.post<UnsubscribeResponse>(`/api/unsubscribe/${encodeURIComponent(token)}`)
}
