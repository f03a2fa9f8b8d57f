/**
 * Small wordings for meetings that the list, the meeting page and My actions share.
 */
import { meetingModeLabels, type MeetingMode } from '@studio/contract'
import { formatDate } from '@studio/framework'

/** "4 hours", "1 hour 30 minutes", "45 minutes". */
export function durationLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  const parts: string[] = []
  if (hours > 0) parts.push(hours === 1 ? '1 hour' : `${hours} hours`)
  if (rest > 0 || hours === 0) parts.push(rest === 1 ? '1 minute' : `${rest} minutes`)
  return parts.join(' ')
}

export function modeLabel(mode: MeetingMode): string {
  return meetingModeLabels[mode]
}

/** The zone of this device's clock, which is the member's own time wherever they are today. */
export function deviceTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null
  } catch {
    return null
  }
}

/**
 * "31 July" for an action's 'YYYY-MM-DD' due date this year, "31 July 2027" in another; a
 * date is the same day everywhere. `now` is for tests.
 */
export function dueDateLabel(due: string, now = new Date()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due)
  if (!match) return due
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  // Today's year on this device's calendar, read as a UTC date like the due date itself.
  const today = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()))
  return formatDate(date, { day: 'numeric', month: 'long' }, { timeZone: 'UTC', now: today })
}

/** Whether an open action's due date has passed, by the member's own calendar. */
export function isOverdue(due: string | null, today: string): boolean {
  return due !== null && due < today
}

/** Today as 'YYYY-MM-DD' on this device's calendar. */
export function todayOnDevice(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
