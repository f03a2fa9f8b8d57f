/**
 * An outside reviewer's own account: setting it up from the mailed link (name, password,
 * how releases credit them), signing in and out with the reviewer cookie, and reading or
 * changing their name and credit. Nothing here touches members or member sessions.
 */
import {
  AcceptReviewerInviteBody, ErrorCode, ReviewerInvite, ReviewerInviteParams, ReviewerResponse, ReviewerSignInBody, UpdateReviewerBody,
  reviewerCookieName, roundPaths, type ReviewerAccount,
} from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { decoyHash, hashPassword, verifyPassword } from '../accounts/passwords.ts'
import { HttpError, notFound } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import { hashToken } from '../sessions/tokens.ts'
import { createReviewerSession, deleteReviewerSession, reviewersOnly, setReviewerCookie, signedInReviewer, type ReviewerRow } from './round-viewers.ts'
import type { CreditChoice } from '@studio/contract'

const toAccount = (row: ReviewerRow): ReviewerAccount => ({ id: row.id, name: row.name ?? '', email: row.email, credit: row.credit_name as CreditChoice })

const inviteGone = () => notFound('This invitation link is not valid any more. Ask the organiser who invited you for a new one.')

export function registerReviewerAccountRoutes(app: FastifyInstance): void {
  const routes = app.withTypeProvider<ZodTypeProvider>()
  const { store, config, attempts, sessionPolicy } = app
  const cookie = { secure: config.publicUrl.startsWith('https:'), maxDays: config.sessionMaxDays }
  const signedIn = reviewersOnly(store.db, sessionPolicy)

  const accountByToken = async (token: string) => {
    const row = await store.db.selectFrom('reviewer_accounts').selectAll().where('invite_token_hash', '=', hashToken(token)).executeTakeFirst()
    if (!row || !row.invite_expires_at || Date.parse(row.invite_expires_at) <= Date.now()) throw inviteGone()
    return row
  }

  routes.get('/api/review/invites/:token', {
    schema: { summary: 'Who an outside reviewer\'s invitation link is for, and the rounds it opens. The token is the whole request.', params: ReviewerInviteParams, response: withErrors({ 200: ReviewerInvite }) },
  }, async (request) => {
    const account = await accountByToken(request.params.token)
    const rounds = await store.db.selectFrom('round_reviewers').innerJoin('rounds', 'rounds.id', 'round_reviewers.round_id')
      .select('rounds.title').where('round_reviewers.reviewer_id', '=', account.id).orderBy('rounds.created_at').execute()
    return { email: account.email, rounds: rounds.map((row) => row.title) }
  })

  routes.post('/api/review/invites/:token', {
    schema: {
      summary: 'Sets up an outside reviewer\'s account from the invitation link (name, password, credit) and signs them in with the reviewer cookie. The link then stops working.',
      params: ReviewerInviteParams, body: AcceptReviewerInviteBody, response: withErrors({ 200: ReviewerResponse }),
    },
  }, async (request, reply) => {
    const account = await accountByToken(request.params.token)
    const passwordHash = await hashPassword(request.body.password)
    const claimed = await store.db.updateTable('reviewer_accounts')
      .set({ name: request.body.name, password_hash: passwordHash, credit_name: request.body.credit, invite_token_hash: null, invite_expires_at: null })
      .where('id', '=', account.id).where('invite_token_hash', '=', hashToken(request.params.token))
      .returningAll().executeTakeFirst()
    if (!claimed) throw inviteGone()
    // Any session from before (a set-up by someone else holding an older link) ends.
    await store.db.deleteFrom('reviewer_sessions').where('reviewer_id', '=', claimed.id).execute()
    setReviewerCookie(reply, await createReviewerSession(store.db, claimed.id), cookie)
    return { reviewer: toAccount(claimed) }
  })

  routes.post(roundPaths.reviewerSession, {
    schema: { summary: 'Signs an outside reviewer in with the reviewer cookie (not the members\' session).', body: ReviewerSignInBody, response: withErrors({ 200: ReviewerResponse }) },
  }, async (request, reply) => {
    const { email, password } = request.body
    const { perAccount, perAddress } = config.rateLimitSignin
    const accountKey = `review-signin:account:${email}:address:${request.ip}`
    const addressKey = `review-signin:address:${request.ip}`
    const tooMany = () => new HttpError(429, ErrorCode.rateLimited, `Too many failed sign-ins. Wait ${perAccount.windowMinutes} minutes and try again.`)
    if (!(await attempts.take(accountKey, perAccount.max, perAccount.windowMinutes * 60_000))) throw tooMany()
    if (!(await attempts.take(addressKey, perAddress.max, perAddress.windowMinutes * 60_000))) {
      await attempts.giveBack(accountKey)
      throw tooMany()
    }
    const account = await store.db.selectFrom('reviewer_accounts').selectAll().where('email', '=', email).executeTakeFirst()
    const matches = await verifyPassword(password, account?.password_hash ?? (await decoyHash())) && account?.password_hash
    if (!matches || !account) throw new HttpError(401, ErrorCode.invalidCredentials, 'That email and password do not match a reviewer account.')
    await Promise.all([attempts.giveBack(accountKey), attempts.giveBack(addressKey)])
    const previous = request.cookies[reviewerCookieName]
    if (previous) await deleteReviewerSession(store.db, previous)
    setReviewerCookie(reply, await createReviewerSession(store.db, account.id), cookie)
    return { reviewer: toAccount(account) }
  })

  routes.delete(roundPaths.reviewerSession, {
    schema: { summary: 'Signs an outside reviewer out.', response: withErrors({ 204: z.undefined().describe('Signed out; the reviewer cookie is cleared.') }) },
  }, async (request, reply) => {
    const token = request.cookies[reviewerCookieName]
    if (token) await deleteReviewerSession(store.db, token)
    reply.clearCookie(reviewerCookieName, { path: '/' })
    return reply.status(204).send()
  })

  routes.get(roundPaths.reviewerMe, {
    preValidation: signedIn,
    schema: { summary: 'The signed-in outside reviewer\'s account.', response: withErrors({ 200: ReviewerResponse }) },
  }, async (request) => ({ reviewer: toAccount(signedInReviewer(request)) }))

  routes.patch(roundPaths.reviewerMe, {
    preValidation: signedIn,
    schema: { summary: 'Changes the signed-in outside reviewer\'s name or how releases credit them.', body: UpdateReviewerBody, response: withErrors({ 200: ReviewerResponse }) },
  }, async (request) => {
    const reviewer = signedInReviewer(request)
    const changed = await store.db.updateTable('reviewer_accounts')
      .set({ ...(request.body.name ? { name: request.body.name } : {}), ...(request.body.credit ? { credit_name: request.body.credit } : {}) })
      .where('id', '=', reviewer.id).returningAll().executeTakeFirstOrThrow()
    return { reviewer: toAccount(changed) }
  })
}
