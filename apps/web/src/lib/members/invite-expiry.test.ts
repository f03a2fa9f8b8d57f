import { describe, expect, it } from 'vitest'
import { dateInputValue, defaultExpiryDate, expiryInstant } from './invite-expiry.ts'

describe('invite expiry', () => {
  it('defaults to two weeks ahead', () => {
    expect(defaultExpiryDate(new Date(2026, 2, 3, 10, 0))).toBe('2026-03-17')
  })

  it('ends at the last second of the chosen local day', () => {
    const instant = new Date(expiryInstant('2026-03-17'))
    expect(dateInputValue(instant)).toBe('2026-03-17')
    expect([instant.getHours(), instant.getMinutes(), instant.getSeconds()]).toEqual([23, 59, 59])
  })

  it('gives nothing for an empty or malformed date', () => {
    expect(expiryInstant('')).toBe('')
    expect(expiryInstant('17/03/2026')).toBe('')
  })
})
