/**
 * Times as the reader's own clock shows them. The server sends ISO instants; the
 * browser's zone is the person's local time, which is what an organiser deciding on an
 * application (or reading the audit log) expects.
 */
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

/** "3 Mar 2026, 14:05" in the browser's zone (or `timeZone`, for tests). */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const format = timeZone ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }) : dateTime
  return format.format(date)
}
