/** POST/DELETE /api/session. (GET /api/me, the signed-in member's account, is my-account/.) */
import { CloseCode, ErrorCode, memberResponseSchema, signInBody } from '@studio/contract'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { RateLimit } from '../config.ts'
import type { AttemptCounter } from '../http/attempt-limits.ts'
import { HttpError } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import { reportRevocation, type Revocations } from '../collab/revocation.ts'
import type { Store } from '../store/database.ts'
import { findMemberByEmail, toMember, type MemberRow } from '../store/members-repository.ts'
import { decoyHash, verifyPassword } from './passwords.ts'
import { setSessionCookie, type SessionCookieOptions } from './session-cookie.ts'
import { createSession, deleteSession, sessionCookieName } from '../sessions/sessions.ts'

export interface SignInLimits {
  attempts: AttemptCounter
  /** Failures per account from one address. */
  perAccount: RateLimit
  perAddress: RateLimit
}

export function registerSessionRoutes(app: FastifyInstance, store: Store, cookie: SessionCookieOptions, revocations: Revocations, limits: SignInLimits): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/session', { schema: { body: signInBody, response: withErrors({ 200: memberResponseSchema }) } }, async (request, reply) => {
    const { email, password } = request.body
    // Only failures count, so a full room can sign in at once: per account from this
    // address, and per address. The account's count is kept per address so that failures
    // from one place lock that place out of the account, never the account itself: a
    // stranger's wrong passwords cannot lock the organiser out from their own network.
    // Each attempt holds its places while the password is checked, so guesses sent in
    // parallel are counted as they arrive, not after all of them were checked.
    const accountKey = `signin:account:${email}:address:${request.ip}`
    const addressKey = `signin:address:${request.ip}`
    const tooMany = () =>
      new HttpError(429, ErrorCode.rateLimited, `Too many failed sign-ins. Wait ${limits.perAccount.windowMinutes} minutes and try again, or ask an organiser to help.`)
    if (!(await limits.attempts.take(accountKey, limits.perAccount.max, limits.perAccount.windowMinutes * 60_000))) throw tooMany()
    if (!(await limits.attempts.take(addressKey, limits.perAddress.max, limits.perAddress.windowMinutes * 60_000))) {
      await limits.attempts.giveBack(accountKey)
      throw tooMany()
    }
    let member: MemberRow | undefined
    let failed = false
    try {
      member = await findMemberByEmail(store.db, email)
      // Unknown addresses cost as much as wrong passwords, and answer the same.
      failed = !(await verifyPassword(password, member?.password_hash ?? (await decoyHash()))) || !member
    } finally {
      // A wrong email or password keeps its places; a success, or a fault of ours, gives them back.
      if (!failed) await Promise.all([limits.attempts.giveBack(accountKey), limits.attempts.giveBack(addressKey)])
    }
    if (failed || !member) {
      throw new HttpError(401, ErrorCode.invalidCredentials, 'That email and password do not match an account.')
    }
    if (member.status === 'suspended') {
      throw new HttpError(403, ErrorCode.suspended, 'Your account is suspended. Contact an organiser if you think this is a mistake.')
    }
    const previous = request.cookies[sessionCookieName]
    if (previous) {
      await deleteSession(store.db, previous)
      reportRevocation(reply, await revocations.closeSessionSockets(previous, CloseCode.SessionExpired))
    }
    setSessionCookie(reply, await createSession(store.db, member.id), cookie)
    return { user: toMember(member, 'self') }
  })

  app.delete('/api/session', { schema: { response: withErrors({ 204: z.undefined().describe('Signed out; the cookie is cleared.') }) } }, async (request, reply) => {
    const token = request.cookies[sessionCookieName]
    if (token) {
      await deleteSession(store.db, token)
      // This browser's open documents stop at once, on every instance, not at the next reconnect;
      // the header says whether the other instances were told or will find out at their re-check.
      reportRevocation(reply, await revocations.closeSessionSockets(token, CloseCode.SessionExpired))
    }
    reply.clearCookie(sessionCookieName, { path: '/' })
    return reply.status(204).send()
  })
}
