/**
 * "This was hard to judge": a note a member sends from their assessment about one competency,
 * which becomes a comment on that competency in the matrix (through the comments store and
 * its live mirror, as any comment), signed or anonymous as they choose. An anonymous one is
 * stored with its author so that it is counted once for the group's aggregates, but every
 * reader shows it as anonymous (comments-repository.ts), its mirror write is logged without
 * an author, and nobody is notified of it with a name.
 */
import { competencyAnchor, DocumentName, type FeedbackBody, type FeedbackSummary } from '@studio/contract'
import { competenciesOf } from '@studio/framework'
import type { FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { createCommentsMirror } from '../comments/comments-mirror.ts'
import { insertComment } from '../comments/comments-repository.ts'
import { HttpError } from '../http/errors.ts'
import { notifyCommentWritten } from '../notifications/notify.ts'
import type { AssessmentContext } from './assessment.ts'
import { readSettings } from './assessment-settings.ts'

export function createFeedback(app: FastifyInstance, context: AssessmentContext) {
  const mirror = createCommentsMirror(context.store, context.serverChanges, app.log)
  return async function sendFeedback(member: { id: string }, body: FeedbackBody): Promise<FeedbackSummary> {
    const settings = await readSettings(context.store.db, member.id)
    const { release } = await context.frameworks.releaseFor(settings.releaseId)
    const framework = release ? await context.frameworks.framework(release) : null
    const competency = framework ? competenciesOf(framework).find((entry) => entry.id === body.competencyId) : undefined
    if (!release || !competency) {
      throw new HttpError(400, 'invalid', 'Check these fields: competencyId.', [{ field: 'competencyId', message: 'Choose a competency of the release you assess against.' }])
    }
    const document = DocumentName.competencyMatrix
    const comment = await insertComment(context.store.db, {
      document, anchor: competencyAnchor(competency.id), body: `Hard to judge in a self-assessment (release ${release.name}): ${body.note}`,
      authorId: member.id, replyTo: null, anonymous: body.anonymous,
    })
    const createdAt = comment.createdAt
    await context.store.db.insertInto('assessment_feedback').values({
      id: randomUUID(), member_id: member.id, release_id: release.id, competency_id: competency.id, comment_id: comment.id, anonymous: body.anonymous ? 1 : 0, created_at: createdAt,
    }).execute()
    await mirror.mirror(document, body.anonymous ? null : member.id)
    if (!body.anonymous) await notifyCommentWritten(app, comment, 'new')
    return { competencyId: competency.id, commentId: comment.id, anonymous: body.anonymous, createdAt }
  }
}
