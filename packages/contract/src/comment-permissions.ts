/**
 * Who may do what with a comment, written once for the server and the web app: the server
 * refuses a request with the refusal's status, code and words; the web app offers a button
 * only where the answer is yes, so nobody is shown an action that is then refused. Every
 * answer is null (allowed) or a refusal, as plain values over the comment and the member.
 */
import type { Comment } from './comments.ts'
import { documentAccess, isCommentable } from './documents.ts'
import { ErrorCode } from './errors.ts'
import type { Role } from './members.ts'

export interface Commenter {
  id: string
  role: Role
}

/** Why an action on a comment is refused: the HTTP status and error code the server answers with. */
export interface CommentRefusal {
  status: 400 | 403
  code: typeof ErrorCode.invalid | typeof ErrorCode.forbidden
  message: string
  /** The request field at fault, for a 400. */
  field?: string
}

function forbidden(message: string): CommentRefusal {
  return { status: 403, code: ErrorCode.forbidden, message }
}

function invalid(field: string, message: string): CommentRefusal {
  return { status: 400, code: ErrorCode.invalid, message, field }
}

/**
 * Reading and commenting need read access to the document itself (observers have it).
 * A name the member cannot read at all, e.g. someone else's assessment or an unknown name,
 * is a 403; a readable document that takes no comments (one's own assessment) a 400.
 */
export function commentAccessProblem(document: string, member: Commenter): CommentRefusal | null {
  if (documentAccess(document, member.role, member.id) === 'none') {
    return forbidden('You cannot read this document, so you cannot see or leave comments on it.')
  }
  if (!isCommentable(document)) {
    return invalid('document', 'Comments go on the terms of reference, the competency matrix, the meetings list or a meeting.')
  }
  return null
}

/** A reply answers a thread (a top-level comment) of the same document, at the thread's anchor. */
export function replyProblem(thread: Comment | null, reply: { document: string; anchor: string }): CommentRefusal | null {
  if (!thread || thread.document !== reply.document) {
    return invalid('replyTo', 'There is no thread with this id on this document.')
  }
  if (thread.replyTo !== null) {
    return invalid('replyTo', 'Reply to the first comment of the thread, not to a reply.')
  }
  if (thread.anchor !== reply.anchor) {
    return invalid('anchor', `A reply sits where its thread does: use the anchor ${thread.anchor}.`)
  }
  return null
}

/** Only the author changes a comment's words; nobody edits or removes another person's. */
export function editProblem(comment: Comment, member: Commenter): CommentRefusal | null {
  return comment.authorId === member.id ? null : forbidden('Only the person who wrote a comment can change it.')
}

/**
 * Resolving and reopening apply to a thread. Its author, organisers and contributors may do
 * either; an observer only on a thread they started.
 */
export function resolveProblem(comment: Comment, member: Commenter): CommentRefusal | null {
  if (comment.replyTo !== null) {
    return invalid('resolved', 'Resolve or reopen the thread (its first comment), not a reply.')
  }
  if (comment.authorId === member.id || member.role !== 'observer') return null
  return forbidden('Observers can resolve or reopen only the threads they started.')
}

/** Yes or no, for a page deciding which actions to offer; nobody signed in may do nothing. */
export const mayComment = (document: string, member: Commenter | null): boolean =>
  member !== null && commentAccessProblem(document, member) === null
export const mayEditComment = (comment: Comment, member: Commenter | null): boolean =>
  member !== null && editProblem(comment, member) === null
export const mayResolveThread = (thread: Comment, member: Commenter | null): boolean =>
  member !== null && resolveProblem(thread, member) === null
