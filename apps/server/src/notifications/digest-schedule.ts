/**
 * When a member's digest falls due: daily at `hour` o'clock in their own zone, weekly on
 * Monday at that hour. Pure functions of an instant, so the scheduler can be asked about any
 * moment (tests pick the weeks when London and New York are four hours apart).
 */
import { wallTimeToInstant } from '@studio/framework'

export type DigestCadence = 'daily' | 'weekly'

export interface DigestPeriod {
  cadence: DigestCadence
  /** The local date it is for: the day (daily) or the Monday (weekly), 'YYYY-MM-DD'. */
  period: string
  dueAt: Date
}

const dayMs = 24 * 60 * 60_000

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar date in `timeZone` at `instant`, 'YYYY-MM-DD'. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormats.set(timeZone, format)
  }
  return format.format(instant)
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day) + days * dayMs).toISOString().slice(0, 10)
}

/** 0 for Monday … 6 for Sunday. */
function weekdayFromMonday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7
}

function dueOn(date: string, hour: number, timeZone: string): Date {
  return wallTimeToInstant(`${date}T${String(hour).padStart(2, '0')}:00`, timeZone)
}

/** The first local date whose digest could be due at or before `now`: today, or this week's Monday. */
function periodStart(cadence: DigestCadence, date: string): string {
  return cadence === 'daily' ? date : addDays(date, -weekdayFromMonday(date))
}

const step = (cadence: DigestCadence) => (cadence === 'daily' ? 1 : 7)

/** The latest digest due at or before `now`: the one a pass at `now` must have sent. */
export function latestDigest(cadence: DigestCadence, now: Date, timeZone: string, hour: number): DigestPeriod {
  let period = periodStart(cadence, localDate(now, timeZone))
  let dueAt = dueOn(period, hour, timeZone)
  if (dueAt.getTime() > now.getTime()) {
    period = addDays(period, -step(cadence))
    dueAt = dueOn(period, hour, timeZone)
  }
  return { cadence, period, dueAt }
}

/** The first digest due strictly after `after`. */
export function nextDigest(cadence: DigestCadence, after: Date, timeZone: string, hour: number): DigestPeriod {
  const latest = latestDigest(cadence, after, timeZone, hour)
  const period = addDays(latest.period, step(cadence))
  return { cadence, period, dueAt: dueOn(period, hour, timeZone) }
}
