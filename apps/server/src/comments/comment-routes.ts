/**
 * The comments API: POST /api/comments (a thread or a reply), PATCH /api/comments/:id (edit
 * the body, or resolve and reopen a thread) and GET /api/comments?document= (every comment
 * on a document, the source of truth when a page loads). The author is always the session's
 * member. Each write is saved first and then mirrored into `comments:<document>`; a failed
 * mirror does not fail the request (comments-mirror.ts catches up).
 */
import {
  commentsQuery,
  createCommentBody,
  patchCommentBody,
  type CommentResponse,
  type CommentsResponse,
  type Role,
} from '@studio/contract'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerChanges } from '../collab/server-changes.ts'
import { requireApproved } from '../accounts/authentication.ts'
import { notFound, parseWith } from '../http/errors.ts'
import type { Store } from '../store/database.ts'
import { commentAccessProblem, editProblem, replyProblem, resolveProblem, type Commenter } from './comment-rules.ts'
import { findComment, insertComment, listComments, updateComment } from './comments-repository.ts'
import { createCommentsMirror } from './comments-mirror.ts'

export interface CommentsContext {
  store: Store
  serverChanges: ServerChanges
}

type WithId = { Params: { id: string } }

function commenter(request: FastifyRequest): Commenter {
  const member = requireApproved(request)
  return { id: member.id, role: member.role as Role }
}

/** The access check needs only the document's name, so it comes before the body's other faults. */
function checkAccess(document: unknown, member: Commenter): void {
  if (typeof document !== 'string') return
  const problem = commentAccessProblem(document, member)
  if (problem && problem.statusCode === 403) throw problem
}

export function registerCommentRoutes(app: FastifyInstance, context: CommentsContext): void {
  const { db } = context.store
  const mirror = createCommentsMirror(context.store, context.serverChanges, app.log)

  app.get('/api/comments', async (request): Promise<CommentsResponse> => {
    const member = commenter(request)
    checkAccess((request.query as { document?: unknown } | undefined)?.document, member)
    const { document } = parseWith(commentsQuery, request.query)
    await mirror.heal(document)
    return { comments: await listComments(db, document) }
  })

  app.post('/api/comments', async (request, reply): Promise<CommentResponse> => {
    const member = commenter(request)
    checkAccess((request.body as { document?: unknown } | undefined)?.document, member)
    // The schema refuses documents that take no comments (400 on `document`).
    const input = parseWith(createCommentBody, request.body)
    const replyTo = input.replyTo ?? null
    if (replyTo !== null) {
      const threadProblem = replyProblem(await findComment(db, replyTo), input)
      if (threadProblem) throw threadProblem
    }
    const comment = await insertComment(db, { document: input.document, anchor: input.anchor, body: input.body, authorId: member.id, replyTo })
    await mirror.mirror(comment.document, member.id)
    reply.status(201)
    return { comment }
  })

  app.patch<WithId>('/api/comments/:id', async (request): Promise<CommentResponse> => {
    const member = commenter(request)
    const change = parseWith(patchCommentBody, request.body)
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
    return { comment }
  })
}
