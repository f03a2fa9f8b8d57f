import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeMeetingTime, meetingInstant, wallTimeToInstant, zoneLabel, type MeetingTimeFields } from './time.ts'

const london = (start: string | null, durationMinutes = 240, plannedTime: string | null = null): MeetingTimeFields =>
  ({ start, plannedTime, timeZone: 'Europe/London', durationMinutes })

const utc = (date: Date | undefined) => date?.toISOString()

describe('meeting instants', () => {
  it('converts a London summer afternoon to UTC one hour earlier, and a winter one to the same hour', () => {
    expect(utc(meetingInstant(london('2028-07-20T13:00'))?.start)).toBe('2028-07-20T12:00:00.000Z')
    expect(utc(meetingInstant(london('2028-07-20T13:00'))?.end)).toBe('2028-07-20T16:00:00.000Z')
    expect(utc(meetingInstant(london('2028-01-20T13:00'))?.start)).toBe('2028-01-20T13:00:00.000Z')
  })

  it('follows London across both clock changes of 2025 (30 March and 26 October)', () => {
    expect(utc(wallTimeToInstant('2025-03-29T13:00', 'Europe/London'))).toBe('2025-03-29T13:00:00.000Z')
    expect(utc(wallTimeToInstant('2025-03-30T13:00', 'Europe/London'))).toBe('2025-03-30T12:00:00.000Z')
    expect(utc(wallTimeToInstant('2025-10-25T13:00', 'Europe/London'))).toBe('2025-10-25T12:00:00.000Z')
    expect(utc(wallTimeToInstant('2025-10-26T13:00', 'Europe/London'))).toBe('2025-10-26T13:00:00.000Z')
  })

  it('follows New York across both clock changes of 2025 (9 March and 2 November)', () => {
    expect(utc(wallTimeToInstant('2025-03-08T09:00', 'America/New_York'))).toBe('2025-03-08T14:00:00.000Z')
    expect(utc(wallTimeToInstant('2025-03-09T09:00', 'America/New_York'))).toBe('2025-03-09T13:00:00.000Z')
    expect(utc(wallTimeToInstant('2025-11-01T09:00', 'America/New_York'))).toBe('2025-11-01T13:00:00.000Z')
    expect(utc(wallTimeToInstant('2025-11-02T09:00', 'America/New_York'))).toBe('2025-11-02T14:00:00.000Z')
  })

  it('moves a time in the skipped spring hour forward by the gap, and takes the earlier of a repeated autumn hour', () => {
    // 01:30 does not happen in London on 30 March 2025: it reads as 02:30 BST, 01:30 UTC.
    expect(utc(wallTimeToInstant('2025-03-30T01:30', 'Europe/London'))).toBe('2025-03-30T01:30:00.000Z')
    // 01:30 happens twice on 26 October 2025: first in BST (00:30 UTC), then in GMT.
    expect(utc(wallTimeToInstant('2025-10-26T01:30', 'Europe/London'))).toBe('2025-10-26T00:30:00.000Z')
    expect(utc(wallTimeToInstant('2025-03-09T02:30', 'America/New_York'))).toBe('2025-03-09T07:30:00.000Z')
    expect(utc(wallTimeToInstant('2025-11-02T01:30', 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z')
  })

  it('handles a day that a zone skipped when it crossed the date line (Samoa, 30 December 2011)', () => {
    // Apia went from 29 December (UTC−10) straight to 31 December (UTC+14).
    expect(utc(wallTimeToInstant('2011-12-29T12:00', 'Pacific/Apia'))).toBe('2011-12-29T22:00:00.000Z')
    expect(utc(wallTimeToInstant('2011-12-31T12:00', 'Pacific/Apia'))).toBe('2011-12-30T22:00:00.000Z')
    expect(utc(wallTimeToInstant('2011-12-30T12:00', 'Pacific/Apia'))).toBe('2011-12-30T22:00:00.000Z')
  })

  it('has no instant while the meeting is undated', () => {
    expect(meetingInstant(london(null, 240, '13:00'))).toBeNull()
  })

  it('gives back the same clock reading for any instant in any of these zones (property)', () => {
    const zones = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'Pacific/Apia', 'America/Santiago']
    const wallIn = (instant: number, timeZone: string) => {
      const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      }).formatToParts(new Date(instant)).map((part) => [part.type, part.value]))
      return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }), fc.constantFrom(...zones), (minutes, zone) => {
        const instant = minutes * 60_000
        const wall = wallIn(instant, zone)
        const found = wallTimeToInstant(wall, zone).getTime()
        // The same reading; in a repeated hour possibly the earlier of the two instants.
        expect(wallIn(found, zone)).toBe(wall)
        expect(found).toBeLessThanOrEqual(instant)
        expect(instant - found).toBeLessThanOrEqual(2 * 60 * 60_000)
      }),
      { numRuns: 500 },
    )
  })
})

describe('describing a meeting time', () => {
  it('shows London time and the New York viewer’s time on the same day', () => {
    expect(describeMeetingTime(london('2028-07-20T13:00'), 'America/New_York')).toEqual({
      meetingZone: 'London',
      viewerZone: 'New York',
      text: 'Thursday 20 July, 13:00 to 17:00 London; 08:00 to 12:00 your time',
    })
  })

  it('shows the four-hour gap between New York and London in the weeks when only the US has changed its clocks', () => {
    expect(describeMeetingTime(london('2025-03-20T13:00'), 'America/New_York').text).toBe('Thursday 20 March, 13:00 to 17:00 London; 09:00 to 13:00 your time')
    expect(describeMeetingTime(london('2025-04-03T13:00'), 'America/New_York').text).toBe('Thursday 3 April, 13:00 to 17:00 London; 08:00 to 12:00 your time')
    expect(describeMeetingTime(london('2025-10-30T13:00'), 'America/New_York').text).toBe('Thursday 30 October, 13:00 to 17:00 London; 09:00 to 13:00 your time')
    expect(describeMeetingTime(london('2025-11-06T13:00'), 'America/New_York').text).toBe('Thursday 6 November, 13:00 to 17:00 London; 08:00 to 12:00 your time')
  })

  it('names the viewer’s day when the date line puts them on another day', () => {
    expect(describeMeetingTime(london('2028-07-20T13:00'), 'Pacific/Kiritimati').text).toBe('Thursday 20 July, 13:00 to 17:00 London; Friday 21 July, 02:00 to 06:00 your time')
    // Honolulu reads the same clock as Kiritimati, a day earlier.
    expect(describeMeetingTime(london('2028-07-20T13:00'), 'Pacific/Honolulu').text).toBe('Thursday 20 July, 13:00 to 17:00 London; 02:00 to 06:00 your time')
    const auckland: MeetingTimeFields = { start: '2028-07-21T09:00', timeZone: 'Pacific/Auckland', durationMinutes: 60 }
    expect(describeMeetingTime(auckland, 'America/Los_Angeles').text).toBe('Friday 21 July, 09:00 to 10:00 Auckland; Thursday 20 July, 14:00 to 15:00 your time')
  })

  it('names both days when the meeting runs past the viewer’s midnight', () => {
    expect(describeMeetingTime(london('2028-07-20T13:00'), 'Pacific/Auckland').text)
      .toBe('Thursday 20 July, 13:00 to 17:00 London; Friday 21 July, 00:00 to 04:00 your time')
    expect(describeMeetingTime(london('2028-07-20T13:00'), 'Asia/Tokyo').text)
      .toBe('Thursday 20 July, 13:00 to 17:00 London; Thursday 20 July, 21:00 to Friday 21 July, 01:00 your time')
  })

  it('counts real time across a clock change: four hours from midnight on 26 October 2025 end at 03:00 in London', () => {
    expect(describeMeetingTime(london('2025-10-26T00:00'), 'Europe/London').text).toBe('Sunday 26 October, 00:00 to 03:00 London')
  })

  it('leaves out the viewer’s part when their clock reads the same as the meeting’s, or their zone is unknown', () => {
    for (const viewer of ['Europe/London', 'Europe/Dublin', 'Not/AZone', '', null, undefined]) {
      const description = describeMeetingTime(london('2028-07-20T13:00'), viewer)
      expect(description, String(viewer)).toEqual({ meetingZone: 'London', viewerZone: null, text: 'Thursday 20 July, 13:00 to 17:00 London' })
    }
    // Lisbon shares London's clock in summer and winter alike.
    expect(describeMeetingTime(london('2028-01-20T13:00'), 'Europe/Lisbon').viewerZone).toBeNull()
    expect(describeMeetingTime(london('2028-01-20T13:00'), 'Europe/Paris').viewerZone).toBe('Paris')
  })

  it('says an undated meeting is not dated yet, with its planned time of day in its own zone', () => {
    expect(describeMeetingTime(london(null, 240, '13:00'), 'America/New_York')).toEqual({
      meetingZone: 'London', viewerZone: null, text: 'Not yet dated; planned for 13:00 to 17:00 London time',
    })
    expect(describeMeetingTime(london(null, 180, '22:30'), 'Europe/London').text).toBe('Not yet dated; planned for 22:30 to 01:30 the next day London time')
    expect(describeMeetingTime(london(null), 'Europe/London').text).toBe('Not yet dated')
  })

  it('formats the date for the given locale', () => {
    expect(describeMeetingTime(london('2028-07-20T13:00'), 'Europe/London', 'en-US').text).toBe('Thursday, July 20, 13:00 to 17:00 London')
  })

  it('names the year of a date in another year than today, when given today', () => {
    const today = new Date('2028-03-01T12:00:00Z')
    expect(describeMeetingTime(london('2028-07-20T13:00'), 'Europe/London', 'en-GB', today).text).toBe('Thursday 20 July, 13:00 to 17:00 London')
    expect(describeMeetingTime(london('2029-07-19T13:00'), 'America/New_York', 'en-GB', today).text).toBe(
      'Thursday 19 July 2029, 13:00 to 17:00 London; 08:00 to 12:00 your time',
    )
  })

  it('labels zones by their city', () => {
    expect(zoneLabel('Europe/London')).toBe('London')
    expect(zoneLabel('America/New_York')).toBe('New York')
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires')
    expect(zoneLabel('UTC')).toBe('UTC')
    expect(zoneLabel('Etc/GMT+5')).toBe('UTC−5')
  })
})
