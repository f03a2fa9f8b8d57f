/**
 * Who may read a consultation round: an approved member (by the studio's session, which
 * accounts/ already read into `request.member`), or an outside reviewer by their own session
 * cookie (`studio_review`). Reviewer sessions are read here and nowhere else: every other route
 * of the studio sees a reviewer as a stranger (401), and the collaboration socket never reads
 * this cookie, so a reviewer account cannot open any live document.
 */
import { reviewerCookieName } from '@studio/contract'
import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import type { Kysely, Selectable } from 'kysely'
import { forbidden, notFound, unauthenticated } from '../http/errors.ts'
import { hashToken, newToken } from '../sessions/tokens.ts'
import type { SessionPolicy } from '../sessions/sessions.ts'
import type { MemberRow } from '../store/members-repository.ts'
import type { Database, ReviewerAccountsTable } from '../store/schema.ts'

export type ReviewerRow = Selectable<ReviewerAccountsTable>

export type RoundViewer =
  | { kind: 'member'; member: MemberRow }
  | { kind: 'reviewer'; reviewer: ReviewerRow }

declare module 'fastify' {
  interface FastifyRequest {
    roundViewer: RoundViewer | null
  }
}

const day = 24 * 60 * 60 * 1000
const touchInterval = 60 * 1000

export async function createReviewerSession(db: Kysely<Database>, reviewerId: string): Promise<string> {
  const token = newToken()
  const now = new Date().toISOString()
  await db.insertInto('reviewer_sessions').values({ token_hash: hashToken(token), reviewer_id: reviewerId, created_at: now, last_seen_at: now }).execute()
  return token
}

export async function deleteReviewerSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('reviewer_sessions').where('token_hash', '=', hashToken(token)).execute()
}

/** The reviewer behind the cookie, with the members' idle and absolute expiry. */
export async function reviewerForSession(db: Kysely<Database>, token: string | undefined, policy: SessionPolicy): Promise<ReviewerRow | undefined> {
  if (!token) return undefined
  const tokenHash = hashToken(token)
  const session = await db.selectFrom('reviewer_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
  if (!session) return undefined
  const now = Date.now()
  if (now - Date.parse(session.last_seen_at) > policy.idleDays * day || now - Date.parse(session.created_at) > policy.maxDays * day) {
    await db.deleteFrom('reviewer_sessions').where('token_hash', '=', tokenHash).execute()
    return undefined
  }
  if (now - Date.parse(session.last_seen_at) > touchInterval) {
    await db.updateTable('reviewer_sessions').set({ last_seen_at: new Date(now).toISOString() }).where('token_hash', '=', tokenHash).execute()
  }
  const reviewer = await db.selectFrom('reviewer_accounts').selectAll().where('id', '=', session.reviewer_id).executeTakeFirst()
  return reviewer?.password_hash ? reviewer : undefined
}

export function setReviewerCookie(reply: FastifyReply, token: string, options: { secure: boolean; maxDays: number }): void {
  reply.setCookie(reviewerCookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: options.maxDays * 24 * 60 * 60 })
}

/**
 * The `preValidation` of every route a reviewer may use: an approved member, else a signed-in
 * reviewer, else 401 (403 for a member who is not approved and holds no reviewer session).
 * Which rounds a reviewer may see is each route's business (`roundFor` in round-access.ts).
 */
export function roundViewersOnly(db: Kysely<Database>, policy: SessionPolicy): preValidationAsyncHookHandler {
  return async (request) => {
    const member = request.member
    if (member?.status === 'approved') {
      request.roundViewer = { kind: 'member', member }
      return
    }
    const reviewer = await reviewerForSession(db, request.cookies[reviewerCookieName], policy)
    if (reviewer) {
      request.roundViewer = { kind: 'reviewer', reviewer }
      return
    }
    if (member) throw forbidden('Your account has not been approved yet.')
    throw unauthenticated()
  }
}

/** A signed-in reviewer only (their own account routes). */
export function reviewersOnly(db: Kysely<Database>, policy: SessionPolicy): preValidationAsyncHookHandler {
  return async (request) => {
    const reviewer = await reviewerForSession(db, request.cookies[reviewerCookieName], policy)
    if (!reviewer) throw unauthenticated()
    request.roundViewer = { kind: 'reviewer', reviewer }
  }
}

export function roundViewer(request: FastifyRequest): RoundViewer {
  if (!request.roundViewer) throw unauthenticated()
  return request.roundViewer
}

export function signedInReviewer(request: FastifyRequest): ReviewerRow {
  const viewer = roundViewer(request)
  if (viewer.kind !== 'reviewer') throw notFound()
  return viewer.reviewer
}
