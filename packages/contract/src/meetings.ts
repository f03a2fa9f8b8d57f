/**
 * Meetings: the fields an organiser sets in the `meetings` index document, validated the same
 * way by the document model (@studio/framework), the server and the web form; and the
 * "my actions" answer. Times are local wall-clock times in the meeting's own IANA zone, so
 * "13:00 in London" stays 13:00 in London whichever side of a clock change it falls.
 */
import { z } from 'zod'
import { isTimeZone } from './members.ts'

export const meetingModes = ['in-person', 'remote', 'hybrid'] as const
export type MeetingMode = (typeof meetingModes)[number]

export const meetingModeLabels: Record<MeetingMode, string> = {
  'in-person': 'In person',
  remote: 'Remote',
  hybrid: 'In person and remote',
}

/** Meeting ids, like every other id in the studio's documents. */
export const meetingIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/

export const meetingLimits = {
  titleMax: 200,
  placeMax: 300,
  joinLinkMax: 2000,
  durationMin: 15,
  durationMax: 720,
} as const

/** 'YYYY-MM-DDTHH:mm', a wall-clock time with no zone or offset. */
const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)$/
/** 'HH:mm', 24-hour. */
const timeOfDayPattern = /^([01]\d|2[0-3]):([0-5]\d)$/

/** True for a real calendar date and time written 'YYYY-MM-DDTHH:mm'. */
export function isLocalDateTime(value: string): boolean {
  const match = localDateTimePattern.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function isTimeOfDay(value: string): boolean {
  return timeOfDayPattern.test(value)
}

/** Empty, or an absolute http(s) address. */
export function isJoinLink(value: string): boolean {
  if (value === '') return true
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
  } catch {
    return false
  }
}

export const meetingFieldSchemas = {
  title: z
    .string({ error: 'Give the meeting a title.' })
    .trim()
    .min(1, 'Give the meeting a title.')
    .max(meetingLimits.titleMax, `Keep the title to ${meetingLimits.titleMax} characters or fewer.`),
  start: z
    .string({ error: 'Choose a date and start time, or leave the meeting undated.' })
    .refine(isLocalDateTime, 'Choose a real date and a start time, written like 2025-07-20T13:00.')
    .nullable(),
  plannedTime: z
    .string({ error: 'Choose a start time, or leave it empty.' })
    .refine(isTimeOfDay, 'Write the planned start time as HH:mm on a 24-hour clock, like 13:00.')
    .nullable(),
  timeZone: z
    .string({ error: 'Choose the meeting’s time zone.' })
    .refine(isTimeZone, 'Choose a time zone such as Europe/London or America/New_York.'),
  durationMinutes: z
    .number({ error: 'Give the length in minutes.' })
    .int('Give the length in whole minutes.')
    .min(meetingLimits.durationMin, `A meeting lasts at least ${meetingLimits.durationMin} minutes.`)
    .max(meetingLimits.durationMax, `A meeting lasts at most ${meetingLimits.durationMax / 60} hours.`),
  place: z
    .string({ error: 'Give the place as text.' })
    .trim()
    .max(meetingLimits.placeMax, `Keep the place to ${meetingLimits.placeMax} characters or fewer.`),
  mode: z.enum(meetingModes, { error: 'Choose in person, remote, or both.' }),
  joinLink: z
    .string({ error: 'Give the join link as text.' })
    .trim()
    .max(meetingLimits.joinLinkMax, 'That link is too long.')
    .refine(isJoinLink, 'Use a full web address starting with https://, or leave the link empty.'),
} as const

/** Every field of a meeting in the index, as stored (without its id and creation time). */
export const meetingFields = z.object(meetingFieldSchemas)
export type MeetingFields = z.infer<typeof meetingFields>

/** A new meeting: title, zone, length and mode are needed; the rest start empty or undated. */
export const newMeetingFields = z.object({
  ...meetingFieldSchemas,
  start: meetingFieldSchemas.start.default(null),
  plannedTime: meetingFieldSchemas.plannedTime.default(null),
  place: meetingFieldSchemas.place.default(''),
  joinLink: meetingFieldSchemas.joinLink.default(''),
})
export type NewMeetingInput = z.input<typeof newMeetingFields>

/** A change to some fields of a meeting. */
export const meetingPatch = meetingFields.partial()
export type MeetingPatch = z.input<typeof meetingPatch>

/** GET /api/my-actions: the signed-in member's open actions across every meeting. */
export interface MyAction {
  meetingId: string
  meetingTitle: string
  actionId: string
  text: string
  due: string | null
  done: boolean
}

export interface MyActionsResponse {
  actions: MyAction[]
}
