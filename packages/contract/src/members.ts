import { z } from 'zod'

export const roles = ['organiser', 'contributor', 'observer'] as const
export type Role = (typeof roles)[number]

export const memberStatuses = ['pending', 'approved', 'rejected', 'suspended'] as const
export type MemberStatus = (typeof memberStatuses)[number]

export const pmoTypeChoices = [
  'project-office',
  'programme-office',
  'portfolio-office',
  'centre-of-excellence',
] as const
export type PmoTypeChoice = (typeof pmoTypeChoices)[number]

export const attendanceChoices = ['in-person', 'remote', 'either'] as const
export type Attendance = (typeof attendanceChoices)[number]

/** A member as every route returns one. */
export interface Member {
  id: string
  name: string
  email: string
  role: Role
  status: MemberStatus
  organisation: string | null
  jobTitle: string | null
  location: string | null
  timezone: string
  pmoTypes: PmoTypeChoice[]
  frameworkExperience: 'yes' | 'no' | null
  contribution: string | null
  attendance: Attendance
  hasAttachment: boolean
  createdAt: string
  decidedAt: string | null
  reason: string | null
}

export const passwordRules = { min: 12, max: 256 } as const

export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(passwordRules.min, `Use at least ${passwordRules.min} characters.`)
  .max(passwordRules.max, `Use at most ${passwordRules.max} characters.`)

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(320, 'Use an email address of at most 320 characters.')
  .pipe(z.email('Enter an email address like name@example.org.'))

export const nameSchema = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(120, 'Use a name of at most 120 characters.')

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}

export const timezoneSchema = z
  .string({ error: 'Choose your time zone.' })
  .refine(isTimeZone, 'Choose a time zone such as Europe/London or America/New_York.')

/**
 * On a suspension, role change or sign-out: `applied` when every instance closed the member's
 * sockets at once, or `deferred; within=<seconds>` when Redis could not carry it and the other
 * instances close them at their next re-check of the store (within that many seconds).
 */
export const revocationHeader = 'X-Studio-Revocation'
