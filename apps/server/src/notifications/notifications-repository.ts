/**
 * Notifications in the store. Recording filters the recipients by the two rules that hold
 * for every kind: nobody is told of their own act, and nobody is told about a document they
 * may not read. One event is one row per recipient (the dedupe key), however many instances
 * noticed it.
 */
import { DocumentName, documentAccess, type NotificationItem, type NotificationKind, type Role } from '@studio/contract'
import type { Kysely } from 'kysely'
import { randomUUID } from 'node:crypto'
import type { Database } from '../store/schema.ts'

export interface NewNotification {
  kind: NotificationKind
  recipientId: string
  /** Names the event for this recipient: the same key twice is one notification. */
  dedupeKey: string
  actorId: string | null
  document: string | null
  link: string
  text: string
}

/** The web app's page for a document. */
export function documentLink(document: string): string {
  if (document === DocumentName.termsOfReference) return '/terms-of-reference'
  if (document === DocumentName.competencyMatrix) return '/competency-matrix'
  if (document === DocumentName.meetings) return '/meetings'
  if (document.startsWith('meeting:')) return `/meetings/${document.slice('meeting:'.length)}`
  return '/'
}

/** Stores those of `notifications` their recipients may have; returns how many are new. */
export async function recordNotifications(db: Kysely<Database>, now: Date, notifications: NewNotification[]): Promise<number> {
  const wanted = notifications.filter((n) => n.recipientId !== n.actorId)
  if (wanted.length === 0) return 0
  const recipients = await db.selectFrom('members').select(['id', 'role'])
    .where('id', 'in', [...new Set(wanted.map((n) => n.recipientId))]).where('status', '=', 'approved').execute()
  const roles = new Map(recipients.map((member) => [member.id, member.role as Role]))
  let added = 0
  for (const notification of wanted) {
    const role = roles.get(notification.recipientId)
    if (!role) continue
    if (notification.document && documentAccess(notification.document, role, notification.recipientId) === 'none') continue
    const result = await db.insertInto('notifications').values({
      id: randomUUID(),
      recipient_id: notification.recipientId,
      kind: notification.kind,
      dedupe_key: notification.dedupeKey,
      actor_id: notification.actorId,
      document: notification.document,
      link: notification.link,
      text: notification.text,
      created_at: now.toISOString(),
      read_at: null,
      mail_id: null,
    }).onConflict((conflict) => conflict.columns(['recipient_id', 'dedupe_key']).doNothing()).executeTakeFirst()
    added += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return added
}

export async function listNotifications(db: Kysely<Database>, recipientId: string, options: { unreadOnly: boolean; limit: number }): Promise<NotificationItem[]> {
  let query = db.selectFrom('notifications')
    .leftJoin('members as actor', 'actor.id', 'notifications.actor_id')
    .select(['notifications.id', 'notifications.kind', 'notifications.created_at', 'notifications.read_at', 'notifications.actor_id',
      'actor.name as actor_name', 'notifications.document', 'notifications.link', 'notifications.text'])
    .where('notifications.recipient_id', '=', recipientId)
  if (options.unreadOnly) query = query.where('notifications.read_at', 'is', null)
  const rows = await query.orderBy('notifications.created_at', 'desc').orderBy('notifications.id', 'desc').limit(options.limit).execute()
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as NotificationKind,
    at: row.created_at,
    read: row.read_at !== null,
    actor: row.actor_id && row.actor_name ? { id: row.actor_id, name: row.actor_name } : null,
    document: row.document,
    link: row.link,
    text: row.text,
  }))
}

export async function countUnread(db: Kysely<Database>, recipientId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('recipient_id', '=', recipientId).where('read_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Marks the recipient's own notifications read (others' ids are ignored); `ids` null means all. */
export async function markRead(db: Kysely<Database>, recipientId: string, ids: string[] | null, now: Date): Promise<void> {
  if (ids !== null && ids.length === 0) return
  let update = db.updateTable('notifications').set({ read_at: now.toISOString() })
    .where('recipient_id', '=', recipientId).where('read_at', 'is', null)
  if (ids !== null) update = update.where('id', 'in', ids)
  await update.execute()
}

/**
 * How long notifications are kept, in days from when they were made: read ones have done their
 * job, unread ones are kept longer in case their member comes back after a long break.
 */
export const notificationRetentionDays = { read: 90, unread: 365 } as const

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()

/** Deletes read notifications older than 90 days and unread ones older than a year; returns how many. */
export async function pruneNotifications(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('notifications')
    .where((row) => row.or([
      row.and([row('read_at', 'is not', null), row('created_at', '<', daysBefore(now, notificationRetentionDays.read))]),
      row('created_at', '<', daysBefore(now, notificationRetentionDays.unread)),
    ]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
