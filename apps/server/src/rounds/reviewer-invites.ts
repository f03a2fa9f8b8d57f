/**
 * Inviting a reviewer to a round by email. An approved member's address makes them a
 * reviewer of the round as the member they are (a mail points them to the round's page).
 * Any other address is an outside reviewer: a reviewer account is made for it (or found),
 * and a mail carries a one-time link (14 days) to choose a name and password, or, once the
 * account is set up, a link to the round. An address that belongs to a member who is not
 * approved is refused: that person's access is decided on the Members page, not here.
 */
import { ErrorCode, roundPaths } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import { HttpError, notFound } from '../http/errors.ts'
import type { Mailer } from '../mail/mailer.ts'
import { recordAudit } from '../members/audit.ts'
import { hashToken, newToken } from '../sessions/tokens.ts'
import type { Store } from '../store/database.ts'
import type { MemberRow } from '../store/members-repository.ts'
import type { RoundRow } from './rounds.ts'

export const reviewerInviteDays = 14

export async function inviteReviewer(context: { store: Store; mailer: Mailer; publicUrl: string }, round: RoundRow, email: string, organiser: MemberRow): Promise<void> {
  const { store, mailer, publicUrl } = context
  const now = new Date()
  const member = await store.db.selectFrom('members').select(['id', 'name', 'status']).where('email', '=', email).executeTakeFirst()
  if (member && member.status !== 'approved') {
    throw new HttpError(409, ErrorCode.conflict, 'That address belongs to a member whose account is not approved. Decide on their account on the Members page first, or invite another address.', [
      { field: 'email', message: 'This member is not approved.' },
    ])
  }
  const closes = `${round.closes_at.slice(0, 16).replace('T', ' ')} UTC`
  const mail = await store.db.transaction().execute(async (trx) => {
    if (member) {
      await trx.insertInto('round_reviewers').values({ round_id: round.id, email, member_id: member.id, reviewer_id: null, invited_at: now.toISOString(), invited_by: organiser.id })
        .onConflict((oc) => oc.columns(['round_id', 'email']).doNothing()).execute()
      await recordAudit(trx, { actorId: organiser.id, action: 'round-reviewer', targetId: member.id, detail: `${email} (member) to ${round.title} (${round.id})` })
      return {
        subject: `Please review: ${round.title}`,
        text: `${organiser.name} asks you to review "${round.title}" in the Working Group Studio. Comments close at ${closes}.\n\nOpen the round: ${publicUrl}${roundPaths.memberRoundPage(round.id)}\n`,
      }
    }
    let account = await trx.selectFrom('reviewer_accounts').selectAll().where('email', '=', email).executeTakeFirst()
    if (!account) {
      account = { id: randomUUID(), email, name: null, password_hash: null, credit_name: 'name', invite_token_hash: null, invite_expires_at: null, created_at: now.toISOString() }
      await trx.insertInto('reviewer_accounts').values(account).execute()
    }
    await trx.insertInto('round_reviewers').values({ round_id: round.id, email, member_id: null, reviewer_id: account.id, invited_at: now.toISOString(), invited_by: organiser.id })
      .onConflict((oc) => oc.columns(['round_id', 'email']).doNothing()).execute()
    await recordAudit(trx, { actorId: organiser.id, action: 'round-reviewer', targetId: null, detail: `${email} (outside reviewer) to ${round.title} (${round.id})` })
    if (account.password_hash) {
      return {
        subject: `Please review: ${round.title}`,
        text: `${organiser.name} asks you to review "${round.title}" for the working group. Comments close at ${closes}.\n\nSign in with your reviewer account to read it and comment: ${publicUrl}${roundPaths.reviewerRoundPage(round.id)}\n`,
      }
    }
    // A new link each time: the one mailed before may be lost; only the newest works.
    const token = newToken()
    await trx.updateTable('reviewer_accounts')
      .set({ invite_token_hash: hashToken(token), invite_expires_at: new Date(now.getTime() + reviewerInviteDays * 24 * 60 * 60 * 1000).toISOString() })
      .where('id', '=', account.id).execute()
    return {
      subject: `Invitation to review: ${round.title}`,
      text: `${organiser.name} invites you to review "${round.title}", a draft of the working group's PMO competency framework. Comments close at ${closes}.\n\n`
        + `Set up your reviewer account (your name and a password) with this link, valid for ${reviewerInviteDays} days:\n${publicUrl}${roundPaths.reviewerJoinPage(token)}\n\n`
        + 'The account lets you read the text under review and comment on it; nothing else.\n',
    }
  })
  mailer.send({ to: email, ...mail })
}

/**
 * Takes a reviewer off a round: from now on an outside reviewer's session cannot see it (404,
 * as for any round they were not invited to); a member still reads it as a member. Their
 * comments stay, with their name. An outside account left invited to nothing that was never
 * set up loses its mailed link, so the address is not left holding a way in.
 */
export async function removeReviewer(store: Store, round: RoundRow, email: string, organiser: MemberRow): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('round_reviewers').where('round_id', '=', round.id).where('email', '=', email)
      .returning(['member_id', 'reviewer_id']).executeTakeFirst()
    if (!removed) throw notFound('Nobody was invited to this round with that address. Reload the round to see who was.')
    if (removed.reviewer_id) {
      const invitedElsewhere = await trx.selectFrom('round_reviewers').select('round_id').where('reviewer_id', '=', removed.reviewer_id).executeTakeFirst()
      if (!invitedElsewhere) {
        await trx.updateTable('reviewer_accounts').set({ invite_token_hash: null, invite_expires_at: null })
          .where('id', '=', removed.reviewer_id).where('password_hash', 'is', null).execute()
      }
    }
    const kind = removed.member_id ? 'member' : 'outside reviewer'
    await recordAudit(trx, { actorId: organiser.id, action: 'round-reviewer-removed', targetId: removed.member_id, detail: `${email} (${kind}) from ${round.title} (${round.id})` })
  })
}
