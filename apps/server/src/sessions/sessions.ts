/**
 * Sessions: an opaque 256-bit token in the `studio_session` cookie, stored hashed, with
 * an idle and an absolute expiry. Anything that changes what a member may do (sign-in,
 * role change) issues a new token.
 */
import type { Kysely } from 'kysely'
import { isStoreUnavailable } from '../store/availability.ts'
import type { Database } from '../store/schema.ts'
import { findMemberById, type MemberRow } from '../store/members-repository.ts'
import { hashToken, newToken } from './tokens.ts'

export const sessionCookieName = 'studio_session'

const day = 24 * 60 * 60 * 1000
/** last_seen_at is written at most this often, so reads stay reads. */
const touchInterval = 60 * 1000
/** How long a replaced token still answers, for requests already on their way. */
const replacedTokenGrace = 30 * 1000

export interface SessionPolicy {
  idleDays: number
  maxDays: number
}

export async function createSession(db: Kysely<Database>, memberId: string): Promise<string> {
  const token = newToken()
  const now = new Date().toISOString()
  await db.insertInto('sessions').values({ token_hash: hashToken(token), member_id: memberId, created_at: now, last_seen_at: now }).execute()
  return token
}

/** The member behind a session token, or undefined when it is unknown or expired. */
export async function memberForSession(db: Kysely<Database>, token: string | undefined, policy: SessionPolicy): Promise<MemberRow | undefined> {
  return (await lookupSession(db, token, policy))?.member
}

export interface FoundSession {
  member: MemberRow
  /** The member's access changed since this token was issued: replace it. */
  rotate: boolean
}

export async function lookupSession(db: Kysely<Database>, token: string | undefined, policy: SessionPolicy): Promise<FoundSession | undefined> {
  if (!token) return undefined
  const tokenHash = hashToken(token)
  const session = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
  if (!session) return undefined
  const now = Date.now()
  const lastSeen = Date.parse(session.last_seen_at)
  const idle = now - lastSeen > policy.idleDays * day
  const tooOld = now - Date.parse(session.created_at) > policy.maxDays * day
  const retired = session.replaced_at !== null && now - Date.parse(session.replaced_at) > replacedTokenGrace
  if (idle || tooOld || retired) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
    return undefined
  }
  if (now - lastSeen > touchInterval) {
    // Only a refresh of the idle clock: while the store cannot write (a locked SQLite file),
    // the member is still who they are, and the next request refreshes it.
    await db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('token_hash', '=', tokenHash).execute()
      .catch((error: unknown) => {
        if (!isStoreUnavailable(error)) throw error
      })
  }
  const member = await findMemberById(db, session.member_id)
  return member ? { member, rotate: session.rotate === 1 && session.replaced_at === null } : undefined
}

/**
 * Swaps a session's token for a new one with the same age, so the absolute expiry still
 * holds. The old token keeps answering for a short grace period: a browser that sent
 * several requests at once with it must not be signed out by the first reply. Only one
 * request wins the swap; the others get undefined and leave the cookie alone.
 */
export async function replaceSessionToken(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const oldHash = hashToken(token)
  const fresh = newToken()
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString()
    const claimed = await trx
      .updateTable('sessions')
      .set({ replaced_at: now })
      .where('token_hash', '=', oldHash)
      .where('rotate', '=', 1)
      .where('replaced_at', 'is', null)
      .returning(['member_id', 'created_at'])
      .executeTakeFirst()
    if (!claimed) return undefined
    await trx
      .insertInto('sessions')
      .values({ token_hash: hashToken(fresh), member_id: claimed.member_id, created_at: claimed.created_at, last_seen_at: now, replaced_at: null })
      .execute()
    return fresh
  })
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute()
}

export async function deleteMemberSessions(db: Kysely<Database>, memberId: string): Promise<void> {
  await db.deleteFrom('sessions').where('member_id', '=', memberId).execute()
}
