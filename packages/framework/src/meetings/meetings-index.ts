/**
 * The `meetings` index document: one entry per meeting with when, where and how it happens.
 * Only organisers write it (the server enforces that); everyone approved reads it.
 *
 * - `meetings`: id -> Y.Map { title, start ('YYYY-MM-DDTHH:mm' wall time in timeZone, or null
 *   while undated), plannedTime ('HH:mm' or null: the intended time of day while undated),
 *   timeZone (IANA), durationMinutes, place, mode, joinLink, createdAt (ISO), archived,
 *   sequence (how many times the time has changed: the calendar file's SEQUENCE) }
 *
 * Fields are plain values, not texts: a meeting's details are set by one organiser at a time
 * through a form, and the last value set wins. Every field is checked with the contract's
 * schema before it is written, so the document never holds a value the web form would refuse.
 */
import {
  meetingFieldSchemas,
  meetingModes,
  meetingPatch,
  newMeetingFields,
  type FieldError,
  type MeetingFields,
  type MeetingMode,
  type MeetingPatch,
  type NewMeetingInput,
} from '@studio/contract'
import * as Y from 'yjs'
import { newId, idPattern } from '../matrix/ids.ts'
import { meetingInstant } from './time.ts'

export const meetingsDocumentName = 'meetings'

/** The document holding a meeting's agenda, notes, decisions and actions. */
export function meetingDocumentName(meetingId: string): string {
  return `meeting:${meetingId}`
}

export interface Meeting extends MeetingFields {
  id: string
  createdAt: string
  archived: boolean
  /**
   * Bumped whenever the start, zone or length changes, so calendars replace the old event.
   * Always set by readMeeting; optional so that a meeting built by hand (a form, a test) needs none.
   */
  sequence?: number
}

export type MeetingMap = Y.Map<string | number | boolean | null>

/** A meeting's fields could not be written; `errors` lists every invalid field. */
export class MeetingError extends Error {
  readonly errors: FieldError[]

  constructor(message: string, errors: FieldError[] = []) {
    super(message)
    this.name = 'MeetingError'
    this.errors = errors
  }
}

export const meetingsMap = (doc: Y.Doc) => doc.getMap<MeetingMap>('meetings')

function fieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldError[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }))
}

function invalid(errors: FieldError[]): MeetingError {
  return new MeetingError(errors[0]?.message ?? 'The meeting’s details are not valid.', errors)
}

export type MeetingValidation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

/** Checks a new meeting's fields (defaults filled in), for forms that want errors without throwing. */
export function validateNewMeeting(fields: unknown): MeetingValidation<MeetingFields> {
  const checked = newMeetingFields.safeParse(fields)
  return checked.success ? { ok: true, value: checked.data } : { ok: false, errors: fieldErrors(checked.error) }
}

/** Checks a change to some of a meeting's fields. */
export function validateMeetingPatch(patch: unknown): MeetingValidation<Partial<MeetingFields>> {
  const checked = meetingPatch.safeParse(patch)
  return checked.success ? { ok: true, value: checked.data } : { ok: false, errors: fieldErrors(checked.error) }
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback)
const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * A field as the meeting form would accept it, else `fallback`: the server refuses other
 * values, but a log may hold one from before, and a zone or start that is not one would
 * make the calendar file and the list fail for every meeting.
 */
function valid<K extends keyof typeof meetingFieldSchemas>(map: MeetingMap, field: K, fallback: MeetingFields[K]): MeetingFields[K] {
  const value = map.get(field)
  return meetingFieldSchemas[field].safeParse(value).success ? (value as MeetingFields[K]) : fallback
}

function toMeeting(id: string, map: MeetingMap): Meeting {
  const mode = map.get('mode')
  return {
    id,
    title: text(map.get('title')),
    start: textOrNull(valid(map, 'start', null)),
    plannedTime: textOrNull(valid(map, 'plannedTime', null)),
    timeZone: valid(map, 'timeZone', 'Europe/London'),
    durationMinutes: valid(map, 'durationMinutes', 60),
    place: text(map.get('place')),
    mode: meetingModes.includes(mode as MeetingMode) ? (mode as MeetingMode) : 'hybrid',
    joinLink: text(map.get('joinLink')),
    createdAt: text(map.get('createdAt')),
    archived: map.get('archived') === true,
    sequence: typeof map.get('sequence') === 'number' ? (map.get('sequence') as number) : 0,
  }
}

export function readMeeting(doc: Y.Doc, id: string): Meeting | null {
  const map = meetingsMap(doc).get(id)
  return map instanceof Y.Map ? toMeeting(id, map) : null
}

/**
 * Every meeting: dated ones by when they start (earliest first, whatever their zones), then
 * undated ones in the order they were created. Archived meetings only when asked for.
 */
export function readMeetings(doc: Y.Doc, options: { includeArchived?: boolean } = {}): Meeting[] {
  const meetings: Meeting[] = []
  meetingsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const meeting = toMeeting(id, map)
    if (meeting.archived && !options.includeArchived) return
    meetings.push(meeting)
  })
  const startOf = new Map(meetings.map((meeting) => [meeting.id, meetingInstant(meeting)?.start.getTime() ?? null]))
  return meetings.sort((a, b) => {
    const startA = startOf.get(a.id) ?? null
    const startB = startOf.get(b.id) ?? null
    if (startA !== null && startB !== null && startA !== startB) return startA - startB
    if (startA === null && startB !== null) return 1
    if (startA !== null && startB === null) return -1
    if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}

export interface NewMeeting extends NewMeetingInput {
  /** Kept when given (the seed's kick-off meeting); otherwise made from the title. */
  id?: string
  /** ISO time; now when omitted. */
  createdAt?: string
}

/** Adds a meeting to the index and returns its id. Throws MeetingError listing every invalid field. */
export function addMeeting(doc: Y.Doc, fields: NewMeeting, origin?: unknown): string {
  const { id: givenId, createdAt, ...rest } = fields
  const checked = validateNewMeeting(rest)
  if (!checked.ok) throw invalid(checked.errors)
  const id = givenId ?? newId(checked.value.title)
  if (!idPattern.test(id)) throw invalid([{ field: 'id', message: 'A meeting id is lower-case letters, digits and hyphens.' }])
  if (meetingsMap(doc).has(id)) throw new MeetingError(`There is already a meeting with id ${id}.`)
  doc.transact(() => {
    const map: MeetingMap = new Y.Map()
    for (const [key, value] of Object.entries(checked.value)) map.set(key, value)
    map.set('createdAt', createdAt ?? new Date().toISOString())
    map.set('archived', false)
    meetingsMap(doc).set(id, map)
  }, origin)
  return id
}

function requireMeeting(doc: Y.Doc, id: string): MeetingMap {
  const map = meetingsMap(doc).get(id)
  if (!(map instanceof Y.Map)) throw new MeetingError(`There is no meeting with id ${id}.`)
  return map
}

/**
 * Changes some of a meeting's fields; only fields whose value changes are written, so a
 * form saved unchanged adds nothing to the document. Throws MeetingError listing every
 * invalid field, and then writes nothing.
 */
export function updateMeeting(doc: Y.Doc, id: string, patch: MeetingPatch, origin?: unknown): void {
  const map = requireMeeting(doc, id)
  const checked = validateMeetingPatch(patch)
  if (!checked.ok) throw invalid(checked.errors)
  const changes = Object.entries(checked.value).filter(([key, value]) => value !== undefined && map.get(key) !== value)
  if (changes.length === 0) return
  const timeChanges = changes.some(([key]) => key === 'start' || key === 'timeZone' || key === 'durationMinutes')
  doc.transact(() => {
    for (const [key, value] of changes) map.set(key, value as string | number | null)
    if (timeChanges) map.set('sequence', (typeof map.get('sequence') === 'number' ? (map.get('sequence') as number) : 0) + 1)
  }, origin)
}

/** Hides a meeting from the list; nothing is deleted, so it can be restored with its notes. */
export function archiveMeeting(doc: Y.Doc, id: string, origin?: unknown): void {
  setMeetingArchived(doc, id, true, origin)
}

export function restoreMeeting(doc: Y.Doc, id: string, origin?: unknown): void {
  setMeetingArchived(doc, id, false, origin)
}

function setMeetingArchived(doc: Y.Doc, id: string, archived: boolean, origin?: unknown): void {
  const map = requireMeeting(doc, id)
  if (map.get('archived') === archived) return
  doc.transact(() => map.set('archived', archived), origin)
}
