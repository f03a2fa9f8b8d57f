/**
 * A round's opening and closing times as people type and read them: in the organiser's own
 * zone (their account's, else the browser's) for the datetime-local inputs, and as an instant
 * with its zone for the server. Each viewer reads the times in their own zone.
 */
import { wallTimeToInstant, zoneOffsetMinutes } from '@studio/framework'
import { formatDateTime } from '../time/format-time.ts'

const minute = 60 * 1000

/** 'YYYY-MM-DDTHH:mm' as clocks in `timeZone` read at `instant`, for a datetime-local input. */
export function wallTimeIn(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(timeZone, instant.getTime()) * minute)
  return shifted.toISOString().slice(0, 16)
}

/** The ISO instant a datetime-local value means in `timeZone`, or null when it is not one. */
export function instantOf(wall: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wall)) return null
  return wallTimeToInstant(wall, timeZone).toISOString()
}

/** "3 Mar, 09:00 – 17 Mar, 17:00" in the viewer's zone. */
export function roundWindow(opensAt: string, closesAt: string, timeZone?: string): string {
  return `${formatDateTime(opensAt, timeZone)} – ${formatDateTime(closesAt, timeZone)}`
}

export const roundStateLabels = { upcoming: 'Not open yet', open: 'Open for comments', closed: 'Closed' } as const
