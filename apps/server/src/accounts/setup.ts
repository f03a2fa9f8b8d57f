/**
 * The first organiser: while no organiser exists, each start logs a one-time link
 * `PUBLIC_URL/setup/<token>` (valid 24 hours) where they create their account.
 */
import { ErrorCode, memberResponseSchema, setupBody, setupLinkResponseSchema, tokenParams, type SetupBody } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { HttpError } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { Store } from '../store/database.ts'
import type { Database } from '../store/schema.ts'
import { hasOrganiser, insertMember, toMember } from '../store/members-repository.ts'
import { hashPassword } from './passwords.ts'
import { setSessionCookie, type SessionCookieOptions } from './session-cookie.ts'
import { createSession } from '../sessions/sessions.ts'
import { hashToken, newToken } from '../sessions/tokens.ts'

const validity = 24 * 60 * 60 * 1000

/** Issues a fresh set-up token when the workspace has no organiser; earlier unused ones stop working. */
export async function issueSetupToken(db: Kysely<Database>): Promise<string | null> {
  if (await hasOrganiser(db)) return null
  const token = newToken()
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute()
    await trx
      .insertInto('setup_tokens')
      .values({ token_hash: hashToken(token), expires_at: new Date(Date.now() + validity).toISOString(), used_at: null })
      .execute()
  })
  return token
}

const invalidLink = () =>
  new HttpError(404, ErrorCode.setupLinkInvalid, 'This set-up link has expired or was already used. Restart the studio to get a new one while no organiser exists.')

async function isUsable(db: Kysely<Database>, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('setup_tokens')
    .select('token_hash')
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst()
  return row !== undefined && !(await hasOrganiser(db))
}

export function registerSetupRoutes(app: FastifyInstance, store: Store, cookie: SessionCookieOptions): void {
  app.get<{ Params: { token: string } }>('/api/setup/:token', { schema: { params: tokenParams, response: withErrors({ 200: setupLinkResponseSchema }) } }, async (request) => {
    if (!(await isUsable(store.db, request.params.token))) throw invalidLink()
    return { valid: true as const }
  })

  app.post<{ Params: { token: string }; Body: SetupBody }>('/api/setup/:token', {
    schema: { params: tokenParams, body: setupBody, response: withErrors({ 201: memberResponseSchema }) },
  }, async (request, reply) => {
    const body = request.body
    const passwordHash = await hashPassword(body.password)
    const member = await store.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('setup_tokens')
        .set({ used_at: new Date().toISOString() })
        .where('token_hash', '=', hashToken(request.params.token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date().toISOString())
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1 || (await hasOrganiser(trx))) throw invalidLink()
      return insertMember(trx, {
        email: body.email,
        name: body.name,
        passwordHash,
        role: 'organiser',
        status: 'approved',
        timezone: body.timezone ?? 'Europe/London',
        attendance: 'either',
      })
    })
    setSessionCookie(reply, await createSession(store.db, member.id), cookie)
    return reply.status(201).send({ user: toMember(member) })
  })
}
