/**
 * Who may do what with a comment is written once, in the contract (comment-permissions.ts),
 * so the web app offers exactly the actions the server allows. Here each refusal becomes the
 * HttpError the routes throw: a 403 with the rule's words, or a 400 that names its field the
 * way every other invalid field is named. Every answer is null (allowed) or that error.
 */
import {
  commentAccessProblem as accessRefusal,
  editProblem as editRefusal,
  replyProblem as replyRefusal,
  resolveProblem as resolveRefusal,
  type Comment,
  type CommentRefusal,
  type Commenter,
} from '@studio/contract'
import { HttpError } from '../http/errors.ts'

export type { Commenter } from '@studio/contract'

function asHttpError(refusal: CommentRefusal | null): HttpError | null {
  if (!refusal) return null
  if (refusal.field === undefined) return new HttpError(refusal.status, refusal.code, refusal.message)
  return new HttpError(refusal.status, refusal.code, `Check these fields: ${refusal.field}.`, [{ field: refusal.field, message: refusal.message }])
}

export const commentAccessProblem = (document: string, member: Commenter): HttpError | null =>
  asHttpError(accessRefusal(document, member))

export const replyProblem = (thread: Comment | null, reply: { document: string; anchor: string }): HttpError | null =>
  asHttpError(replyRefusal(thread, reply))

export const editProblem = (comment: Comment, member: Commenter): HttpError | null => asHttpError(editRefusal(comment, member))

export const resolveProblem = (comment: Comment, member: Commenter): HttpError | null =>
  asHttpError(resolveRefusal(comment, member))
