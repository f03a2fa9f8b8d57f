/**
 * Meeting times. A meeting stores its start as a wall-clock time in its own IANA zone
 * ("13:00 in London"); this module turns that into an instant and describes it for a viewer
 * in another zone. Only Intl is used: Node 24 and every current browser carry the full time
 * zone database, so no library is needed (docs/decisions.md, "Meetings").
 */
import { formatDate } from './calendar-dates.ts'

/** The fields of a meeting that say when it happens. */
export interface MeetingTimeFields {
  start: string | null
  plannedTime?: string | null
  timeZone: string
  durationMinutes: number
}

export interface MeetingTimeDescription {
  /** The meeting zone's city, e.g. "London". */
  meetingZone: string
  /**
   * The viewer zone's city when the text includes the viewer's time; null when their clock
   * reads the same as the meeting's, or the meeting is not dated yet.
   */
  viewerZone: string | null
  /** e.g. "Thursday 20 July, 13:00 to 17:00 London; 08:00 to 12:00 your time". */
  text: string
}

const minute = 60_000
const day = 24 * 60 * minute

const wallPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

const offsetFormats = new Map<string, Intl.DateTimeFormat>()

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    })
    offsetFormats.set(timeZone, format)
  }
  return format
}

/** Minutes `timeZone` is ahead of UTC at `instant` (ms since the epoch). */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  const parts: Record<string, string> = {}
  for (const part of offsetFormat(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value
  let year = Number(parts.year)
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year
  const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  const whole = instant - (((instant % 1000) + 1000) % 1000)
  return Math.round((wall - whole) / minute)
}

/**
 * The instant at which clocks in `timeZone` read `wall` ('YYYY-MM-DDTHH:mm'). Where a clock
 * change makes that reading happen twice (autumn), the earlier one; where it never happens
 * (the hour skipped in spring), the reading is moved forward by the gap, as Temporal's
 * "compatible" disambiguation does: 01:30 on the spring-forward night in London is 02:30 BST.
 */
export function wallTimeToInstant(wall: string, timeZone: string): Date {
  const match = wallPattern.exec(wall)
  if (!match) throw new RangeError(`Not a local date and time: ${wall}`)
  const local = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]))
  const before = zoneOffsetMinutes(timeZone, local - day)
  const after = zoneOffsetMinutes(timeZone, local + day)
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset * minute)
    .filter((instant) => local - zoneOffsetMinutes(timeZone, instant) * minute === instant)
    .sort((a, b) => a - b)
  return new Date(candidates[0] ?? local - before * minute)
}

/** When a dated meeting starts and ends; null while it has no date. */
export function meetingInstant(meeting: MeetingTimeFields): { start: Date; end: Date } | null {
  if (!meeting.start) return null
  const start = wallTimeToInstant(meeting.start, meeting.timeZone)
  return { start, end: new Date(start.getTime() + meeting.durationMinutes * minute) }
}

/** A zone's city for people to read: "Europe/London" → "London", "America/New_York" → "New York". */
export function zoneLabel(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'Etc/GMT') return 'UTC'
  const city = timeZone.split('/').pop() ?? timeZone
  // Etc/GMT+5 is five hours *behind* UTC (POSIX signs); say what the clock actually is.
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(timeZone)
  if (etc) return `UTC${etc[1] === '+' ? '−' : '+'}${etc[2]}`
  return city.replace(/_/g, ' ')
}

/** True when `timeZone` is a zone this runtime knows. */
function knownZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone })
    return true
  } catch {
    return false
  }
}

/**
 * "Thursday 20 July". Given `now`, a day in another year than now's says which
 * (calendar-dates.ts); without it, as files and calendar entries need, the year is left out.
 */
function dayFormat(locale: string, timeZone: string, now?: Date): { format: (date: Date) => string } {
  const parts = { weekday: 'long', day: 'numeric', month: 'long' } as const
  if (!now) return new Intl.DateTimeFormat(locale, { ...parts, timeZone })
  return { format: (date) => formatDate(date, parts, { timeZone, locale, now }) }
}

function clockFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
}

/** "Thursday 20 July, 13:00 to 17:00", naming the end's day too when it falls on another day. */
function describeSpan(start: Date, end: Date, timeZone: string, locale: string, now?: Date): string {
  const days = dayFormat(locale, timeZone, now)
  const clock = clockFormat(locale, timeZone)
  const startDay = days.format(start)
  const endDay = days.format(end)
  if (startDay === endDay) return `${startDay}, ${clock.format(start)} to ${clock.format(end)}`
  return `${startDay}, ${clock.format(start)} to ${endDay}, ${clock.format(end)}`
}

/** "13:00 to 17:00" for a time of day and a length, in no particular zone. */
function plannedSpan(plannedTime: string, durationMinutes: number): string {
  const [hours = 0, minutes = 0] = plannedTime.split(':').map(Number)
  const startMinutes = hours * 60 + minutes
  const endMinutes = (startMinutes + durationMinutes) % (24 * 60)
  const pad = (value: number) => String(value).padStart(2, '0')
  const later = startMinutes + durationMinutes >= 24 * 60 ? ' the next day' : ''
  return `${plannedTime} to ${pad(Math.floor(endMinutes / 60))}:${pad(endMinutes % 60)}${later}`
}

/**
 * When a meeting happens, in its own zone and, when the viewer's clock differs, in theirs:
 * "Thursday 20 July, 13:00 to 17:00 London; 08:00 to 12:00 your time". The viewer's part
 * names the day when it is not the meeting's day. An undated meeting says so, with its
 * planned time of day when it has one ("Not yet dated; planned for 13:00 to 17:00 London
 * time"): without a date the viewer's time cannot be known, because clock changes differ.
 * An unknown or missing viewer zone is treated as the meeting's. Given `now` (the web app
 * passes today), a date in another year names its year.
 */
export function describeMeetingTime(
  meeting: MeetingTimeFields,
  viewerTimeZone: string | null | undefined,
  locale = 'en-GB',
  now?: Date,
): MeetingTimeDescription {
  const meetingZone = zoneLabel(meeting.timeZone)
  const instant = meetingInstant(meeting)
  if (!instant) {
    const planned = meeting.plannedTime
      ? `; planned for ${plannedSpan(meeting.plannedTime, meeting.durationMinutes)} ${meetingZone} time`
      : ''
    return { meetingZone, viewerZone: null, text: `Not yet dated${planned}` }
  }
  const own = `${describeSpan(instant.start, instant.end, meeting.timeZone, locale, now)} ${meetingZone}`
  if (!knownZone(viewerTimeZone) || sameClock(meeting.timeZone, viewerTimeZone, instant)) {
    return { meetingZone, viewerZone: null, text: own }
  }
  const days = dayFormat(locale, viewerTimeZone, now)
  const clock = clockFormat(locale, viewerTimeZone)
  const meetingDay = dayFormat(locale, meeting.timeZone, now).format(instant.start)
  const viewerStartDay = days.format(instant.start)
  const viewerEndDay = days.format(instant.end)
  let theirs: string
  if (viewerStartDay !== viewerEndDay) theirs = describeSpan(instant.start, instant.end, viewerTimeZone, locale, now)
  else if (viewerStartDay !== meetingDay) theirs = `${viewerStartDay}, ${clock.format(instant.start)} to ${clock.format(instant.end)}`
  else theirs = `${clock.format(instant.start)} to ${clock.format(instant.end)}`
  return { meetingZone, viewerZone: zoneLabel(viewerTimeZone), text: `${own}; ${theirs} your time` }
}

/** Whether clocks in both zones read the same at the meeting's start and end. */
function sameClock(a: string, b: string, instant: { start: Date; end: Date }): boolean {
  if (a === b) return true
  return [instant.start, instant.end].every((at) => zoneOffsetMinutes(a, at.getTime()) === zoneOffsetMinutes(b, at.getTime()))
}
