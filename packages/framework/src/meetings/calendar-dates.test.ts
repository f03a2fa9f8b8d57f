import { describe, expect, it } from 'vitest'
import { formatDate } from './calendar-dates.ts'

const day = { weekday: 'long', day: 'numeric', month: 'long' } as const
const now = new Date('2026-12-06T12:00:00Z')

describe('formatDate', () => {
  it('leaves the year out for a date in this year', () => {
    expect(formatDate(new Date('2026-09-10T09:00:00Z'), day, { timeZone: 'Europe/London', now })).toBe('Thursday 10 September')
  })

  it('says the year for a date in another year, before or after this one', () => {
    expect(formatDate(new Date('2027-09-10T09:00:00Z'), day, { timeZone: 'Europe/London', now })).toBe('Friday 10 September 2027')
    expect(formatDate(new Date('2025-03-03T14:05:00Z'), { day: 'numeric', month: 'short' }, { timeZone: 'UTC', now })).toBe('3 Mar 2025')
  })

  it('reads the year in the given zone: New Year’s Eve in New York is still this year there', () => {
    const newYearInLondon = new Date('2027-01-01T02:00:00Z')
    expect(formatDate(newYearInLondon, { day: 'numeric', month: 'long' }, { timeZone: 'America/New_York', now })).toBe('31 December')
    expect(formatDate(newYearInLondon, { day: 'numeric', month: 'long' }, { timeZone: 'Europe/London', now })).toBe('1 January 2027')
  })

  it('keeps times of day as asked', () => {
    expect(formatDate(new Date('2026-03-03T14:05:00Z'), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, { timeZone: 'Europe/London', now })).toBe(
      '3 Mar, 14:05',
    )
  })
})
