import { describe, expect, it } from 'vitest'
import { latestDigest, localDate, nextDigest } from './digest-schedule.ts'

const at = (iso: string) => new Date(iso)
const next = (cadence: 'daily' | 'weekly', after: string, zone: string, hour = 8) => nextDigest(cadence, at(after), zone, hour).dueAt.toISOString()

describe('the next digest instant', () => {
  it('is 08:00 in the member’s zone on each side of the spring clock changes of 2027', () => {
    // Both on winter time: five hours apart.
    expect(next('daily', '2027-03-10T00:00:00Z', 'Europe/London')).toBe('2027-03-10T08:00:00.000Z')
    expect(next('daily', '2027-03-10T00:00:00Z', 'America/New_York')).toBe('2027-03-10T13:00:00.000Z')
    // The US changed on 14 March, the UK not until 28 March: four hours apart.
    expect(next('daily', '2027-03-15T00:00:00Z', 'Europe/London')).toBe('2027-03-15T08:00:00.000Z')
    expect(next('daily', '2027-03-15T00:00:00Z', 'America/New_York')).toBe('2027-03-15T12:00:00.000Z')
    // Both on summer time: five hours apart again.
    expect(next('daily', '2027-03-29T00:00:00Z', 'Europe/London')).toBe('2027-03-29T07:00:00.000Z')
    expect(next('daily', '2027-03-29T00:00:00Z', 'America/New_York')).toBe('2027-03-29T12:00:00.000Z')
  })

  it('is 08:00 in the member’s zone across the autumn clock changes of 2027', () => {
    // The UK changed on 31 October, the US not until 7 November: four hours apart.
    expect(next('daily', '2027-11-01T00:00:00Z', 'Europe/London')).toBe('2027-11-01T08:00:00.000Z')
    expect(next('daily', '2027-11-01T00:00:00Z', 'America/New_York')).toBe('2027-11-01T12:00:00.000Z')
    expect(next('daily', '2027-11-08T00:00:00Z', 'America/New_York')).toBe('2027-11-08T13:00:00.000Z')
  })

  it('is the day after when today’s hour has passed, and moves with the chosen hour', () => {
    expect(next('daily', '2027-03-15T08:00:00Z', 'Europe/London')).toBe('2027-03-16T08:00:00.000Z')
    expect(next('daily', '2027-03-15T07:59:59Z', 'Europe/London')).toBe('2027-03-15T08:00:00.000Z')
    expect(next('daily', '2027-03-15T00:00:00Z', 'America/New_York', 18)).toBe('2027-03-15T22:00:00.000Z')
    // 23:00 in New York is the next UTC day (20:00 on the 14th there now).
    expect(next('daily', '2027-03-15T00:00:00Z', 'America/New_York', 23)).toBe('2027-03-15T03:00:00.000Z')
  })

  it('is weekly on Monday at the hour in the member’s zone', () => {
    // 2027-03-15 and 2027-03-22 are Mondays, in the four-hour weeks.
    expect(next('weekly', '2027-03-16T00:00:00Z', 'America/New_York')).toBe('2027-03-22T12:00:00.000Z')
    expect(next('weekly', '2027-03-16T00:00:00Z', 'Europe/London')).toBe('2027-03-22T08:00:00.000Z')
    // A Sunday evening in New York is already Monday in UTC; the digest still waits for Monday in New York.
    expect(next('weekly', '2027-03-22T02:00:00Z', 'America/New_York')).toBe('2027-03-22T12:00:00.000Z')
    // After the UK's change: Monday 29 March 08:00 BST.
    expect(next('weekly', '2027-03-22T08:00:00Z', 'Europe/London')).toBe('2027-03-29T07:00:00.000Z')
  })
})

describe('the latest digest due', () => {
  it('names the local day or Monday it is for', () => {
    expect(latestDigest('daily', at('2027-03-15T11:59:00Z'), 'America/New_York', 8)).toEqual({ cadence: 'daily', period: '2027-03-14', dueAt: at('2027-03-14T12:00:00Z') })
    expect(latestDigest('daily', at('2027-03-15T12:00:00Z'), 'America/New_York', 8).period).toBe('2027-03-15')
    expect(latestDigest('weekly', at('2027-03-21T12:00:00Z'), 'Europe/London', 8)).toEqual({ cadence: 'weekly', period: '2027-03-15', dueAt: at('2027-03-15T08:00:00Z') })
  })

  it('reads local dates in the zone', () => {
    expect(localDate(at('2027-03-15T03:00:00Z'), 'America/New_York')).toBe('2027-03-14')
    expect(localDate(at('2027-03-15T03:00:00Z'), 'Europe/London')).toBe('2027-03-15')
  })
})
