/**
 * Consultation rounds (issue 16, point 2): opening a round pins the text under review (a
 * `named` version of the matrix captured now, and the terms of reference's latest version
 * when they are in scope), so every reviewer comments on the same words whatever the group
 * edits meanwhile. A round's state (upcoming, open, closed) follows from its times on the
 * studio's clock; comments are taken only while it is open.
 */
import { DocumentName, RoundScope, type CreateRoundBody, type Round, type RoundReviewer, type RoundState } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { History } from '../history/history.ts'
import { notFound } from '../http/errors.ts'
import { recordAudit } from '../members/audit.ts'
import type { Store } from '../store/database.ts'
import type { Database, RoundsTable } from '../store/schema.ts'
import type { RoundViewer } from './round-viewers.ts'

export type RoundRow = Selectable<RoundsTable>
export type Clock = () => Date

export function roundState(row: Pick<RoundRow, 'opens_at' | 'closes_at'>, now: Date): RoundState {
  const at = now.getTime()
  if (at < Date.parse(row.opens_at)) return 'upcoming'
  return at < Date.parse(row.closes_at) ? 'open' : 'closed'
}

export function scopeOf(row: RoundRow): RoundScope {
  return RoundScope.parse(JSON.parse(row.scope))
}

/** Instants as the studio stores them (UTC, milliseconds), so they compare as text too. */
export const utc = (instant: string) => new Date(instant).toISOString()

export async function openRound(context: { store: Store; history: History }, memberId: string, body: CreateRoundBody): Promise<RoundRow> {
  const { store, history } = context
  const matrix = await history.capture(DocumentName.competencyMatrix, 'named', { name: `Consultation: ${body.title}` })
  let termsVersionId: string | null = null
  if (body.scope.terms) {
    const captured = await history.capture(DocumentName.termsOfReference, 'auto', { onlyIfChanged: true })
    termsVersionId = captured?.id ?? (await history.list(DocumentName.termsOfReference))[0]?.id ?? null
  }
  const row: RoundRow = {
    id: randomUUID(),
    title: body.title,
    scope: JSON.stringify(body.scope),
    matrix_version_id: matrix!.id,
    terms_version_id: termsVersionId,
    opens_at: utc(body.opensAt),
    closes_at: utc(body.closesAt),
    created_at: new Date().toISOString(),
    created_by: memberId,
  }
  // Recorded while no capture can thin the pinned versions away (as releases are).
  return history.withoutThinning([DocumentName.competencyMatrix, DocumentName.termsOfReference], async () => {
    for (const id of [row.matrix_version_id, row.terms_version_id]) {
      if (id !== null && !(await history.find(id))) throw notFound('The version to review has just been thinned away. Open the round again.')
    }
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('rounds').values(row).execute()
      await recordAudit(trx, { actorId: memberId, action: 'round-open', targetId: null, detail: `${row.title} (${row.id}), ${row.opens_at} to ${row.closes_at}` })
    })
    return row
  })
}

/** The rounds a viewer may see: every round for members, the rounds they were invited to for a reviewer. */
export async function visibleRounds(db: Kysely<Database>, viewer: RoundViewer): Promise<RoundRow[]> {
  let query = db.selectFrom('rounds').selectAll()
  if (viewer.kind === 'reviewer') {
    query = query.where('id', 'in', db.selectFrom('round_reviewers').select('round_id').where('reviewer_id', '=', viewer.reviewer.id))
  }
  return query.orderBy('created_at', 'desc').orderBy('id').execute()
}

/** The round by id if this viewer may see it; 404 otherwise, so a reviewer cannot tell other rounds exist. */
export async function roundFor(db: Kysely<Database>, viewer: RoundViewer, id: string): Promise<RoundRow> {
  const row = await db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst()
  const allowed = row && (viewer.kind === 'member' || (await db.selectFrom('round_reviewers').select('round_id')
    .where('round_id', '=', id).where('reviewer_id', '=', viewer.reviewer.id).executeTakeFirst()))
  if (!row || !allowed) throw notFound('There is no round with this id that you may see. Open the list of rounds again.')
  return row
}

export async function roundReviewers(db: Kysely<Database>, roundIds: string[]): Promise<Map<string, RoundReviewer[]>> {
  const byRound = new Map<string, RoundReviewer[]>()
  if (roundIds.length === 0) return byRound
  const rows = await db.selectFrom('round_reviewers')
    .leftJoin('members', 'members.id', 'round_reviewers.member_id')
    .leftJoin('reviewer_accounts', 'reviewer_accounts.id', 'round_reviewers.reviewer_id')
    .select(['round_reviewers.round_id', 'round_reviewers.email', 'round_reviewers.member_id', 'round_reviewers.invited_at',
      'members.name as member_name', 'reviewer_accounts.name as reviewer_name', 'reviewer_accounts.password_hash'])
    .where('round_reviewers.round_id', 'in', roundIds)
    .orderBy('round_reviewers.invited_at').orderBy('round_reviewers.email')
    .execute()
  for (const row of rows) {
    const reviewer: RoundReviewer = row.member_id
      ? { email: row.email, kind: 'member', name: row.member_name ?? null, joined: true, invitedAt: row.invited_at }
      : { email: row.email, kind: 'outside', name: row.reviewer_name ?? null, joined: row.password_hash !== null, invitedAt: row.invited_at }
    byRound.set(row.round_id, [...(byRound.get(row.round_id) ?? []), reviewer])
  }
  return byRound
}

/** Rounds as the contract's Round; the reviewers only for organisers. */
export async function toRounds(db: Kysely<Database>, rows: RoundRow[], viewer: RoundViewer, now: Date): Promise<Round[]> {
  const ids = rows.map((row) => row.id)
  const counts = ids.length === 0 ? [] : await db.selectFrom('round_comments')
    .select((eb) => ['round_id', eb.fn.countAll<string | number>().as('comments'), eb.fn.count<string | number>('disposition').as('disposed')])
    .where('round_id', 'in', ids).groupBy('round_id').execute()
  const countOf = new Map(counts.map((row) => [row.round_id, { comments: Number(row.comments), disposed: Number(row.disposed) }]))
  const organiser = viewer.kind === 'member' && viewer.member.role === 'organiser'
  const reviewers = organiser ? await roundReviewers(db, ids) : new Map<string, RoundReviewer[]>()
  return rows.map((row) => {
    const count = countOf.get(row.id) ?? { comments: 0, disposed: 0 }
    return {
      id: row.id,
      title: row.title,
      scope: scopeOf(row),
      matrixVersionId: row.matrix_version_id,
      termsVersionId: row.terms_version_id,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      state: roundState(row, now),
      createdAt: row.created_at,
      comments: count.comments,
      undisposed: count.comments - count.disposed,
      ...(organiser ? { reviewers: reviewers.get(row.id) ?? [] } : {}),
    }
  })
}
