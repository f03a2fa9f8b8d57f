import { describe, expect, it } from 'vitest'
import { dueDateLabel, durationLabel, isOverdue, modeLabel, todayOnDevice } from './meeting-display.ts'

describe('meeting wordings', () => {
  it('says a length in hours and minutes', () => {
    expect(durationLabel(240)).toBe('4 hours')
    expect(durationLabel(90)).toBe('1 hour 30 minutes')
    expect(durationLabel(45)).toBe('45 minutes')
    expect(durationLabel(61)).toBe('1 hour 1 minute')
  })

  it('names the modes', () => {
    expect(modeLabel('hybrid')).toBe('In person and remote')
  })

  it('writes a due date the same way in every zone', () => {
    const now = new Date(2026, 11, 6)
    expect(dueDateLabel('2026-07-31', now)).toBe('31 July')
    expect(dueDateLabel('2027-01-15', now)).toBe('15 January 2027')
    expect(dueDateLabel('soon')).toBe('soon')
  })

  it('tells an overdue action by the calendar date', () => {
    expect(isOverdue('2026-07-30', '2026-07-31')).toBe(true)
    expect(isOverdue('2026-07-31', '2026-07-31')).toBe(false)
    expect(isOverdue(null, '2026-07-31')).toBe(false)
  })

  it('writes today as a calendar date', () => {
    expect(todayOnDevice(new Date(2026, 6, 5, 12))).toBe('2026-07-05')
  })
})
