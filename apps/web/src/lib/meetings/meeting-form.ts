/**
 * The organisers' meeting form as plain values: what the inputs hold (all strings), how a
 * meeting fills them, and how they become the fields the meetings model accepts. The start
 * is a wall-clock time read in the meeting's own zone, never the browser's: an organiser in
 * New York who types 13:00 for a London meeting means 13:00 in London. The form asks for
 * an end time, as people plan meetings; the document keeps the length in minutes, worked
 * out from the start and the end (past midnight when the end is the earlier time).
 */
import { meetingLimits, meetingModes, type FieldError, type MeetingFields, type MeetingMode } from '@studio/contract'
import { describeMeetingTime, validateMeetingPatch, validateNewMeeting, type Meeting } from '@studio/framework'
import { fieldErrorsFrom, type FieldErrors, type SummaryItem } from '../forms/form-errors.ts'

export interface MeetingFormValues {
  title: string
  /** 'YYYY-MM-DDTHH:mm' from a datetime-local input, or '' while undated. */
  start: string
  /** 'HH:mm', the intended time of day while the meeting has no date; '' for none. */
  plannedTime: string
  timeZone: string
  /** The length kept in the document, used as it is while there is no start time to count from. */
  durationMinutes: string
  /** 'HH:mm', when the meeting ends, in its own zone; '' while not given. */
  endTime: string
  place: string
  mode: MeetingMode | ''
  joinLink: string
}

/** The form's fields in the order they appear, for the error summary. */
export const meetingFormFields = ['title', 'start', 'plannedTime', 'timeZone', 'endTime', 'place', 'mode', 'joinLink'] as const
export type MeetingFormField = (typeof meetingFormFields)[number]

/** A new meeting starts as a four-hour hybrid session in the organiser's own zone. */
export function emptyMeetingForm(timeZone: string): MeetingFormValues {
  return { title: '', start: '', plannedTime: '', timeZone, durationMinutes: '240', endTime: '', place: '', mode: 'hybrid', joinLink: '' }
}

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/

/** The start's time of day ('HH:mm'): from the dated start, else the planned time; null when neither. */
export function startClock(values: Pick<MeetingFormValues, 'start' | 'plannedTime'>): string | null {
  const clock = values.start.trim() !== '' ? values.start.trim().slice(11, 16) : values.plannedTime.trim().slice(0, 5)
  return clockPattern.test(clock) ? clock : null
}

/** The time of day ('HH:mm') a meeting starting at `clock` and lasting `minutes` ends. */
export function endTimeOf(clock: string, minutes: number): string {
  const match = clockPattern.exec(clock)
  if (!match || !Number.isFinite(minutes)) return ''
  const end = (Number(match[1]) * 60 + Number(match[2]) + minutes) % (24 * 60)
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`
}

/** Minutes from `start` to `end` (both 'HH:mm'); an end at or before the start is on the next day. */
export function minutesBetween(start: string, end: string): number | null {
  const from = clockPattern.exec(start)
  const to = clockPattern.exec(end.trim().slice(0, 5))
  if (!from || !to) return null
  const minutes = Number(to[1]) * 60 + Number(to[2]) - (Number(from[1]) * 60 + Number(from[2]))
  return minutes > 0 ? minutes : minutes + 24 * 60
}

export function meetingToForm(meeting: Meeting): MeetingFormValues {
  const clock = startClock({ start: meeting.start ?? '', plannedTime: meeting.plannedTime ?? '' })
  return {
    title: meeting.title,
    start: meeting.start ?? '',
    plannedTime: meeting.plannedTime ?? '',
    timeZone: meeting.timeZone,
    durationMinutes: String(meeting.durationMinutes),
    endTime: clock ? endTimeOf(clock, meeting.durationMinutes) : '',
    place: meeting.place,
    mode: meeting.mode,
    joinLink: meeting.joinLink,
  }
}

/**
 * The values as the model's fields; left for the schema to judge, so its messages (the same
 * the server would give) are the ones people see. Browsers give datetime-local values with
 * seconds when a step asks for them; those are cut to minutes.
 */
export function formToFields(values: MeetingFormValues): Record<keyof MeetingFields, unknown> {
  const clock = startClock(values)
  // Counted from the start when there is one; otherwise the length stays as it was.
  const kept = String(values.durationMinutes).trim()
  const minutes = clock ? (minutesBetween(clock, values.endTime) ?? undefined) : kept === '' ? undefined : Number(kept)
  return {
    title: values.title,
    start: values.start.trim() === '' ? null : values.start.trim().slice(0, 16),
    plannedTime: values.plannedTime.trim() === '' ? null : values.plannedTime.trim().slice(0, 5),
    timeZone: values.timeZone.trim(),
    durationMinutes: minutes,
    place: values.place,
    mode: meetingModes.includes(values.mode as MeetingMode) ? values.mode : undefined,
    joinLink: values.joinLink,
  }
}

export type MeetingFormCheck =
  | { ok: true; fields: MeetingFields }
  | { ok: false; errors: FieldErrors; summary: SummaryItem[] }

/** Checks the form with the model's own validation; `idPrefix` names the inputs the summary links to. */
export function checkMeetingForm(values: MeetingFormValues, idPrefix: string): MeetingFormCheck {
  const checked = validateNewMeeting(formToFields(values))
  if (checked.ok) return { ok: true, fields: checked.value }
  return failure(checked.errors, idPrefix)
}

/** The same check for a change to an existing meeting: every field is on the form, so all are checked. */
export function checkMeetingChange(values: MeetingFormValues, idPrefix: string): MeetingFormCheck {
  const fields = formToFields(values)
  const checked = validateMeetingPatch(fields)
  const modelFields = meetingFormFields.map((field) => (field === 'endTime' ? 'durationMinutes' : field))
  const missing: string[] = modelFields.filter((field) => fields[field] === undefined)
  if (checked.ok && missing.length === 0) return { ok: true, fields: checked.value as MeetingFields }
  const errors = checked.ok ? [] : checked.errors
  // A patch may leave fields out; the form may not, so an emptied length or mode is an error here.
  const full = validateNewMeeting(fields)
  const extra = full.ok ? [] : full.errors.filter((error) => error.field !== null && missing.includes(error.field))
  return failure([...errors, ...extra], idPrefix)
}

function failure(errors: FieldError[], idPrefix: string): MeetingFormCheck {
  // The model judges the length; the form asks for an end time, so it answers about that.
  const byField = fieldErrorsFrom(errors.map((error) => (error.field === 'durationMinutes' ? { field: 'endTime', message: endTimeProblem(error.message) } : error)))
  const summary = meetingFormFields
    .filter((field) => byField[field] !== undefined)
    .map((field) => ({ message: byField[field] ?? '', target: fieldId(idPrefix, field) }))
  return { ok: false, errors: byField, summary }
}

function endTimeProblem(lengthMessage: string): string {
  if (/at least/.test(lengthMessage)) return `End the meeting at least ${meetingLimits.durationMin} minutes after it starts.`
  if (/at most/.test(lengthMessage)) return `A meeting lasts at most ${meetingLimits.durationMax / 60} hours: choose an earlier end time.`
  return 'Give the time the meeting ends.'
}

/** The id of a field's input; the mode radio group links to its first option. */
export function fieldId(idPrefix: string, field: MeetingFormField): string {
  return field === 'mode' ? `${idPrefix}-mode-${meetingModes[0]}` : `${idPrefix}-${field}`
}

/** What the typed start means, in the meeting's zone and the viewer's, or null until it can be read. */
export function startPreview(values: MeetingFormValues, viewerTimeZone: string | null): string | null {
  const fields = formToFields(values)
  if (fields.start === null) return null
  const checked = validateNewMeeting({ ...fields, title: 'preview', mode: 'hybrid' })
  if (!checked.ok) return null
  return describeMeetingTime(checked.value, viewerTimeZone, 'en-GB', new Date()).text
}
