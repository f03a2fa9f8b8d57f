/**
 * Comments in the store, and their one public shape (the contract's Comment). The database
 * is the source of truth; the `comments:<document>` mirror is rebuilt from what is read here.
 */
import { anonymousAuthor, type Comment } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'

export interface NewComment {
  document: string
  anchor: string
  body: string
  authorId: string
  replyTo: string | null
  /** The passage's words, for a thread on a passage; none otherwise. */
  quote?: string | null
  /** Sent without the author's name: no reader is told who wrote it (a self-assessment's feedback). */
  anonymous?: boolean
}

export type CommentChange = { kind: 'body'; body: string } | { kind: 'resolved'; resolved: boolean; by: string }

function selectComments(db: Kysely<Database>) {
  return db
    .selectFrom('comments')
    .innerJoin('members as author', 'author.id', 'comments.author_id')
    .leftJoin('members as resolver', 'resolver.id', 'comments.resolved_by')
    .selectAll('comments')
    .select(['author.name as author_name', 'resolver.name as resolver_name'])
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof selectComments>['executeTakeFirstOrThrow']>>

function toComment(row: CommentRow): Comment {
  // The author of an anonymous comment is kept for the studio's own bookkeeping (a member's
  // feedback is counted once) and never leaves this module.
  const anonymous = Boolean(row.anonymous)
  return {
    id: row.id,
    document: row.document,
    anchor: row.anchor,
    body: row.body,
    authorId: anonymous ? anonymousAuthor.id : row.author_id,
    authorName: anonymous ? anonymousAuthor.name : row.author_name,
    replyTo: row.reply_to,
    resolved: Boolean(row.resolved),
    resolvedBy: row.resolved_by,
    resolvedByName: row.resolved_by ? (row.resolver_name ?? 'Removed member') : null,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    editedAt: row.edited_at,
    quote: row.quote,
  }
}

/** Every comment on `document`, oldest first (threads and replies together). */
export async function listComments(db: Kysely<Database>, document: string): Promise<Comment[]> {
  const rows = await selectComments(db)
    .where('comments.document', '=', document)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute()
  return rows.map(toComment)
}

export async function findComment(db: Kysely<Database>, id: string): Promise<Comment | null> {
  const row = await selectComments(db).where('comments.id', '=', id).executeTakeFirst()
  return row ? toComment(row) : null
}

export async function insertComment(db: Kysely<Database>, comment: NewComment): Promise<Comment> {
  const id = randomUUID()
  const now = new Date().toISOString()
  await db
    .insertInto('comments')
    .values({
      id,
      document: comment.document,
      anchor: comment.anchor,
      author_id: comment.authorId,
      body: comment.body,
      reply_to: comment.replyTo,
      created_at: now,
      updated_at: now,
      edited_at: null,
      resolved_by: null,
      resolved_at: null,
      quote: comment.quote ?? null,
      anonymous: comment.anonymous ? 1 : 0,
    })
    .execute()
  return (await findComment(db, id))!
}

export async function updateComment(db: Kysely<Database>, id: string, change: CommentChange): Promise<Comment> {
  const now = new Date().toISOString()
  const values =
    change.kind === 'body'
      ? { body: change.body, edited_at: now, updated_at: now }
      : change.resolved
        ? { resolved: 1, resolved_by: change.by, resolved_at: now, updated_at: now }
        : { resolved: 0, resolved_by: null, resolved_at: null, updated_at: now }
  await db.updateTable('comments').set(values).where('id', '=', id).execute()
  return (await findComment(db, id))!
}
