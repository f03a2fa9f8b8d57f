/**
 * Notification mail, each member as they chose: immediate (a batch of everything from five
 * minutes, from the first notification not yet mailed), a daily digest at their hour in
 * their zone, a weekly one on Monday, or none. Read notifications are not mailed.
 *
 * Exactly once across instances: every instance runs the same pass, and a mail is sent by
 * whoever claims it. The claim is a row of notification_mails with a unique (member,
 * cadence, period); its lease lets another instance take over a claim whose instance died
 * mid-send; the notifications it carries are bound to it (mail_id) before sending, so a
 * retry sends the same ones with the same Message-ID. The row is marked sent once the SMTP
 * server accepted the message. A pass at start sends whatever fell due while no instance ran.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import { randomUUID } from 'node:crypto'
import type { Mail, Mailer } from '../mail/mailer.ts'
import { hashToken, newToken } from '../sessions/tokens.ts'
import type { Database } from '../store/schema.ts'
import { latestDigest } from './digest-schedule.ts'

/** How long an immediate batch gathers, from its first notification. */
export const batchMs = 5 * 60_000
/** How long a claim is its instance's; well over the mailer's own timeouts (10 s to connect, 30 s idle). */
export const leaseMs = 5 * 60_000
/** Notifications older than this are not mailed (a member who turns mail on gets no flood of old news). */
const lookbackMs = 8 * 24 * 60 * 60_000

export interface MailPassContext {
  db: Kysely<Database>
  mailer: Mailer
  log: FastifyBaseLogger
  now(): Date
  /** This instance, named in its claims. */
  instanceId: string
  publicUrl: string
}

type Cadence = 'immediate' | 'daily' | 'weekly'

interface MemberToMail {
  id: string
  name: string
  email: string
  timezone: string
  email_notifications: string
  digest_hour: number
}

interface Due {
  cadence: Cadence
  period: string
  dueAt: Date
}

/** The mail the member is due now, if any: an immediate batch that has gathered, or the latest digest. */
async function dueFor(context: MailPassContext, member: MemberToMail, now: Date): Promise<Due | null> {
  const since = new Date(now.getTime() - lookbackMs).toISOString()
  if (member.email_notifications === 'immediate') {
    const first = await context.db.selectFrom('notifications').select(['id', 'created_at'])
      .where('recipient_id', '=', member.id).where('mail_id', 'is', null).where('read_at', 'is', null).where('created_at', '>=', since)
      .orderBy('created_at').orderBy('id').limit(1).executeTakeFirst()
    if (!first) return null
    const dueAt = new Date(Date.parse(first.created_at) + batchMs)
    return dueAt.getTime() <= now.getTime() ? { cadence: 'immediate', period: first.id, dueAt } : null
  }
  if (member.email_notifications !== 'daily' && member.email_notifications !== 'weekly') return null
  return latestDigest(member.email_notifications, now, member.timezone, member.digest_hour)
}

/** Takes the mail for this instance: a new claim, or one whose instance's lease ran out. Null when another has it or it went. */
async function claim(context: MailPassContext, member: MemberToMail, due: Due, now: Date): Promise<string | null> {
  const db = context.db
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString()
  const existing = await db.selectFrom('notification_mails').select(['id', 'sent_at', 'lease_until'])
    .where('member_id', '=', member.id).where('cadence', '=', due.cadence).where('period', '=', due.period).executeTakeFirst()
  if (existing) {
    if (existing.sent_at || existing.lease_until > now.toISOString()) return null
    const taken = await db.updateTable('notification_mails')
      .set((eb) => ({ claimed_by: context.instanceId, lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', existing.id).where('sent_at', 'is', null).where('lease_until', '=', existing.lease_until).executeTakeFirst()
    return Number(taken.numUpdatedRows) === 1 ? existing.id : null
  }
  // Nothing to say: no claim, no mail (a notification written later is after this period's due time).
  const waiting = await db.selectFrom('notifications').select('id')
    .where('recipient_id', '=', member.id).where('mail_id', 'is', null).where('read_at', 'is', null)
    .where('created_at', '<', due.dueAt.toISOString()).where('created_at', '>=', new Date(due.dueAt.getTime() - lookbackMs).toISOString())
    .limit(1).executeTakeFirst()
  if (!waiting) return null
  const id = randomUUID()
  const inserted = await db.insertInto('notification_mails').values({
    id, member_id: member.id, cadence: due.cadence, period: due.period, due_at: due.dueAt.toISOString(),
    claimed_by: context.instanceId, lease_until: leaseUntil, sent_at: null, message_id: null,
  }).onConflict((conflict) => conflict.columns(['member_id', 'cadence', 'period']).doNothing()).executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null
}

/** Binds the notifications the mail carries (once: a retried claim keeps its own) and returns them, oldest first. */
async function bindContents(context: MailPassContext, memberId: string, mailId: string, due: Due) {
  await context.db.updateTable('notifications').set({ mail_id: mailId })
    .where('recipient_id', '=', memberId).where('mail_id', 'is', null).where('read_at', 'is', null)
    .where('created_at', '<', due.dueAt.toISOString()).where('created_at', '>=', new Date(due.dueAt.getTime() - lookbackMs).toISOString())
    .execute()
  return context.db.selectFrom('notifications').select(['text', 'link', 'created_at'])
    .where('mail_id', '=', mailId).orderBy('created_at').orderBy('id').execute()
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function notificationMail(input: {
  member: { name: string; email: string }
  cadence: Cadence
  items: Array<{ text: string; link: string }>
  publicUrl: string
  unsubscribeUrl: string
  unsubscribePage: string
  messageId: string
}): Mail {
  const { items, publicUrl } = input
  const count = `${items.length} ${items.length === 1 ? 'notification' : 'notifications'}`
  const subject = input.cadence === 'daily' ? `Your daily digest: ${count}`
    : input.cadence === 'weekly' ? `Your weekly digest: ${count}`
    : items.length === 1 ? items[0]!.text.slice(0, 120) : `${count} from Working Group Studio`
  const intro = input.cadence === 'immediate' ? 'Here is what happened in Working Group Studio.' : `Here is what happened in Working Group Studio since your last ${input.cadence} digest.`
  const settings = `${publicUrl}/account`
  const text = [
    `Hello ${input.member.name},`, '', intro, '',
    ...items.flatMap((item) => [`- ${item.text}`, `  ${publicUrl}${item.link}`]), '',
    `Choose how often you hear from the studio: ${settings}`,
    `Stop these emails: ${input.unsubscribePage}`, '',
  ].join('\n')
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Hello ${escapeHtml(input.member.name)},</p>`, `<p>${escapeHtml(intro)}</p>`, '<ul>',
    ...items.map((item) => `<li><a href="${escapeHtml(publicUrl + item.link)}">${escapeHtml(item.text)}</a></li>`),
    '</ul>',
    `<p style="font-size: smaller"><a href="${escapeHtml(settings)}">Choose how often you hear from the studio</a> · <a href="${escapeHtml(input.unsubscribePage)}">Stop these emails</a></p>`,
    '</body></html>',
  ].join('\n')
  return {
    to: input.member.email, subject, text, html, messageId: input.messageId,
    headers: { 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

async function sendClaimed(context: MailPassContext, member: MemberToMail, mailId: string, due: Due, now: Date): Promise<boolean> {
  const items = await bindContents(context, member.id, mailId, due)
  if (items.length === 0) {
    await context.db.updateTable('notification_mails').set({ sent_at: now.toISOString() }).where('id', '=', mailId).execute()
    return false
  }
  const token = newToken()
  await context.db.insertInto('unsubscribe_tokens').values({ token_hash: hashToken(token), member_id: member.id, created_at: now.toISOString() }).execute()
  const host = new URL(context.publicUrl).hostname
  const messageId = `<notifications.${due.cadence}.${due.period}.${member.id}@${host}>`
  const mail = notificationMail({
    member, cadence: due.cadence, items, publicUrl: context.publicUrl, messageId,
    // The header's link is for one-click POSTs (RFC 8058); the one people click opens a page with a button.
    unsubscribeUrl: `${context.publicUrl}/api/unsubscribe/${token}`, unsubscribePage: `${context.publicUrl}/unsubscribe/${token}`,
  })
  await context.mailer.deliver(mail)
  // Between the SMTP server's acceptance and this line, a crash means the next claimant sends it again (same Message-ID).
  await context.db.updateTable('notification_mails').set({ sent_at: context.now().toISOString(), message_id: messageId }).where('id', '=', mailId).execute()
  return true
}

async function sendOrRelease(context: MailPassContext, member: MemberToMail, mailId: string, due: Due, now: Date): Promise<boolean> {
  try {
    return await sendClaimed(context, member, mailId, due, now)
  } catch (error) {
    // Let the next pass (this instance's or another's) try again at once.
    await context.db.updateTable('notification_mails').set({ lease_until: now.toISOString() })
      .where('id', '=', mailId).where('claimed_by', '=', context.instanceId).where('sent_at', 'is', null).execute()
    throw error
  }
}

/** One pass over every member who takes mail; returns how many mails this instance sent. */
export async function runMailPass(context: MailPassContext): Promise<number> {
  const now = context.now()
  const members = await context.db.selectFrom('members')
    .select(['id', 'name', 'email', 'timezone', 'email_notifications', 'digest_hour'])
    .where('status', '=', 'approved').where('email_notifications', 'in', ['immediate', 'daily', 'weekly']).execute()
  let sent = 0
  // Mails claimed by an instance that died or failed to send: whoever takes them over sends the same contents.
  const abandoned = await context.db.selectFrom('notification_mails').select(['id', 'member_id', 'cadence', 'period', 'due_at', 'lease_until'])
    .where('sent_at', 'is', null).where('lease_until', '<=', now.toISOString()).execute()
  for (const mail of abandoned) {
    const member = members.find((candidate) => candidate.id === mail.member_id)
    if (!member) continue
    const due: Due = { cadence: mail.cadence as Cadence, period: mail.period, dueAt: new Date(mail.due_at) }
    try {
      const mailId = await claim(context, member, due, now)
      if (mailId && await sendOrRelease(context, member, mailId, due, now)) sent++
    } catch (error) {
      context.log.error({ err: error, member: member.id }, 'could not send a notification mail; the next pass tries again')
    }
  }
  for (const member of members) {
    try {
      const due = await dueFor(context, member, now)
      if (!due) continue
      const mailId = await claim(context, member, due, now)
      if (mailId && await sendOrRelease(context, member, mailId, due, now)) sent++
    } catch (error) {
      context.log.error({ err: error, member: member.id }, 'could not send a notification mail; the next pass tries again')
    }
  }
  return sent
}
