/**
 * GET /api/notifications (the member's own, newest first, with the unread count), POST
 * /api/notifications/read, and the unsubscribe link every notification mail carries:
 * GET /api/unsubscribe/:token says what it would do, POST does it (RFC 8058 one-click; a
 * link scanner's GET changes nothing). The token is a secret bound to one member, so the
 * unsubscribe routes need no session and take a POST from a mail provider's server.
 */
import {
  markReadBody,
  notificationRules,
  notificationsQuery,
  notificationsResponseSchema,
  unsubscribeParams,
  unsubscribeResponseSchema,
} from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { notFound } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import { hashToken } from '../sessions/tokens.ts'
import type { Store } from '../store/database.ts'
import { countUnread, listNotifications, markRead } from './notifications-repository.ts'

const unknownLink = 'This unsubscribe link is not one the studio sent. Change your email settings on your account page instead.'

export function registerNotificationRoutes(app: FastifyInstance, context: { store: Store; now(): Date }): void {
  const { db } = context.store
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get('/api/notifications', {
    preValidation: approvedOnly(),
    schema: { querystring: notificationsQuery, response: withErrors({ 200: notificationsResponseSchema }) },
  }, async (request) => {
    const member = approvedMember(request)
    const unreadOnly = request.query.unread === 'true'
    const [notifications, unread] = await Promise.all([
      listNotifications(db, member.id, { unreadOnly, limit: notificationRules.listMax }),
      countUnread(db, member.id),
    ])
    return { notifications, unread }
  })

  api.post('/api/notifications/read', {
    preValidation: approvedOnly(),
    schema: { body: markReadBody, response: withErrors({ 204: z.undefined().describe('Marked read.') }) },
  }, async (request, reply) => {
    const member = approvedMember(request)
    const body = request.body
    await markRead(db, member.id, 'all' in body ? null : body.ids, context.now())
    return reply.status(204).send()
  })

  registerUnsubscribeRoutes(app, db)
}

function registerUnsubscribeRoutes(parent: FastifyInstance, db: Store['db']): void {
  // Encapsulated: the form body a one-click POST carries (`List-Unsubscribe=One-Click`) is
  // accepted here and ignored, without teaching every other route to take forms.
  void parent.register(async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body))
    const api = app.withTypeProvider<ZodTypeProvider>()

    async function memberOfToken(token: string) {
      const row = await db.selectFrom('unsubscribe_tokens').innerJoin('members', 'members.id', 'unsubscribe_tokens.member_id')
        .select(['members.id', 'members.email', 'members.email_notifications'])
        .where('unsubscribe_tokens.token_hash', '=', hashToken(token)).executeTakeFirst()
      if (!row) throw notFound(unknownLink)
      return row
    }

    api.get('/api/unsubscribe/:token', {
      schema: { params: unsubscribeParams, response: withErrors({ 200: unsubscribeResponseSchema }) },
    }, async (request) => {
      const member = await memberOfToken(request.params.token)
      const off = member.email_notifications === 'off'
      return {
        unsubscribed: off,
        message: off
          ? `Email notifications to ${member.email} are already off.`
          : `Confirm to stop all notification emails to ${member.email}. You will still see notifications in the studio.`,
      }
    })

    api.post('/api/unsubscribe/:token', {
      config: { foreignOriginAllowed: true },
      schema: { params: unsubscribeParams, response: withErrors({ 200: unsubscribeResponseSchema }) },
    }, async (request) => {
      const member = await memberOfToken(request.params.token)
      await db.updateTable('members').set({ email_notifications: 'off' }).where('id', '=', member.id).execute()
      return { unsubscribed: true, message: `Email notifications to ${member.email} are off. Turn them on again on your account page.` }
    })
  })
}
