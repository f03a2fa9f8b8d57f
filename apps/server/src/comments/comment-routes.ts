/**
 * The comments API: POST /api/comments (a thread or a reply), PATCH /api/comments/:id (edit
 * the body, or resolve and reopen a thread) and GET /api/comments?document= (every comment
 * on a document, the source of truth when a page loads). The author is always the session's
 * member. Each write is saved first and then mirrored into `comments:<document>`; a failed
 * mirror does not fail the request (comments-mirror.ts catches up).
 */
import {
  commentResponseSchema,
  commentsQuery,
  commentsResponseSchema,
  createCommentBody,
  idParams,
  patchCommentBody,
  type Role,
} from '@studio/contract'
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { ServerChanges } from '../collab/server-changes.ts'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { notFound } from '../http/errors.ts'
import { withErrors } from '../http/route-schemas.ts'
import { notifyCommentWritten, notifyThreadResolved } from '../notifications/notify.ts'
import type { Store } from '../store/database.ts'
import { commentAccessProblem, editProblem, replyProblem, resolveProblem, type Commenter } from './comment-rules.ts'
import { findComment, insertComment, listComments, updateComment } from './comments-repository.ts'
import { createCommentsMirror } from './comments-mirror.ts'

export interface CommentsContext {
  store: Store
  serverChanges: ServerChanges
}

function commenter(request: FastifyRequest): Commenter {
  const member = approvedMember(request)
  return { id: member.id, role: member.role as Role }
}

/**
 * The access check needs only the document's name, so it runs before the query or body is
 * validated: a member who cannot read the document learns nothing of the other fields' rules.
 */
function documentAccessFrom(part: 'query' | 'body'): preValidationAsyncHookHandler {
  return async (request) => {
    const document = (request[part] as { document?: unknown } | undefined)?.document
    if (typeof document !== 'string') return
    const problem = commentAccessProblem(document, commenter(request))
    if (problem && problem.statusCode === 403) throw problem
  }
}

export function registerCommentRoutes(app: FastifyInstance, context: CommentsContext): void {
  const { db } = context.store
  const mirror = createCommentsMirror(context.store, context.serverChanges, app.log)
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get('/api/comments', {
    preValidation: [approvedOnly(), documentAccessFrom('query')],
    schema: { querystring: commentsQuery, response: withErrors({ 200: commentsResponseSchema }) },
  }, async (request) => {
    const { document } = request.query
    await mirror.heal(document)
    return { comments: await listComments(db, document) }
  })

  api.post('/api/comments', {
    preValidation: [approvedOnly(), documentAccessFrom('body')],
    // The schema refuses documents that take no comments (400 on `document`).
    schema: { body: createCommentBody, response: withErrors({ 201: commentResponseSchema }) },
  }, async (request, reply) => {
    const member = commenter(request)
    const input = request.body
    const replyTo = input.replyTo ?? null
    if (replyTo !== null) {
      const threadProblem = replyProblem(await findComment(db, replyTo), input)
      if (threadProblem) throw threadProblem
    }
    const comment = await insertComment(db, { document: input.document, anchor: input.anchor, body: input.body, authorId: member.id, replyTo, quote: input.quote ?? null })
    await mirror.mirror(comment.document, member.id)
    await notifyCommentWritten(app, comment, 'new')
    return reply.status(201).send({ comment })
  })

  api.patch('/api/comments/:id', {
    preValidation: approvedOnly(),
    schema: { params: idParams, body: patchCommentBody, response: withErrors({ 200: commentResponseSchema }) },
  }, async (request) => {
    const member = commenter(request)
    const change = request.body
    const existing = await findComment(db, request.params.id)
    if (!existing) throw notFound('There is no comment with this id.')
    // A member who can no longer read the document cannot change its comments either.
    const accessProblem = commentAccessProblem(existing.document, member)
    if (accessProblem) throw accessProblem
    let comment
    if (change.body !== undefined) {
      const problem = editProblem(existing, member)
      if (problem) throw problem
      if (existing.body === change.body) return { comment: existing }
      comment = await updateComment(db, existing.id, { kind: 'body', body: change.body })
    } else {
      const problem = resolveProblem(existing, member)
      if (problem) throw problem
      if (existing.resolved === change.resolved) return { comment: existing }
      comment = await updateComment(db, existing.id, { kind: 'resolved', resolved: change.resolved!, by: member.id })
    }
    await mirror.mirror(comment.document, member.id)
    if (change.body !== undefined) await notifyCommentWritten(app, comment, 'edited')
    else await notifyThreadResolved(app, comment)
    return { comment }
  })
}
