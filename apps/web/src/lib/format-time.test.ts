import { describe, expect, it } from 'vitest'
import { formatDateTime } from './format-time.ts'

describe('formatDateTime', () => {
  it('shows an instant in the given zone', () => {
    expect(formatDateTime('2026-03-03T14:05:00Z', 'Europe/London')).toBe('3 Mar 2026, 14:05')
    expect(formatDateTime('2026-03-03T14:05:00Z', 'America/New_York')).toBe('3 Mar 2026, 09:05')
  })

  it('leaves a value it cannot read as it is', () => {
    expect(formatDateTime('not a date')).toBe('not a date')
  })
})
