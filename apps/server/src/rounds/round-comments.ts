/**
 * Comments kept with a round: on the round as a whole, a competency, a cell, or a passage
 * of the terms as the snapshot shows them. Each gets one disposition from an organiser
 * (accepted, partly accepted, rejected, deferred) with a response, which everyone who can see
 * the round reads beside the comment.
 */
import { RoundCommentTarget, type CreditChoice, type Disposition, type RoundComment, type RoundSnapshot } from '@studio/contract'
import type { Kysely, Selectable } from 'kysely'
import { creditedName } from '../releases/release-credits.ts'
import type { Database, RoundCommentsTable } from '../store/schema.ts'
import { targetLabel } from './round-snapshot.ts'
import type { RoundViewer } from './round-viewers.ts'

export type RoundCommentRow = Selectable<RoundCommentsTable>

export interface CommentAuthor {
  name: string
  /** As the author chose to be credited (releases/): for reports that leave the studio. */
  credited: string | null
  kind: 'member' | 'outside'
}

export async function roundCommentRows(db: Kysely<Database>, roundId: string): Promise<RoundCommentRow[]> {
  return db.selectFrom('round_comments').selectAll().where('round_id', '=', roundId).orderBy('number').execute()
}

/** Stores a comment with the next number in its round; two at once on two instances: the loser takes the one after. */
export async function insertRoundComment(db: Kysely<Database>, comment: Omit<RoundCommentRow, 'number'>): Promise<RoundCommentRow> {
  for (let attempt = 0; ; attempt++) {
    const last = await db.selectFrom('round_comments').select((eb) => eb.fn.max('number').as('number')).where('round_id', '=', comment.round_id).executeTakeFirst()
    const row = { ...comment, number: Number(last?.number ?? 0) + 1 }
    try {
      await db.insertInto('round_comments').values(row).execute()
      return row
    } catch (error) {
      const taken = await db.selectFrom('round_comments').select('id').where('round_id', '=', row.round_id).where('number', '=', row.number).executeTakeFirst()
      if (!taken || attempt >= 5) throw error
    }
  }
}

export async function commentAuthors(db: Kysely<Database>, rows: RoundCommentRow[]): Promise<Map<string, CommentAuthor>> {
  const memberIds = [...new Set(rows.flatMap((row) => (row.member_id ? [row.member_id] : [])))]
  const reviewerIds = [...new Set(rows.flatMap((row) => (row.reviewer_id ? [row.reviewer_id] : [])))]
  const members = memberIds.length === 0 ? [] : await db.selectFrom('members').select(['id', 'name', 'credit_name']).where('id', 'in', memberIds).execute()
  const reviewers = reviewerIds.length === 0 ? [] : await db.selectFrom('reviewer_accounts').select(['id', 'name', 'credit_name']).where('id', 'in', reviewerIds).execute()
  const authors = new Map<string, CommentAuthor>()
  for (const member of members) authors.set(`member:${member.id}`, { name: member.name, credited: creditedName(member.name, member.credit_name as CreditChoice), kind: 'member' })
  for (const reviewer of reviewers) {
    const name = reviewer.name ?? 'A reviewer'
    authors.set(`reviewer:${reviewer.id}`, { name, credited: creditedName(name, reviewer.credit_name as CreditChoice), kind: 'outside' })
  }
  return authors
}

export const authorKey = (row: Pick<RoundCommentRow, 'member_id' | 'reviewer_id'>) => (row.member_id ? `member:${row.member_id}` : `reviewer:${row.reviewer_id}`)

export function toRoundComment(row: RoundCommentRow, snapshot: RoundSnapshot, authors: Map<string, CommentAuthor>, viewer: RoundViewer): RoundComment {
  const target = RoundCommentTarget.parse(JSON.parse(row.target))
  const author = authors.get(authorKey(row)) ?? { name: 'A former member', credited: null, kind: row.member_id ? 'member' : 'outside' }
  const self = viewer.kind === 'member' ? row.member_id === viewer.member.id : row.reviewer_id === viewer.reviewer.id
  return {
    id: row.id,
    roundId: row.round_id,
    number: row.number,
    target,
    targetLabel: targetLabel(snapshot, target),
    author: { name: author.name, kind: author.kind, self },
    body: row.body,
    createdAt: row.created_at,
    disposition: (row.disposition as Disposition | null) ?? null,
    response: row.response,
    disposedAt: row.disposed_at,
  }
}
