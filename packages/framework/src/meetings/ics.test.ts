import { describe, expect, it } from 'vitest'
import { escapeIcsText, foldIcsLine, meetingToIcs } from './ics.ts'
import type { Meeting } from './meetings-index.ts'

const meeting = (fields: Partial<Meeting> = {}): Meeting => ({
  id: 'kick-off',
  title: 'Kick-off meeting',
  start: '2025-10-23T13:00',
  plannedTime: null,
  timeZone: 'Europe/London',
  durationMinutes: 240,
  place: 'Angel, Islington, London',
  mode: 'hybrid',
  joinLink: 'https://meet.example.com/kick-off',
  createdAt: '2025-01-01T00:00:00.000Z',
  archived: false,
  sequence: 2,
  ...fields,
})

const options = { uid: 'meeting-kick-off@studio.example', url: 'https://studio.example/meetings/kick-off', now: new Date('2025-01-02T03:04:05Z') }

/** Content lines with folding undone (RFC 5545 3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n')
const property = (ics: string, name: string) => unfold(ics).find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1)

describe('meetings as iCalendar files', () => {
  it('writes start and end in UTC from the London wall time, on both sides of the October clock change', () => {
    const before = meetingToIcs(meeting({ start: '2025-10-23T13:00' }), options)!
    expect(property(before, 'DTSTART')).toBe('20251023T120000Z')
    expect(property(before, 'DTEND')).toBe('20251023T160000Z')
    const after = meetingToIcs(meeting({ start: '2025-10-30T13:00' }), options)!
    expect(property(after, 'DTSTART')).toBe('20251030T130000Z')
    expect(property(after, 'DTEND')).toBe('20251030T170000Z')
  })

  it('ends every line with CRLF and holds one event with the required properties', () => {
    const ics = meetingToIcs(meeting(), options)!
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = unfold(ics)
    expect(lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0'])
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1)
    expect(property(ics, 'UID')).toBe('meeting-kick-off@studio.example')
    expect(property(ics, 'DTSTAMP')).toBe('20250102T030405Z')
    expect(property(ics, 'SEQUENCE')).toBe('2')
    expect(property(ics, 'SUMMARY')).toBe('Kick-off meeting')
    expect(property(ics, 'LOCATION')).toBe('Angel\\, Islington\\, London')
    expect(property(ics, 'URL')).toBe('https://meet.example.com/kick-off')
    expect(property(ics, 'DESCRIPTION')).toBe(
      'Thursday 23 October\\, 13:00 to 17:00 London\\nJoin online: https://meet.example.com/kick-off\\nAgenda\\, notes and actions: https://studio.example/meetings/kick-off',
    )
    expect(lines.at(-2)).toBe('END:VCALENDAR')
  })

  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeIcsText('Roles; levels, and \\ paths\nnext\r\nline')).toBe('Roles\\; levels\\, and \\\\ paths\\nnext\\nline')
    const ics = meetingToIcs(meeting({ title: 'Scope; roles, levels\nand more' }), options)!
    expect(property(ics, 'SUMMARY')).toBe('Scope\\; roles\\, levels\\nand more')
  })

  it('folds long lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const title = 'Réunion de lancement — competency framework ✅ '.repeat(4).trim()
    const ics = meetingToIcs(meeting({ title }), options)!
    const physical = ics.split('\r\n').slice(0, -1)
    const encoder = new TextEncoder()
    const decoder = new TextDecoder('utf-8', { fatal: true })
    for (const line of physical) {
      const bytes = encoder.encode(line)
      expect(bytes.length, line).toBeLessThanOrEqual(75)
      expect(decoder.decode(bytes)).toBe(line)
    }
    expect(physical.some((line) => line.startsWith(' '))).toBe(true)
    expect(property(ics, 'SUMMARY')).toBe(title)
  })

  it('folds a line of exactly 75 octets not at all, and one of 76 once', () => {
    expect(foldIcsLine('x'.repeat(75))).toBe('x'.repeat(75))
    expect(foldIcsLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`)
  })

  it('links to the studio page when there is no join link, and says Online for a remote meeting without a place', () => {
    const ics = meetingToIcs(meeting({ joinLink: '', place: '', mode: 'remote' }), options)!
    expect(property(ics, 'URL')).toBe('https://studio.example/meetings/kick-off')
    expect(property(ics, 'LOCATION')).toBe('Online')
  })

  it('has no calendar file for an undated meeting', () => {
    expect(meetingToIcs(meeting({ start: null, plannedTime: '13:00' }), options)).toBeNull()
  })
})
