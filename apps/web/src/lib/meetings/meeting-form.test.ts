import type { Meeting } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import { checkMeetingChange, checkMeetingForm, emptyMeetingForm, endTimeOf, fieldId, formToFields, meetingToForm, minutesBetween, startClock, startPreview } from './meeting-form.ts'

const kickOff: Meeting = {
  id: 'kick-off',
  title: 'Kick-off meeting',
  start: null,
  plannedTime: '13:00',
  timeZone: 'Europe/London',
  durationMinutes: 240,
  place: 'Angel, Islington, London',
  mode: 'hybrid',
  joinLink: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  archived: false,
}

describe('the meeting form', () => {
  it('round-trips a meeting through the form', () => {
    const values = meetingToForm(kickOff)
    expect(values).toMatchObject({ start: '', plannedTime: '13:00', durationMinutes: '240', endTime: '17:00' })
    const checked = checkMeetingChange(values, 'm')
    expect(checked.ok && checked.fields).toMatchObject({ title: 'Kick-off meeting', start: null, plannedTime: '13:00', durationMinutes: 240 })
  })

  it('reads an empty start as undated and cuts seconds from a browser’s value', () => {
    expect(formToFields({ ...emptyMeetingForm('Europe/London'), start: '' }).start).toBeNull()
    expect(formToFields({ ...emptyMeetingForm('Europe/London'), start: '2026-07-20T13:00:00' }).start).toBe('2026-07-20T13:00')
  })

  it('gives every problem beside its field and in a summary linking to the inputs, in form order', () => {
    const checked = checkMeetingForm(
      { ...emptyMeetingForm('Nowhere/Special'), start: '2026-07-20T13:00', endTime: '13:05', joinLink: 'ftp://x' },
      'new-meeting',
    )
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(Object.keys(checked.errors).sort()).toEqual(['endTime', 'joinLink', 'timeZone', 'title'])
    expect(checked.errors.endTime).toBe('End the meeting at least 15 minutes after it starts.')
    expect(checked.summary.map((item) => item.target)).toEqual([
      'new-meeting-title',
      'new-meeting-timeZone',
      'new-meeting-endTime',
      'new-meeting-joinLink',
    ])
  })

  it('keeps the length in minutes, counted from the start to the end time', () => {
    expect(formToFields({ ...meetingToForm(kickOff), endTime: '14:30' }).durationMinutes).toBe(90)
    expect(formToFields({ ...meetingToForm(kickOff), start: '2026-09-10T22:00', endTime: '01:00' }).durationMinutes).toBe(180)
    // With no start time to count from, the length stays as it was.
    expect(formToFields({ ...meetingToForm(kickOff), plannedTime: '', endTime: '' }).durationMinutes).toBe(240)
  })

  it('refuses an emptied end time or mode when changing a meeting, and a meeting of more than 12 hours', () => {
    const checked = checkMeetingChange({ ...meetingToForm(kickOff), endTime: '', mode: '' }, 'm')
    expect(checked.ok ? [] : Object.keys(checked.errors).sort()).toEqual(['endTime', 'mode'])
    expect(checked.ok ? '' : checked.errors.endTime).toBe('Give the time the meeting ends.')
    const long = checkMeetingChange({ ...meetingToForm(kickOff), endTime: '03:00' }, 'm')
    expect(long.ok ? '' : long.errors.endTime).toBe('A meeting lasts at most 12 hours: choose an earlier end time.')
  })

  it('reads the start’s time of day and the end from a length', () => {
    expect(startClock({ start: '2026-09-10T10:00', plannedTime: '13:00' })).toBe('10:00')
    expect(startClock({ start: '', plannedTime: '13:00' })).toBe('13:00')
    expect(startClock({ start: '', plannedTime: '' })).toBeNull()
    expect(endTimeOf('13:00', 240)).toBe('17:00')
    expect(endTimeOf('22:30', 120)).toBe('00:30')
    expect(minutesBetween('10:00', '11:30')).toBe(90)
    expect(minutesBetween('10:00', '10:00')).toBe(24 * 60)
    expect(minutesBetween('10:00', '')).toBeNull()
  })

  it('links the summary to the first option of the mode question', () => {
    expect(fieldId('x', 'mode')).toBe('x-mode-in-person')
  })

  it('says what a typed start means in the meeting’s zone and the viewer’s', () => {
    const values = { ...meetingToForm(kickOff), start: '2026-07-23T13:00' }
    // The year shows once 2026 is past (calendar-dates.ts).
    expect(startPreview(values, 'America/New_York')).toMatch(/^Thursday 23 July( 2026)?, 13:00 to 17:00 London; 08:00 to 12:00 your time$/)
    expect(startPreview({ ...values, start: '' }, 'America/New_York')).toBeNull()
    expect(startPreview({ ...values, start: '2026-02-30T13:00' }, 'America/New_York')).toBeNull()
  })
})
