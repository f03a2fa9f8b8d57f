/**
 * The comments endpoints: list a document's comments, start a thread or reply, edit one's
 * own comment, resolve or reopen a thread. The author is always the signed-in member.
 */
import type { Comment, CommentResponse, CommentsResponse, CreateCommentBody } from '@studio/contract'
import { http } from './http.ts'

const commentPath = (id: string) => `/api/comments/${encodeURIComponent(id)}`

/** Every comment on the document, oldest first: the source of truth when a page loads. */
export async function fetchComments(document: string): Promise<Comment[]> {
  return (await http.get<CommentsResponse>(`/api/comments?document=${encodeURIComponent(document)}`)).comments
}

export async function createComment(body: CreateCommentBody): Promise<Comment> {
  return (await http.post<CommentResponse>('/api/comments', body)).comment
}

export async function editComment(id: string, body: string): Promise<Comment> {
  return (await http.patch<CommentResponse>(commentPath(id), { body })).comment
}

export async function setThreadResolved(id: string, resolved: boolean): Promise<Comment> {
  return (await http.patch<CommentResponse>(commentPath(id), { resolved })).comment
}
