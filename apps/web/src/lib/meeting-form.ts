/**
 * The organisers' meeting form as plain values: what the inputs hold (all strings), how a
 * meeting fills them, and how they become the fields the meetings model accepts. The start
 * is a wall-clock time read in the meeting's own zone, never the browser's: an organiser in
 * New York who types 13:00 for a London meeting means 13:00 in London.
 */
import { meetingModes, type FieldError, type MeetingFields, type MeetingMode } from '@studio/contract'
import { describeMeetingTime, validateMeetingPatch, validateNewMeeting, type Meeting } from '@studio/framework'
import { fieldErrorsFrom, type FieldErrors, type SummaryItem } from './form-errors.ts'

export interface MeetingFormValues {
  title: string
  /** 'YYYY-MM-DDTHH:mm' from a datetime-local input, or '' while undated. */
  start: string
  /** 'HH:mm', the intended time of day while the meeting has no date; '' for none. */
  plannedTime: string
  timeZone: string
  /** Minutes, as typed. */
  durationMinutes: string
  place: string
  mode: MeetingMode | ''
  joinLink: string
}

/** The form's fields in the order they appear, for the error summary. */
export const meetingFormFields = ['title', 'start', 'plannedTime', 'timeZone', 'durationMinutes', 'place', 'mode', 'joinLink'] as const
export type MeetingFormField = (typeof meetingFormFields)[number]

/** A new meeting starts as a four-hour hybrid session in the organiser's own zone. */
export function emptyMeetingForm(timeZone: string): MeetingFormValues {
  return { title: '', start: '', plannedTime: '', timeZone, durationMinutes: '240', place: '', mode: 'hybrid', joinLink: '' }
}

export function meetingToForm(meeting: Meeting): MeetingFormValues {
  return {
    title: meeting.title,
    start: meeting.start ?? '',
    plannedTime: meeting.plannedTime ?? '',
    timeZone: meeting.timeZone,
    durationMinutes: String(meeting.durationMinutes),
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
  // Vue's v-model turns a number input's value into a number; accept either.
  const minutes = String(values.durationMinutes as string | number).trim()
  return {
    title: values.title,
    start: values.start.trim() === '' ? null : values.start.trim().slice(0, 16),
    plannedTime: values.plannedTime.trim() === '' ? null : values.plannedTime.trim().slice(0, 5),
    timeZone: values.timeZone.trim(),
    durationMinutes: minutes === '' ? undefined : Number(minutes),
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
  const missing = meetingFormFields.filter((field) => fields[field] === undefined)
  if (checked.ok && missing.length === 0) return { ok: true, fields: checked.value as MeetingFields }
  const errors = checked.ok ? [] : checked.errors
  // A patch may leave fields out; the form may not, so an emptied length or mode is an error here.
  const full = validateNewMeeting(fields)
  const extra = full.ok ? [] : full.errors.filter((error) => missing.includes(error.field as MeetingFormField))
  return failure([...errors, ...extra], idPrefix)
}

function failure(errors: FieldError[], idPrefix: string): MeetingFormCheck {
  const byField = fieldErrorsFrom(errors)
  const summary = meetingFormFields
    .filter((field) => byField[field] !== undefined)
    .map((field) => ({ message: byField[field] ?? '', target: fieldId(idPrefix, field) }))
  return { ok: false, errors: byField, summary }
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
  return describeMeetingTime(checked.value, viewerTimeZone).text
}
