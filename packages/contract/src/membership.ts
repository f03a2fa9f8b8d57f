import { z } from 'zod'
import { memberStatuses, roles, type Attendance, type Member, type Role } from './members.ts'

const roleSchema = z.enum(roles, { error: `Choose a role: ${roles.join(', ')}.` })

/** POST /api/members/:id/approve */
export const approveBody = z.object({ role: roleSchema })

/** POST /api/members/:id/reject */
export const rejectBody = z.object({
  reason: z.string().trim().max(2000, 'Keep the reason to 2,000 characters or fewer.').default(''),
  tellApplicant: z.boolean().default(false),
})

/** PATCH /api/members/:id */
export const changeRoleBody = z.object({ role: roleSchema })

/** GET /api/members?status=&q= */
export const membersQuery = z.object({
  status: z.enum(memberStatuses, { error: `Filter by one of: ${memberStatuses.join(', ')}.` }).optional(),
  q: z.string().trim().max(200).optional(),
})

export interface MembersResponse {
  members: Member[]
}

export interface Person {
  id: string
  name: string
  role: Role
  timezone: string
  location: string | null
  organisation: string | null
  /** In the room in London, remote, or either. */
  attendance: Attendance
  /** Only when the member chose to share it (their account's shareEmail); null otherwise. */
  email: string | null
}

export interface AuditEntry {
  at: string
  actor: { id: string; name: string } | null
  action: string
  target: { id: string; name: string } | null
  detail: string | null
}

/** POST /api/invites */
export const inviteBody = z.object({
  role: roleSchema,
  expiresAt: z.iso.datetime({ offset: true, error: 'Give the expiry as a date and time, e.g. 2026-12-31T23:59:00Z.' })
    .refine((value) => Date.parse(value) > Date.now(), 'Choose an expiry in the future.'),
  maxUses: z.number({ error: 'Give the number of uses as a whole number.' }).int('Give a whole number.').min(1, 'Allow at least one use.').max(1000, 'Allow at most 1,000 uses.'),
})
export type InviteBody = z.infer<typeof inviteBody>

export interface Invite {
  id: string
  role: Role
  expiresAt: string
  maxUses: number
  uses: number
  createdAt: string
  createdBy: string | null
}

const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/** PUT /api/settings */
export const settingsBody = z.object({
  autoApproveDomains: z
    .array(z.string().trim().toLowerCase().regex(domainPattern, 'Give domains like example.org, without @ or spaces.'))
    .max(100, 'List at most 100 domains.')
    .transform((domains) => [...new Set(domains)]),
})
export type Settings = z.infer<typeof settingsBody>
