/**
 * Who may do what with a comment, as plain functions over the comment and the member, so
 * the rules read in one place and are tested without a server. Every answer is null
 * (allowed) or the error to send.
 */
import { documentAccess, ErrorCode, isCommentable, type Comment, type Role } from '@studio/contract'
import { forbidden, HttpError } from '../http/errors.ts'

export interface Commenter {
  id: string
  role: Role
}

function invalid(field: string, message: string): HttpError {
  return new HttpError(400, ErrorCode.invalid, `Check these fields: ${field}.`, [{ field, message }])
}

/**
 * Reading and commenting need read access to the document itself (observers have it).
 * A name the member cannot read at all, e.g. someone else's assessment or an unknown name,
 * is a 403; a readable document that takes no comments (one's own assessment) a 400.
 */
export function commentAccessProblem(document: string, member: Commenter): HttpError | null {
  if (documentAccess(document, member.role, member.id) === 'none') {
    return forbidden('You cannot read this document, so you cannot see or leave comments on it.')
  }
  if (!isCommentable(document)) {
    return invalid('document', 'Comments go on the terms of reference, the competency matrix, the meetings list or a meeting.')
  }
  return null
}

/** A reply answers a thread (a top-level comment) of the same document, at the thread's anchor. */
export function replyProblem(thread: Comment | null, reply: { document: string; anchor: string }): HttpError | null {
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
export function editProblem(comment: Comment, member: Commenter): HttpError | null {
  return comment.authorId === member.id ? null : forbidden('Only the person who wrote a comment can change it.')
}

/**
 * Resolving and reopening apply to a thread. Its author, organisers and contributors may do
 * either; an observer only on a thread they started.
 */
export function resolveProblem(comment: Comment, member: Commenter): HttpError | null {
  if (comment.replyTo !== null) {
    return invalid('resolved', 'Resolve or reopen the thread (its first comment), not a reply.')
  }
  if (comment.authorId === member.id || member.role !== 'observer') return null
  return forbidden('Observers can resolve or reopen only the threads they started.')
}
