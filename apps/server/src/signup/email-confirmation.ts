/**
 * Auto-approved email domains: an applicant whose address is in one is approved only
 * after following the link mailed to that address, which proves they control it.
 */
import { ErrorCode, memberResponseSchema, tokenParams } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { findMemberById, toMember, type MemberRow } from '../store/members-repository.ts'
import { hashToken, newToken } from '../sessions/tokens.ts'
import { HttpError } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { Database } from '../store/schema.ts'
import { recordAudit } from '../members/audit.ts'
import type { MembershipContext } from '../members/membership-context.ts'
import { isAutoApprovedDomain } from './auto-approved-domains.ts'

const validity = 7 * 24 * 60 * 60 * 1000

/** Creates a confirmation token inside the sign-up transaction and returns the link to mail. */
export async function createEmailConfirmation(db: Kysely<Database>, memberId: string, publicUrl: string): Promise<string> {
  const token = newToken()
  await db
    .insertInto('email_confirmations')
    .values({ token_hash: hashToken(token), member_id: memberId, expires_at: new Date(Date.now() + validity).toISOString(), used_at: null })
    .execute()
  return `${publicUrl}/confirm/${token}`
}

export function mailConfirmationLink(context: MembershipContext, member: Pick<MemberRow, 'email' | 'name'>, link: string): void {
  context.mailer.send({
    to: member.email,
    subject: 'Confirm your email address for Working Group Studio',
    text: `Hello ${member.name},\n\nYour organisation's address is approved automatically. Confirm it's yours and your account opens at once:\n\n${link}\n\nThe link works for 7 days.\n`,
  })
}

const invalidLink = () =>
  new HttpError(404, ErrorCode.confirmationInvalid, 'This confirmation link has expired or was already used. Sign in to see where your application stands.')

export function registerEmailConfirmationRoutes(app: FastifyInstance, context: MembershipContext): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/confirm/:token', {
    schema: { params: tokenParams, response: withErrors({ 200: memberResponseSchema }) },
  }, async (request) => {
    const member = await context.store.db.transaction().execute(async (trx) => {
      const now = new Date().toISOString()
      const confirmation = await trx
        .selectFrom('email_confirmations')
        .select('member_id')
        .where('token_hash', '=', hashToken(request.params.token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst()
      if (!confirmation) throw invalidLink()
      await trx.updateTable('email_confirmations').set({ used_at: now }).where('token_hash', '=', hashToken(request.params.token)).execute()
      const applicant = await findMemberById(trx, confirmation.member_id)
      if (!applicant) throw invalidLink()
      await recordAudit(trx, { actorId: applicant.id, action: 'email-confirm', targetId: applicant.id })
      // The domain must still be on the list, and the applicant still waiting.
      if (applicant.status !== 'pending' || !(await isAutoApprovedDomain(trx, applicant.email))) return applicant
      await trx.updateTable('members').set({ status: 'approved', role: 'contributor', decided_at: now }).where('id', '=', applicant.id).execute()
      await recordAudit(trx, { actorId: null, action: 'auto-approve', targetId: applicant.id, detail: `confirmed address at ${applicant.email.split('@')[1]}` })
      return (await findMemberById(trx, applicant.id))!
    })
    return { user: toMember(member, 'self') }
  })
}
