/**
 * The sign-up form's data outside any component: what a blank form holds, how it becomes
 * the contract's input (validated with `signupFields`, the server's own schema) and the
 * multipart body, and where each field sits on the page so that the error summary lists
 * problems in page order and links to the right control.
 */
import {
  isTimeZone,
  type Attendance,
  type PmoTypeChoice,
  type SignupFields,
  type SignupInput,
} from '@studio/contract'

export interface SignUpDraft {
  name: string
  email: string
  password: string
  organisation: string
  jobTitle: string
  location: string
  timezone: string
  pmoTypes: PmoTypeChoice[]
  frameworkExperience: '' | 'yes' | 'no'
  contribution: string
  attendance: '' | Attendance
  consent: boolean
}

export type SignUpField = keyof SignUpDraft | 'attachment'

/** Fields in the order the page shows them. */
export const signUpFieldOrder: readonly SignUpField[] = [
  'name',
  'email',
  'password',
  'organisation',
  'jobTitle',
  'location',
  'timezone',
  'pmoTypes',
  'frameworkExperience',
  'contribution',
  'attendance',
  'attachment',
  'consent',
]

/** The element a summary link moves focus to: the input, or a group's first option. */
const groupFirstOption: Partial<Record<SignUpField, string>> = {
  pmoTypes: 'project-office',
  frameworkExperience: 'yes',
  attendance: 'in-person',
}

export function signUpFieldId(field: SignUpField): string {
  return `signup-${field}`
}

/** The id of an option in a checkbox or radio group. */
export function signUpOptionId(field: SignUpField, value: string): string {
  return `${signUpFieldId(field)}-${value}`
}

/** Where an error summary link for `field` points, or null for a field the page has no control for. */
export function signUpFieldTarget(field: string): string | null {
  if (!(signUpFieldOrder as readonly string[]).includes(field)) return null
  const key = field as SignUpField
  const option = groupFirstOption[key]
  return option ? signUpOptionId(key, option) : signUpFieldId(key)
}

export function emptyDraft(timezone: string): SignUpDraft {
  return {
    name: '',
    email: '',
    password: '',
    organisation: '',
    jobTitle: '',
    location: '',
    timezone,
    pmoTypes: [],
    frameworkExperience: '',
    contribution: '',
    attendance: '',
    consent: false,
  }
}

/** The browser's IANA zone, or '' when it reports something the contract would refuse. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return zone && isTimeZone(zone) ? zone : ''
}

/** Every IANA zone the browser knows, for the time zone field's suggestions. */
export function knownTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return zones.includes('UTC') ? zones : [...zones, 'UTC']
}

/**
 * What `signupFields` validates: unanswered choices are left out (undefined), so the
 * schema answers with its own "choose one" messages.
 */
export function draftToInput(draft: SignUpDraft, invite: string | null): Record<keyof SignupInput, unknown> {
  return {
    name: draft.name,
    email: draft.email,
    password: draft.password,
    organisation: draft.organisation,
    jobTitle: draft.jobTitle,
    location: draft.location,
    timezone: draft.timezone.trim(),
    pmoTypes: draft.pmoTypes,
    frameworkExperience: draft.frameworkExperience || undefined,
    contribution: draft.contribution,
    attendance: draft.attendance || undefined,
    consent: draft.consent ? 'yes' : undefined,
    invite: invite ?? undefined,
  }
}

/** The multipart body of POST /api/signup: one part per answered field, pmoTypes repeated. */
export function signupFormData(fields: SignupFields, attachment: File | null): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) form.append(name, item)
    else form.append(name, String(value))
  }
  if (attachment) form.append('attachment', attachment, attachment.name)
  return form
}

/** Errors in page order, so the summary reads top to bottom like the form. */
export function inPageOrder<T extends { field: string }>(errors: readonly T[]): T[] {
  const rank = (field: string) => {
    const index = (signUpFieldOrder as readonly string[]).indexOf(field)
    return index === -1 ? signUpFieldOrder.length : index
  }
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field))
}
