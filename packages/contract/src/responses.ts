/**
 * What the HTTP routes answer, as zod schemas: the server declares them on its routes, so
 * a response is serialised through them (a column a handler forgot to leave out never
 * leaves the server) and the OpenAPI document at /api/openapi.json is generated from them.
 */
import { z } from 'zod'
import { attendanceChoices, memberStatuses, pmoTypeChoices, roles, type Member } from './members.ts'
import type { ErrorBody } from './errors.ts'

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

/** Path parameters of the routes addressed by an id (members, comments). */
export const idParams = z.object({ id: z.string() })
