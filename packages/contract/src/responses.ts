/**
 * What the HTTP routes answer, as zod schemas: the server declares them on its routes, so
 * a response is serialised through them (a column a handler forgot to leave out never
 * leaves the server) and the OpenAPI document at /api/openapi.json is generated from them.
 */
import { z } from 'zod'
import type { Comment } from './comments.ts'
import { commentSchema } from './comments.ts'
import type { ErrorBody } from './errors.ts'
import { importModes, skippedEntriesHeader, type ImportFrameworkResponse, type ImportReport } from './framework.ts'
import type { MyActionsResponse } from './meetings.ts'
import { attendanceChoices, memberStatuses, pmoTypeChoices, revocationHeader, roles, type Member } from './members.ts'
import type { AuditEntry, Invite, MembersResponse, Person, Settings } from './membership.ts'
import type { SignupResponse } from './signup.ts'

/** `{"error":{"code","message","field"},"errors":[{"field","message"}]}`: every failure, every route. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().nullable() }),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
}) satisfies z.ZodType<ErrorBody>

export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  status: z.enum(memberStatuses),
  organisation: z.string().nullable(),
  jobTitle: z.string().nullable(),
  location: z.string().nullable(),
  timezone: z.string(),
  pmoTypes: z.array(z.enum(pmoTypeChoices)),
  frameworkExperience: z.enum(['yes', 'no']).nullable(),
  contribution: z.string().nullable(),
  attendance: z.enum(attendanceChoices),
  hasAttachment: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
}) satisfies z.ZodType<Member>

/** POST /api/session, GET /api/me, POST /api/setup/:token */
export const memberResponseSchema = z.object({ user: memberSchema })

/** GET /api/setup/:token */
export const setupLinkResponseSchema = z.object({ valid: z.literal(true) })

/** Path parameters of the routes addressed by a token (set-up, confirmation, invite links). */
export const tokenParams = z.object({ token: z.string() })

/** Path parameters of the routes addressed by an id (members, invites, comments, meetings' downloads). */
export const idParams = z.object({ id: z.string() })

/** GET /api/members */
export const membersResponseSchema = z.object({ members: z.array(memberSchema) }) satisfies z.ZodType<MembersResponse>

/** POST /api/members/:id/approve, reject, suspend, reinstate; PATCH /api/members/:id */
export const memberDecisionResponseSchema = z.object({ member: memberSchema })

/** GET /api/people: approved members as every member sees them (no application; an email only where its owner shares it). */
export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
  timezone: z.string(),
  location: z.string().nullable(),
  organisation: z.string().nullable(),
  attendance: z.enum(attendanceChoices),
  email: z.string().nullable(),
}) satisfies z.ZodType<Person>
export const peopleResponseSchema = z.object({ people: z.array(personSchema) })

const namedMember = z.object({ id: z.string(), name: z.string() })

/** GET /api/audit: the newest entries first. */
export const auditEntrySchema = z.object({
  at: z.string(),
  actor: namedMember.nullable(),
  action: z.string(),
  target: namedMember.nullable(),
  detail: z.string().nullable(),
}) satisfies z.ZodType<AuditEntry>
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) })

/** GET /api/invites: live invites, without their tokens (a link is shown only when it is made). */
export const inviteSchema = z.object({
  id: z.string(),
  role: z.enum(roles),
  expiresAt: z.string(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
}) satisfies z.ZodType<Invite>
export const invitesResponseSchema = z.object({ invites: z.array(inviteSchema) })

/** POST /api/invites: the link, shown this once. */
export const inviteCreatedResponseSchema = z.object({ id: z.string(), url: z.string() })

/** GET and PUT /api/settings */
export const settingsResponseSchema = z.object({ autoApproveDomains: z.array(z.string()) }) satisfies z.ZodType<Settings>

/** POST /api/signup */
export const signupResponseSchema = z.object({ id: z.string(), status: z.enum(['pending', 'approved']) }) satisfies z.ZodType<SignupResponse>

/** GET /api/comments?document= */
export const commentsResponseSchema = z.object({ comments: z.array(commentSchema) }) satisfies z.ZodType<{ comments: Comment[] }>

/** POST /api/comments, PATCH /api/comments/:id */
export const commentResponseSchema = z.object({ comment: commentSchema })

/** GET /api/my-actions */
export const myActionsResponseSchema = z.object({
  actions: z.array(z.object({
    meetingId: z.string(),
    meetingTitle: z.string(),
    actionId: z.string(),
    text: z.string(),
    due: z.string().nullable(),
    done: z.boolean(),
  })),
}) satisfies z.ZodType<MyActionsResponse>

const namesByCollection = z.object({
  domains: z.array(z.string()),
  competencies: z.array(z.string()),
  roles: z.array(z.string()),
  pmoTypes: z.array(z.string()),
})

/** POST /api/import/framework: what the import changed, entities by name. */
export const importReportSchema = z.object({
  mode: z.enum(importModes),
  added: namesByCollection,
  updated: namesByCollection,
  archived: namesByCollection,
  restored: namesByCollection,
  cellsSet: z.number().int(),
  cellsCleared: z.number().int(),
  levelsChanged: z.array(z.number()),
  metaChanged: z.array(z.string()),
  repaired: z.array(z.string()).optional(),
  leftMalformed: z.array(z.string()).optional(),
}) satisfies z.ZodType<ImportReport>
export const importFrameworkResponseSchema = z.object({ report: importReportSchema }) satisfies z.ZodType<ImportFrameworkResponse>

/** GET /healthz while the store can take a write. */
export const healthyResponseSchema = z.object({ status: z.literal('ok') })

/** GET /healthz while it cannot: which store, and a fixed phrase, never an address or an error message. */
export const unhealthyResponseSchema = z.object({ status: z.literal('unavailable'), store: z.enum(['sqlite', 'postgres']), reason: z.string() })

/** Sent with every download of a document and with GET /api/my-actions. */
export const skippedEntriesHeaders = {
  [skippedEntriesHeader]: z.string().regex(/^\d+$/).describe(
    'How many malformed entries (written before the server checked the document model) the answer left out; 0 when none.',
  ),
}

/** Sent with a suspension, a role change and a sign-out. */
export const revocationHeaders = {
  [revocationHeader]: z.string().describe(
    '`applied` when every instance closed the member\'s sockets at once, or `deferred; within=<seconds>` when the other instances close them at their next re-check.',
  ),
}
