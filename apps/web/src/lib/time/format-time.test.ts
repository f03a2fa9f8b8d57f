import { describe, expect, it } from 'vitest'
import { formatDateTime } from './format-time.ts'

describe('formatDateTime', () => {
  const now = new Date('2026-12-06T12:00:00Z')

  it('shows an instant in the given zone, without the year this year', () => {
    expect(formatDateTime('2026-03-03T14:05:00Z', 'Europe/London', now)).toBe('3 Mar, 14:05')
    expect(formatDateTime('2026-03-03T14:05:00Z', 'America/New_York', now)).toBe('3 Mar, 09:05')
  })

  it('names the year of an instant in another year', () => {
    expect(formatDateTime('2025-03-03T14:05:00Z', 'Europe/London', now)).toBe('3 Mar 2025, 14:05')
  })

  it('leaves a value it cannot read as it is', () => {
    expect(formatDateTime('not a date')).toBe('not a date')
  })
})
