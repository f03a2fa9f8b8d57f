import type { Meeting } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import { checkMeetingChange, checkMeetingForm, emptyMeetingForm, fieldId, formToFields, meetingToForm, startPreview } from './meeting-form.ts'

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
    expect(values).toMatchObject({ start: '', plannedTime: '13:00', durationMinutes: '240' })
    const checked = checkMeetingChange(values, 'm')
    expect(checked.ok && checked.fields).toMatchObject({ title: 'Kick-off meeting', start: null, plannedTime: '13:00', durationMinutes: 240 })
  })

  it('reads an empty start as undated and cuts seconds from a browser’s value', () => {
    expect(formToFields({ ...emptyMeetingForm('Europe/London'), start: '' }).start).toBeNull()
    expect(formToFields({ ...emptyMeetingForm('Europe/London'), start: '2026-07-20T13:00:00' }).start).toBe('2026-07-20T13:00')
  })

  it('gives every problem beside its field and in a summary linking to the inputs, in form order', () => {
    const checked = checkMeetingForm({ ...emptyMeetingForm('Nowhere/Special'), durationMinutes: '5', joinLink: 'ftp://x' }, 'new-meeting')
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(Object.keys(checked.errors).sort()).toEqual(['durationMinutes', 'joinLink', 'timeZone', 'title'])
    expect(checked.summary.map((item) => item.target)).toEqual([
      'new-meeting-title',
      'new-meeting-timeZone',
      'new-meeting-durationMinutes',
      'new-meeting-joinLink',
    ])
  })

  it('takes the length as a number too, as Vue’s v-model gives it from a number input', () => {
    const values = { ...meetingToForm(kickOff), durationMinutes: 90 as unknown as string }
    expect(formToFields(values).durationMinutes).toBe(90)
  })

  it('refuses an emptied length or mode when changing a meeting', () => {
    const checked = checkMeetingChange({ ...meetingToForm(kickOff), durationMinutes: '', mode: '' }, 'm')
    expect(checked.ok ? [] : Object.keys(checked.errors).sort()).toEqual(['durationMinutes', 'mode'])
  })

  it('links the summary to the first option of the mode question', () => {
    expect(fieldId('x', 'mode')).toBe('x-mode-in-person')
  })

  it('says what a typed start means in the meeting’s zone and the viewer’s', () => {
    const values = { ...meetingToForm(kickOff), start: '2026-07-23T13:00' }
    expect(startPreview(values, 'America/New_York')).toBe('Thursday 23 July, 13:00 to 17:00 London; 08:00 to 12:00 your time')
    expect(startPreview({ ...values, start: '' }, 'America/New_York')).toBeNull()
    expect(startPreview({ ...values, start: '2026-02-30T13:00' }, 'America/New_York')).toBeNull()
  })
})
