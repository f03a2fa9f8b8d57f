/**
 * Invite links: an organiser chooses a role, an expiry and a number of uses; whoever signs
 * up through the link is approved with that role at once. Tokens are stored hashed, so a
 * link can be shown only when it is made.
 */
import { ErrorCode, idParams, inviteBody, inviteCreatedResponseSchema, invitesResponseSchema, type Invite, type Role } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely, Selectable } from 'kysely'
import { randomUUID } from 'node:crypto'
import { hashToken, newToken } from '../sessions/tokens.ts'
import { z } from 'zod'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { HttpError, notFound } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { Store } from '../store/database.ts'
import type { Database, InvitesTable } from '../store/schema.ts'
import { recordAudit } from '../members/audit.ts'

function toInvite(row: Selectable<InvitesTable>): Invite {
  return {
    id: row.id,
    role: row.role as Role,
    expiresAt: row.expires_at,
    maxUses: row.max_uses,
    uses: row.uses,
    createdAt: row.created_at,
    createdBy: row.created_by,
  }
}

export const invalidInvite = () =>
  new HttpError(400, ErrorCode.inviteInvalid, 'This invite link has expired, been used up or withdrawn. Ask an organiser for a new one, or apply without it.', [
    { field: 'invite', message: 'This invite link is no longer valid.' },
  ])

/**
 * Uses one place on an invite inside the caller's transaction and returns its role; a
 * single conditional update, so two people racing for the last place cannot both win.
 */
export async function useInvite(db: Kysely<Database>, token: string): Promise<{ id: string; role: Role }> {
  const now = new Date().toISOString()
  const invite = await db
    .selectFrom('invites')
    .select(['id', 'role'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  if (!invite) throw invalidInvite()
  const used = await db
    .updateTable('invites')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', invite.id)
    .whereRef('uses', '<', 'max_uses')
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) !== 1) throw invalidInvite()
  return { id: invite.id, role: invite.role as Role }
}

export function registerInviteRoutes(app: FastifyInstance, store: Store, publicUrl: string): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const organisersOnly = approvedOnly(['organiser'])

  api.post('/api/invites', {
    preValidation: organisersOnly,
    schema: { body: inviteBody, response: withErrors({ 201: inviteCreatedResponseSchema }) },
  }, async (request, reply) => {
    const organiser = approvedMember(request)
    const body = request.body
    const token = newToken()
    const id = randomUUID()
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('invites')
        .values({
          id, token_hash: hashToken(token), role: body.role, expires_at: new Date(body.expiresAt).toISOString(),
          max_uses: body.maxUses, created_at: new Date().toISOString(), created_by: organiser.id, revoked_at: null,
        })
        .execute()
      await recordAudit(trx, { actorId: organiser.id, action: 'invite-create', detail: `${body.role}, ${body.maxUses} use(s), until ${body.expiresAt}` })
    })
    return reply.status(201).send({ id, url: `${publicUrl}/sign-up?invite=${token}` })
  })

  api.get('/api/invites', { preValidation: organisersOnly, schema: { response: withErrors({ 200: invitesResponseSchema }) } }, async () => {
    const rows = await store.db.selectFrom('invites').selectAll().where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute()
    return { invites: rows.map(toInvite) }
  })

  api.delete('/api/invites/:id', {
    preValidation: organisersOnly,
    schema: { params: idParams, response: withErrors({ 204: z.undefined().describe('Withdrawn: the link no longer works.') }) },
  }, async (request, reply) => {
    const organiser = approvedMember(request)
    await store.db.transaction().execute(async (trx) => {
      const revoked = await trx
        .updateTable('invites')
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', request.params.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      if (Number(revoked.numUpdatedRows) !== 1) throw notFound('There is no such invite.')
      await recordAudit(trx, { actorId: organiser.id, action: 'invite-revoke', detail: request.params.id })
    })
    return reply.status(204).send()
  })
}
