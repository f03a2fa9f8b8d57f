/**
 * "Forgot password" links: a one-time token valid for an hour, of which only the hash is
 * stored. Using one sets the new password, spends every link the member was sent and ends
 * every session of theirs, in one transaction.
 */
import { ErrorCode, passwordResetRules } from '@studio/contract'
import type { Kysely } from 'kysely'
import { HttpError } from '../http/errors.ts'
import { recordAudit } from '../members/audit.ts'
import { hashToken, newToken } from '../sessions/tokens.ts'
import { findMemberById, type MemberRow } from '../store/members-repository.ts'
import type { Database } from '../store/schema.ts'
import { isAccountHolder } from './account.ts'

/** Stores a new link's hash for the member and returns the token to mail. */
export async function issuePasswordReset(db: Kysely<Database>, memberId: string, now = new Date()): Promise<string> {
  const token = newToken()
  await db
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(token),
      member_id: memberId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + passwordResetRules.validMinutes * 60_000).toISOString(),
      used_at: null,
    })
    .execute()
  return token
}

const unusable = (message: string) => new HttpError(404, ErrorCode.resetLinkInvalid, message)

export const resetLinkProblems = {
  unknown: () => unusable('This reset link is not one the studio sent. Copy the whole link from the mail, or ask for a new one from the sign-in page.'),
  used: () => unusable('This reset link was already used. If you did not use it, ask for a new one from the sign-in page.'),
  expired: () => unusable(`This reset link has expired: links work for ${passwordResetRules.validMinutes} minutes. Ask for a new one from the sign-in page.`),
  closed: () => unusable('This account can no longer be signed in to, so its password cannot be reset. Contact an organiser if you think this is a mistake.'),
}

/** The member a link may still reset, or the error that says why it cannot. */
export async function memberForReset(db: Kysely<Database>, token: string): Promise<MemberRow> {
  const reset = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst()
  if (!reset) throw resetLinkProblems.unknown()
  if (reset.used_at !== null) throw resetLinkProblems.used()
  if (Date.parse(reset.expires_at) <= Date.now()) throw resetLinkProblems.expired()
  const member = await findMemberById(db, reset.member_id)
  // Suspended or rejected since the link was sent: a reset must not bring access back.
  if (!member || !isAccountHolder(member)) throw resetLinkProblems.closed()
  return member
}

/**
 * Spends the link and sets the password, or throws when another request spent it first
 * (two clicks on the same link) or the member's status changed meanwhile.
 */
export async function completePasswordReset(db: Kysely<Database>, token: string, passwordHash: string): Promise<MemberRow> {
  return db.transaction().execute(async (trx) => {
    const member = await memberForReset(trx, token)
    const now = new Date().toISOString()
    const claimed = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) throw resetLinkProblems.used()
    // Every other link sent to the member stops working too: the password they chose is the one that holds.
    await trx.updateTable('password_resets').set({ used_at: now }).where('member_id', '=', member.id).where('used_at', 'is', null).execute()
    await trx.updateTable('members').set({ password_hash: passwordHash }).where('id', '=', member.id).execute()
    await trx.deleteFrom('sessions').where('member_id', '=', member.id).execute()
    // The member is the actor: only the one holding the mailed link can use it.
    await recordAudit(trx, { actorId: member.id, action: 'password-reset', targetId: member.id, detail: 'Reset from a mailed link; every session ended.' })
    return member
  })
}
