/** POST /api/password-reset (mails a link) and POST /api/password-reset/:token (sets the new password). */
import { CloseCode, ErrorCode, passwordResetBody, passwordResetRequestBody, passwordResetRules, tokenParams } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hashPassword } from '../accounts/passwords.ts'
import { HttpError } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import { findMemberByEmail } from '../store/members-repository.ts'
import { isAccountHolder } from './account.ts'
import { completePasswordReset, issuePasswordReset, memberForReset } from './password-reset.ts'

/**
 * Every request counts, whether or not the address has an account (so the limit says
 * nothing about who has one), since each may send a mail. Per address typed, from anywhere,
 * so nobody can fill a member's inbox by asking from many places; and per client address,
 * so one place cannot mail every address it can guess.
 */
export const passwordResetLimits = {
  perEmail: { max: 5, windowMinutes: 60 },
  perClientAddress: { max: 30, windowMinutes: 60 },
} as const

export function registerPasswordResetRoutes(app: FastifyInstance): void {
  const { store, attempts, mailer, config, revocations } = app
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.post('/api/password-reset', {
    schema: {
      body: passwordResetRequestBody,
      response: withErrors({ 202: z.undefined().describe('The same answer whether or not the address has an account; a link is mailed when it has one.') }),
    },
  }, async (request, reply) => {
    const { email } = request.body
    const tooMany = () => new HttpError(429, ErrorCode.rateLimited, 'Too many requests for a new password. Wait an hour and try again, or ask an organiser to help.')
    const { perEmail, perClientAddress } = passwordResetLimits
    if (!(await attempts.take(`password-reset:address:${request.ip}`, perClientAddress.max, perClientAddress.windowMinutes * 60_000))) throw tooMany()
    if (!(await attempts.take(`password-reset:email:${email}`, perEmail.max, perEmail.windowMinutes * 60_000))) throw tooMany()
    const member = await findMemberByEmail(store.db, email)
    if (member && isAccountHolder(member)) {
      const token = await issuePasswordReset(store.db, member.id)
      mailer.send({
        to: member.email,
        subject: 'Choose a new password for Working Group Studio',
        text: [
          `Hello ${member.name},`,
          '',
          'Someone, we hope you, asked for a new password for your Working Group Studio account. Choose one here:',
          '',
          `${config.publicUrl}/reset-password/${token}`,
          '',
          `The link works once, for ${passwordResetRules.validMinutes} minutes. Choosing a new password signs you out everywhere; then sign in with it.`,
          'If you did not ask for this, ignore this mail: your password stays as it is.',
          '',
        ].join('\n'),
      })
    }
    return reply.status(202).send()
  })

  api.post('/api/password-reset/:token', {
    schema: {
      params: tokenParams,
      body: passwordResetBody,
      response: withErrors({ 204: z.undefined().describe('The new password is set, the link is spent and every session of the member has ended: sign in with it.') }),
    },
  }, async (request, reply) => {
    // A cheap look first: an unknown or spent link costs no password hashing.
    await memberForReset(store.db, request.params.token)
    const member = await completePasswordReset(store.db, request.params.token, await hashPassword(request.body.password))
    // Their sessions are gone from the store; open documents close now, on every instance.
    await revocations.closeMemberSockets(member.id, CloseCode.SessionExpired)
    return reply.status(204).send()
  })
}
