/**
 * What other features call when something happens that members should hear of: a comment
 * written, edited or resolved (comments/), a sign-up (signup/). Each call records the
 * notifications and never fails the request that caused it: a failure is logged.
 */
import { DocumentName, mentionParts, mentionsIn, type Comment } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import { everyMeeting } from '../meetings/every-meeting.ts'
import { documentLink, type NewNotification } from './notifications-repository.ts'

/** The studio's notifications, decorated as `app.notifications` by the notifications plugin. */
export interface NotificationsService {
  now(): Date
  record(notifications: NewNotification[]): Promise<number>
  /** Sends the notification mail that is due (tests call it at chosen instants); returns how many this instance sent. */
  runMailPass(): Promise<number>
  /** Tells owners of actions due tomorrow in their zone; returns how many were told. */
  remindDueActions(): Promise<number>
  /** Deletes notifications past their keeping (notificationRetentionDays); returns how many. */
  prune(): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    notifications?: NotificationsService
  }
}

async function safely(app: FastifyInstance, what: string, work: (service: NotificationsService) => Promise<void>): Promise<void> {
  const service = app.notifications
  if (!service) return
  try {
    await work(service)
  } catch (error) {
    app.log.error({ err: error }, `could not record the notifications of ${what}`)
  }
}

/** A comment's text as a reader sees it, shortened for a one-line notification. */
function excerpt(body: string, max = 140): string {
  const plain = mentionParts(body).map((part) => (part.kind === 'text' ? part.text : `@${part.name}`)).join('').replace(/\s+/g, ' ').trim()
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain
}

/** "the terms of reference", "the meeting “Kick-off”", for a sentence. */
export async function documentTitle(app: FastifyInstance, document: string): Promise<string> {
  if (document === DocumentName.termsOfReference) return 'the terms of reference'
  if (document === DocumentName.competencyMatrix) return 'the competency matrix'
  if (document === DocumentName.meetings) return 'the meetings list'
  if (document.startsWith('meeting:')) {
    const id = document.slice('meeting:'.length)
    const meeting = (await everyMeeting(app.serverChanges).catch(() => [])).find((one) => one.id === id)
    return meeting ? `the meeting “${meeting.title}”` : 'a meeting'
  }
  return document
}

/** A new comment or reply: its mentions, and the thread's author for a reply. An edit tells only newly mentioned members. */
export async function notifyCommentWritten(app: FastifyInstance, comment: Comment, change: 'new' | 'edited'): Promise<void> {
  await safely(app, 'a comment', async (service) => {
    const where = await documentTitle(app, comment.document)
    const link = documentLink(comment.document)
    const mentioned = mentionsIn(comment.body)
    const notifications: NewNotification[] = mentioned.map((recipientId) => ({
      kind: 'mention', recipientId, dedupeKey: `mention:${comment.id}`, actorId: comment.authorId,
      document: comment.document, link, text: `${comment.authorName} mentioned you on ${where}: “${excerpt(comment.body)}”`,
    }))
    if (change === 'new' && comment.replyTo) {
      const thread = await app.store.db.selectFrom('comments').select('author_id').where('id', '=', comment.replyTo).executeTakeFirst()
      // Mentioned in the reply as well: the mention says it already.
      if (thread && !mentioned.includes(thread.author_id)) {
        notifications.push({
          kind: 'reply', recipientId: thread.author_id, dedupeKey: `reply:${comment.id}`, actorId: comment.authorId,
          document: comment.document, link, text: `${comment.authorName} replied to your comment on ${where}: “${excerpt(comment.body)}”`,
        })
      }
    }
    await service.record(notifications)
  })
}

/** A thread resolved: its author hears of it. */
export async function notifyThreadResolved(app: FastifyInstance, thread: Comment): Promise<void> {
  if (!thread.resolved || !thread.resolvedBy) return
  await safely(app, 'a resolved thread', async (service) => {
    const where = await documentTitle(app, thread.document)
    await service.record([{
      kind: 'thread-resolved', recipientId: thread.authorId, dedupeKey: `resolved:${thread.id}:${thread.resolvedAt}`, actorId: thread.resolvedBy,
      document: thread.document, link: documentLink(thread.document),
      text: `${thread.resolvedByName ?? 'Someone'} resolved your comment on ${where}: “${excerpt(thread.body)}”`,
    }])
  })
}

/** A sign-up: every organiser hears of it (in the app; the sign-up's own mail is signup/'s). */
export async function notifyApplication(app: FastifyInstance, applicant: { id: string; name: string; status: string }): Promise<void> {
  await safely(app, 'a sign-up', async (service) => {
    const organisers = await app.store.db.selectFrom('members').select('id')
      .where('role', '=', 'organiser').where('status', '=', 'approved').execute()
    const joined = applicant.status === 'approved'
    await service.record(organisers.map((organiser) => ({
      kind: 'application', recipientId: organiser.id, dedupeKey: `application:${applicant.id}`, actorId: applicant.id, document: null,
      link: joined ? '/members/all' : '/members',
      text: joined ? `${applicant.name} joined through an invite.` : `${applicant.name} applied to join and is waiting for a decision.`,
    })))
  })
}
