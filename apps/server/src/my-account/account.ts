/**
 * The signed-in member's own account: how they see themselves (the member plus the
 * settings only they choose), and changing those settings.
 */
import type { Account, AccountChanges, CreditChoice, EmailNotificationChoice, MemberStatus } from '@studio/contract'
import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import type { Kysely, Updateable } from 'kysely'
import { requireMember } from '../accounts/authentication.ts'
import { forbidden } from '../http/errors.ts'
import type { Database, MembersTable } from '../store/schema.ts'
import { toMember, type MemberRow } from '../store/members-repository.ts'

/**
 * Who keeps an account they may look after: approved members, and applicants still waiting
 * (they sign in to see their status, and may fix a name or zone meanwhile). A rejected or
 * suspended member has no access to regain, so they cannot change a password or ask for a
 * reset link either.
 */
export const accountHolderStatuses: readonly MemberStatus[] = ['approved', 'pending']

export function isAccountHolder(member: Pick<MemberRow, 'status'>): boolean {
  return accountHolderStatuses.includes(member.status as MemberStatus)
}

/** The route's access hook: 401 without a session, 403 for a rejected or suspended member. */
export const accountHolderOnly: preValidationAsyncHookHandler = async (request) => {
  accountHolder(request)
}

export function accountHolder(request: FastifyRequest): MemberRow {
  const member = requireMember(request)
  if (!isAccountHolder(member)) throw forbidden('Your account is closed to changes: contact an organiser if you think this is a mistake.')
  return member
}

export function toAccount(row: MemberRow): Account {
  return {
    ...toMember(row, 'self'),
    notifications: { email: row.email_notifications as EmailNotificationChoice, digestHour: row.digest_hour },
    shareEmail: Boolean(row.share_email),
    credit: row.credit_name as CreditChoice,
  }
}

/** Writes the fields that were sent, and only those; nothing sent, nothing written. */
export async function changeAccount(db: Kysely<Database>, memberId: string, changes: AccountChanges): Promise<void> {
  const columns: Updateable<MembersTable> = {}
  if (changes.name !== undefined) columns.name = changes.name
  if (changes.timezone !== undefined) columns.timezone = changes.timezone
  if (changes.location !== undefined) columns.location = changes.location
  if (changes.notifications?.email !== undefined) columns.email_notifications = changes.notifications.email
  if (changes.notifications?.digestHour !== undefined) columns.digest_hour = changes.notifications.digestHour
  if (changes.shareEmail !== undefined) columns.share_email = changes.shareEmail ? 1 : 0
  if (changes.credit !== undefined) columns.credit_name = changes.credit
  if (Object.keys(columns).length === 0) return
  await db.updateTable('members').set(columns).where('id', '=', memberId).execute()
}
