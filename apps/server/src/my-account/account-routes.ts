/** GET and PATCH /api/me, and POST /api/me/password. */
import { accountChangesBody, accountResponseSchema, CloseCode, ErrorCode, passwordChangeBody } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireMember } from '../accounts/authentication.ts'
import { hashPassword, verifyPassword } from '../accounts/passwords.ts'
import { HttpError } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import { sessionCookieName } from '../sessions/sessions.ts'
import { recordAudit } from '../members/audit.ts'
import { hashToken } from '../sessions/tokens.ts'
import { findMemberById } from '../store/members-repository.ts'
import { accountHolder, accountHolderOnly, changeAccount, toAccount } from './account.ts'

export function registerAccountRoutes(app: FastifyInstance): void {
  const { store, attempts, config, collaboration } = app
  const api = app.withTypeProvider<ZodTypeProvider>()
  const accountAnswer = withErrors({ 200: accountResponseSchema })

  // Any signed-in member, whatever their status: the web app's status page reads it too.
  api.get('/api/me', { schema: { response: accountAnswer } }, async (request) => ({ user: toAccount(requireMember(request)) }))

  api.patch('/api/me', { preValidation: accountHolderOnly, schema: { body: accountChangesBody, response: accountAnswer } }, async (request) => {
    const member = accountHolder(request)
    await changeAccount(store.db, member.id, request.body)
    return { user: toAccount((await findMemberById(store.db, member.id))!) }
  })

  api.post('/api/me/password', {
    preValidation: accountHolderOnly,
    schema: { body: passwordChangeBody, response: withErrors({ 204: z.undefined().describe('Changed; every other session of the member has ended, this one stays signed in.') }) },
  }, async (request, reply) => {
    const member = accountHolder(request)
    const { currentPassword, newPassword } = request.body
    // Wrong current passwords count like failed sign-ins, so a session left open on a
    // shared machine cannot be used to guess the password behind it.
    const { max, windowMinutes } = config.rateLimitSignin.perAccount
    const key = `password-change:member:${member.id}`
    if (!(await attempts.take(key, max, windowMinutes * 60_000))) {
      throw new HttpError(429, ErrorCode.rateLimited, `Too many wrong current passwords. Wait ${windowMinutes} minutes and try again, or sign out and use "Forgot your password?".`)
    }
    if (!(await verifyPassword(currentPassword, member.password_hash))) {
      throw new HttpError(400, ErrorCode.invalid, 'Check these fields: currentPassword.', [
        { field: 'currentPassword', message: 'That is not your current password. Enter the one you signed in with.' },
      ])
    }
    await attempts.giveBack(key)
    const newHash = await hashPassword(newPassword)
    const currentSession = hashToken(request.cookies[sessionCookieName] ?? '')
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('members').set({ password_hash: newHash }).where('id', '=', member.id).execute()
      await trx.deleteFrom('sessions').where('member_id', '=', member.id).where('token_hash', '!=', currentSession).execute()
      await recordAudit(trx, { actorId: member.id, action: 'password-change', targetId: member.id, detail: 'Every other session ended.' })
    })
    // This instance closes the other sessions' sockets now; every other instance finds the
    // sessions gone at its periodic re-check of live sockets (collab/socket-recheck.ts).
    collaboration.connections.closeMatching(
      (context) => context.member.id === member.id && hashToken(context.sessionToken) !== currentSession,
      CloseCode.SessionExpired,
    )
    return reply.status(204).send()
  })
}
