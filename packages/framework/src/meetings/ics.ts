/**
 * A dated meeting as an iCalendar file (RFC 5545) that Outlook, Google and Apple calendars
 * import. Start and end are written in UTC, computed from the meeting's wall time in its
 * zone: every client shows UTC times in its own zone, and no VTIMEZONE block (which would
 * have to restate the zone's rules) can disagree with the instant the studio shows.
 */
import type { Meeting } from './meetings-index.ts'
import { safeUrl } from './rich-text-html.ts'
import { describeMeetingTime, meetingInstant } from './time.ts'

export interface IcsOptions {
  /** Stable across downloads, so re-importing updates the event rather than adding another. */
  uid: string
  /** The meeting's page in the studio, for agenda, notes and actions. */
  url?: string
  /** DTSTAMP; now when omitted. */
  now?: Date
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // Other control characters are not allowed in a content line.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}

const encoder = new TextEncoder()

/**
 * Folds a content line to at most 75 octets per line (RFC 5545 3.1): continuation lines
 * start with one space, and a multi-byte character is never split.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let size = 0
  let limit = 75
  for (const char of line) {
    const bytes = encoder.encode(char).length
    if (size + bytes > limit) {
      parts.push(current)
      current = ''
      size = 0
      limit = 74 // the leading space takes one octet
    }
    current += char
    size += bytes
  }
  parts.push(current)
  return parts.join('\r\n ')
}

/** 20250720T120000Z */
export function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/** The meeting as an .ics file with CRLF line endings, or null while it is not dated. */
export function meetingToIcs(meeting: Meeting, options: IcsOptions): string | null {
  const instant = meetingInstant(meeting)
  if (!instant) return null
  const joinLink = meeting.joinLink ? safeUrl(meeting.joinLink) : null
  const studioUrl = options.url ? safeUrl(options.url) : null
  const description = [
    describeMeetingTime(meeting, meeting.timeZone).text,
    joinLink ? `Join online: ${joinLink}` : null,
    studioUrl ? `Agenda, notes and actions: ${studioUrl}` : null,
  ].filter((line): line is string => line !== null)
  const location = meeting.place || (meeting.mode === 'remote' ? 'Online' : '')
  const url = joinLink || studioUrl
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Working Group Studio//Meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(options.uid)}`,
    `DTSTAMP:${icsUtc(options.now ?? new Date())}`,
    `DTSTART:${icsUtc(instant.start)}`,
    `DTEND:${icsUtc(instant.end)}`,
    `SEQUENCE:${meeting.sequence ?? 0}`,
    `SUMMARY:${escapeIcsText(meeting.title)}`,
    location ? `LOCATION:${escapeIcsText(location)}` : null,
    url ? `URL:${url.replace(/[\s"]/g, encodeURIComponent)}` : null,
    `DESCRIPTION:${escapeIcsText(description.join('\n'))}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ].filter((line): line is string => line !== null)
  return lines.map(foldIcsLine).join('\r\n') + '\r\n'
}
