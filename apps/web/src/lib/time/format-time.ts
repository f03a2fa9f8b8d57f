/**
 * Times as the reader's own clock shows them. The server sends ISO instants; the
 * browser's zone is the person's local time, which is what an organiser deciding on an
 * application (or reading the audit log) expects.
 */
import { formatDate } from '@studio/framework'

/**
 * "3 Mar, 14:05" in the browser's zone (or `timeZone`, for tests), with the year when it
 * is not this year: "3 Mar 2025, 14:05".
 */
export function formatDateTime(iso: string, timeZone?: string, now?: Date): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const
  return formatDate(date, parts, { ...(timeZone ? { timeZone } : {}), ...(now ? { now } : {}) })
}
