/**
 * The proposals and proposal_responses tables. Settling a proposal (closing, deciding,
 * withdrawing) first claims it with a conditional UPDATE: of several instances, or of an
 * organiser's decision and the close at the same moment, exactly one gets the row. A claim
 * left by an instance that stopped mid-way is taken again after `staleClaimMs`.
 */
import type { ProposalStance, ProposalStatus } from '@studio/contract'
import type { Kysely, Selectable } from 'kysely'
import type { Database, ProposalsTable } from '../store/schema.ts'

export type ProposalRow = Selectable<ProposalsTable>
export interface ResponseRow { proposal_id: string; member_id: string; stance: ProposalStance; reason: string; at: string }

export const staleClaimMs = 10 * 60_000

export async function insertProposal(db: Kysely<Database>, row: ProposalRow): Promise<void> {
  await db.insertInto('proposals').values(row).execute()
}

export async function findProposal(db: Kysely<Database>, id: string): Promise<ProposalRow | null> {
  return (await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

export async function listProposals(db: Kysely<Database>, filter: { statuses: readonly string[] | null; kind?: string | undefined; document?: string | undefined }): Promise<ProposalRow[]> {
  let query = db.selectFrom('proposals').selectAll()
  if (filter.statuses) query = query.where('status', 'in', [...filter.statuses])
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.document) query = query.where('document', '=', filter.document)
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute()
}

export async function responsesOf(db: Kysely<Database>, proposalIds: readonly string[]): Promise<ResponseRow[]> {
  if (proposalIds.length === 0) return []
  const rows = await db.selectFrom('proposal_responses').selectAll().where('proposal_id', 'in', [...proposalIds]).orderBy('at').execute()
  return rows as ResponseRow[]
}

/** Records a member's stance, replacing an earlier one; false when the proposal is no longer open. */
export async function recordResponse(db: Kysely<Database>, row: ResponseRow, now: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Inside the transaction, so a response is never recorded on a proposal that closed meanwhile
    // (the close's claim and this read see one order).
    const open = await trx.selectFrom('proposals').select('id').where('id', '=', row.proposal_id).where('status', '=', 'open')
      .where('closes_at', '>', now).where('claimed_by', 'is', null).executeTakeFirst()
    if (!open) return false
    await trx.deleteFrom('proposal_responses').where('proposal_id', '=', row.proposal_id).where('member_id', '=', row.member_id).execute()
    await trx.insertInto('proposal_responses').values(row).execute()
    return true
  })
}

/** Claims the proposal for `claimant` if it is in one of `from` (and, for a close, past its closing time). */
export async function claimProposal(db: Kysely<Database>, id: string, claimant: string, now: Date, from: readonly ProposalStatus[], closedBy?: Date): Promise<boolean> {
  let query = db.updateTable('proposals').set({ claimed_by: claimant, claimed_at: now.toISOString() })
    .where('id', '=', id).where('status', 'in', [...from])
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_at', '<', new Date(now.getTime() - staleClaimMs).toISOString())]))
  if (closedBy) query = query.where('closes_at', '<=', closedBy.toISOString())
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function releaseClaim(db: Kysely<Database>, id: string, claimant: string): Promise<void> {
  await db.updateTable('proposals').set({ claimed_by: null, claimed_at: null }).where('id', '=', id).where('claimed_by', '=', claimant).execute()
}

export interface Settlement {
  status: ProposalStatus
  decidedAt: string | null
  decidedBy: string | null
  outcome: string
  meetingId: string | null
}

/** Writes the settlement and lets go of the claim; false when the claim was lost (taken as stale). */
export async function finishSettlement(db: Kysely<Database>, id: string, claimant: string, settlement: Settlement): Promise<boolean> {
  const result = await db.updateTable('proposals').set({
    status: settlement.status, decided_at: settlement.decidedAt, decided_by: settlement.decidedBy, outcome: settlement.outcome,
    meeting_id: settlement.meetingId, claimed_by: null, claimed_at: null,
  }).where('id', '=', id).where('claimed_by', '=', claimant).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Open proposals past their closing time, and those waiting for a meeting: what the pass looks at. */
export async function dueProposalIds(db: Kysely<Database>, now: Date): Promise<{ closing: string[]; awaiting: string[] }> {
  const closing = await db.selectFrom('proposals').select('id').where('status', '=', 'open').where('closes_at', '<=', now.toISOString()).orderBy('closes_at').execute()
  const awaiting = await db.selectFrom('proposals').select('id').where('status', '=', 'awaiting-meeting').orderBy('created_at').execute()
  return { closing: closing.map((row) => row.id), awaiting: awaiting.map((row) => row.id) }
}

/** Authors of proposals accepted after `from` (exclusive) up to `to` (inclusive): a release's "proposed" credits. */
export async function acceptedAuthorsBetween(db: Kysely<Database>, from: string | null, to: string): Promise<string[]> {
  let query = db.selectFrom('proposals').select('author_id').distinct().where('status', '=', 'accepted').where('decided_at', '<=', to)
  if (from) query = query.where('decided_at', '>', from)
  return (await query.execute()).map((row) => row.author_id).sort()
}
