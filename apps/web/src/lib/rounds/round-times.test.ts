import { describe, expect, it } from 'vitest'
import { instantOf, wallTimeIn } from './round-times.ts'

describe('round times', () => {
  it('reads a typed time in the organiser\'s zone and shows an instant back in it', () => {
    expect(instantOf('2026-07-01T09:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z')
    expect(instantOf('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z')
    expect(wallTimeIn(new Date('2026-07-01T13:00:00.000Z'), 'America/New_York')).toBe('2026-07-01T09:00')
    expect(wallTimeIn(new Date('2026-01-15T09:30:00.000Z'), 'Europe/London')).toBe('2026-01-15T09:30')
  })

  it('refuses what is not a date and time', () => {
    expect(instantOf('', 'Europe/London')).toBeNull()
    expect(instantOf('tomorrow', 'Europe/London')).toBeNull()
  })
})
