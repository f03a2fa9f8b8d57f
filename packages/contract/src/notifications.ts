/**
 * Notifications (issue 14): what a member is told in the app and by email. GET
 * /api/notifications answers newest first, at most `notificationRules.listMax`; POST
 * /api/notifications/read marks some or all read. Unsubscribe links in mails are public:
 * GET /api/unsubscribe/:token only says what POST would do (link scanners fetch GETs),
 * POST turns email off (RFC 8058 one-click).
 */
import { z } from 'zod'

export const notificationKinds = [
  'mention',
  'reply',
  'thread-resolved',
  'action-assigned',
  'action-due',
  'decision',
  'application',
  'proposal',
  'proposal-decided',
] as const
export type NotificationKind = (typeof notificationKinds)[number]

export const emailNotificationChoices = ['off', 'immediate', 'daily', 'weekly'] as const
export type EmailNotificationChoice = (typeof emailNotificationChoices)[number]

export const notificationRules = { listMax: 100, readIdsMax: 500 } as const

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  /** ISO time it happened. */
  at: z.string(),
  read: z.boolean(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The document it is about, or null (an application is about no document). */
  document: z.string().nullable(),
  /** A path in the web app to the place, such as /meetings/<id>. */
  link: z.string(),
  text: z.string(),
})
export type NotificationItem = z.infer<typeof notificationSchema>

export const notificationsQuery = z.object({
  unread: z.enum(['true', 'false'], { error: 'Write unread=true for unread notifications only, or leave it out.' }).optional(),
})

export const notificationsResponseSchema = z.object({
  notifications: z.array(notificationSchema),
  /** How many are unread in all (the list may be capped). */
  unread: z.number().int(),
})
export type NotificationsResponse = z.infer<typeof notificationsResponseSchema>

export const markReadBody = z.union([
  z.object({ all: z.literal(true, { error: 'Send {"all": true} to mark everything read, or {"ids": [...]}.' }) }).strict(),
  z.object({
    ids: z
      .array(z.string().min(1).max(64), { error: 'Send the ids to mark read as a list, or {"all": true}.' })
      .max(notificationRules.readIdsMax, `Mark at most ${notificationRules.readIdsMax} at a time, or send {"all": true}.`),
  }).strict(),
], { error: 'Send {"ids": [...]} or {"all": true}.' })
export type MarkReadBody = z.infer<typeof markReadBody>

export const unsubscribeParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This unsubscribe link is not complete; copy the whole link from the mail.'),
})

export const unsubscribeResponseSchema = z.object({
  /** What the link does (GET) or did (POST), in words for the member. */
  message: z.string(),
  /** Whether email notifications are off now. */
  unsubscribed: z.boolean(),
})
export type UnsubscribeResponse = z.infer<typeof unsubscribeResponseSchema>
