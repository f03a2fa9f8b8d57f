/**
 * Proposals (issue 16, point 1): making one, responding, withdrawing, deciding, and the pass
 * that closes those past their time and places those waiting for a meeting. Decorated as
 * `app.proposals` by the plugin; routes and tests call it.
 */
import {
  DocumentName, proposalRules, type CreateProposalBody, type Proposal, type ProposalChange, type ProposalDecisionBody,
  type ProposalFilter, type ProposalResponseBody, type ProposalStatus, type ProposalValues,
} from '@studio/contract'
import { readLevels } from '@studio/framework'
import type { FastifyBaseLogger } from 'fastify'
import { randomUUID } from 'node:crypto'
import type { ServerChanges } from '../collab/server-changes.ts'
import { HttpError, notFound } from '../http/errors.ts'
import type { NewNotification } from '../notifications/notifications-repository.ts'
import type { Store } from '../store/database.ts'
import type { MemberRow } from '../store/members-repository.ts'
import { settle, type SettleAct, type Settled } from './proposal-settlement.ts'
import { afterOf, documentOf, labelOf, readMatrixNames, readTarget, TargetProblem, targetOf } from './proposal-targets.ts'
import { dueProposalIds, findProposal, insertProposal, listProposals, recordResponse, responsesOf, type ProposalRow, type ResponseRow } from './proposals-repository.ts'

export interface ProposalsService {
  create(member: MemberRow, body: CreateProposalBody): Promise<Proposal>
  list(filter: ProposalFilter): Promise<Proposal[]>
  get(id: string): Promise<Proposal>
  respond(member: MemberRow, id: string, body: ProposalResponseBody): Promise<Proposal>
  withdraw(member: MemberRow, id: string): Promise<Proposal>
  decide(member: MemberRow, id: string, body: ProposalDecisionBody): Promise<Proposal>
  /** The matrix's scale now (rank and name), for reading levels in proposals. */
  levels(): Promise<Array<{ rank: number; name: string }>>
  /** Closes proposals past their time and places those waiting on a newly scheduled meeting; returns how many this instance settled. */
  runPass(): Promise<number>
}

export interface ProposalsContext {
  store: Store
  serverChanges: ServerChanges
  log: FastifyBaseLogger
  now: () => Date
  instanceId: string
  record: (notifications: NewNotification[]) => Promise<number>
  /** Tells the pages that have `document` open that its proposals changed, so their markers follow at once. */
  changed: (document: string) => void
}

const hour = 3_600_000
const decidedStatuses: readonly ProposalStatus[] = ['accepted', 'rejected', 'withdrawn']
const undecidedStatuses: readonly ProposalStatus[] = ['open', 'on-agenda', 'awaiting-meeting']

const conflict = (message: string) => new HttpError(409, 'conflict', message)

export function createProposals(context: ProposalsContext): ProposalsService {
  const { store, serverChanges } = context
  const db = store.db

  async function names(ids: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)]
    if (wanted.length === 0) return new Map()
    const rows = await db.selectFrom('members').select(['id', 'name']).where('id', 'in', wanted).execute()
    return new Map(rows.map((row) => [row.id, row.name]))
  }

  /**
   * The matrix's names and scale, which label proposals and read their levels. Every open page
   * asks for the list again when a proposal changes, and the Proposals page every 15 s: a copy of
   * the largest matrix for each request held everyone's edits up for 30–40 ms. So they are read
   * in place while the matrix is loaded, and kept until it changes while it is not (`peekKept`).
   */
  const matrixWords = () => serverChanges.peekKept(DocumentName.competencyMatrix, 'proposal words', (doc) => ({
    names: readMatrixNames(doc),
    levels: readLevels(doc).map((level) => ({ rank: level.rank, name: level.name })),
  }))

  async function toProposals(rows: readonly ProposalRow[]): Promise<Proposal[]> {
    if (rows.length === 0) return []
    const responses = await responsesOf(db, rows.map((row) => row.id))
    const people = await names([...rows.flatMap((row) => [row.author_id, ...(row.decided_by ? [row.decided_by] : [])]), ...responses.map((r) => r.member_id)])
    const named = (id: string) => ({ id, name: people.get(id) ?? 'A former member' })
    const matrixNames = (await matrixWords()).names
    return rows.map((row) => {
      const change = JSON.parse(row.change_json) as ProposalChange
      const own = responses.filter((response) => response.proposal_id === row.id)
      const count = (stance: ResponseRow['stance']) => own.filter((response) => response.stance === stance).length
      return {
        id: row.id,
        kind: change.kind,
        document: row.document,
        target: row.target,
        targetLabel: labelOf(matrixNames, change),
        change,
        before: JSON.parse(row.before_json) as ProposalValues,
        after: afterOf(change),
        rationale: row.rationale,
        author: named(row.author_id),
        createdAt: row.created_at,
        closesAt: row.closes_at,
        status: row.status as ProposalStatus,
        decidedAt: row.decided_at,
        decidedBy: row.decided_by ? named(row.decided_by) : null,
        outcome: row.outcome,
        meetingId: row.meeting_id,
        responses: own.map((response) => ({ member: named(response.member_id), stance: response.stance, reason: response.reason, at: response.at })),
        tally: { support: count('support'), object: count('object'), abstain: count('abstain') },
      }
    })
  }

  async function one(id: string): Promise<Proposal> {
    const row = await findProposal(db, id)
    if (!row) throw notFound('There is no proposal with this id. Open the list of proposals again.')
    return (await toProposals([row]))[0]!
  }

  /** Everyone approved hears of it (recordNotifications leaves out the actor). */
  async function tellEveryone(kind: 'proposal' | 'proposal-decided', proposal: Proposal, actorId: string | null, text: string, dedupe: string): Promise<void> {
    try {
      const members = await db.selectFrom('members').select('id').where('status', '=', 'approved').execute()
      await context.record(members.map((member) => ({
        kind, recipientId: member.id, dedupeKey: `${dedupe}:${proposal.id}`, actorId, document: proposal.document, link: `/proposals/${proposal.id}`, text,
      })))
    } catch (error) {
      context.log.error({ err: error }, 'could not record the notifications of a proposal')
    }
  }

  const describeAuthor = async (row: ProposalRow) => (await names([row.author_id])).get(row.author_id) ?? 'a former member'

  async function settled(done: Settled | null, actorId: string | null): Promise<Proposal | null> {
    if (!done) return null
    context.changed(done.row.document)
    const proposal = await one(done.row.id)
    const verb: Record<ProposalStatus, string> = {
      accepted: 'was accepted', rejected: 'was rejected', withdrawn: 'was withdrawn', 'on-agenda': 'goes to a meeting',
      'awaiting-meeting': 'waits for a meeting', open: 'is open',
    }
    await tellEveryone('proposal-decided', proposal, actorId, `The proposal on ${proposal.targetLabel} by ${proposal.author.name} ${verb[proposal.status]}: ${proposal.outcome ?? ''}`.trim(), `decided:${proposal.status}`)
    return proposal
  }

  async function settleOrExplain(member: MemberRow, id: string, act: SettleAct, what: string): Promise<Proposal> {
    const existing = await findProposal(db, id)
    if (!existing) throw notFound('There is no proposal with this id. Open the list of proposals again.')
    const proposal = await settled(await settle({ store, serverChanges, now: context.now, instanceId: context.instanceId }, id, act, describeAuthor), member.id)
    if (!proposal) throw conflict(`This proposal can no longer be ${what}: it is ${(await findProposal(db, id))?.status ?? existing.status}, or it is being settled at this moment. Open it again to see where it stands.`)
    return proposal
  }

  return {
    async create(member, body) {
      const now = context.now()
      const closesAt = body.closesAt ? new Date(body.closesAt) : new Date(now.getTime() + proposalRules.closeHoursDefault * hour)
      const hoursAway = (closesAt.getTime() - now.getTime()) / hour
      if (hoursAway < proposalRules.closeHoursMin || hoursAway > proposalRules.closeHoursMax) {
        throw new HttpError(400, 'invalid', `Choose a closing time between ${proposalRules.closeHoursMin} hour and ${proposalRules.closeHoursMax / 24} days from now.`, [
          { field: 'closesAt', message: `Choose a closing time between ${proposalRules.closeHoursMin} hour and ${proposalRules.closeHoursMax / 24} days from now.` },
        ])
      }
      const document = documentOf(body.change)
      let before: ProposalValues
      try {
        before = await serverChanges.read(document, (doc) => readTarget(doc, body.change))
      } catch (error) {
        if (error instanceof TargetProblem) throw new HttpError(400, 'invalid', error.message, [{ field: error.field, message: error.message }])
        throw error
      }
      const row: ProposalRow = {
        id: randomUUID(), kind: body.change.kind, document, target: targetOf(body.change),
        change_json: JSON.stringify(body.change), before_json: JSON.stringify(before), rationale: body.rationale,
        author_id: member.id, created_at: now.toISOString(), closes_at: closesAt.toISOString(), status: 'open',
        claimed_by: null, claimed_at: null, decided_at: null, decided_by: null, outcome: null, meeting_id: null,
      }
      await insertProposal(db, row)
      context.changed(document)
      const proposal = await one(row.id)
      await tellEveryone('proposal', proposal, member.id, `${member.name} proposed a change to ${proposal.targetLabel}: “${shorten(body.rationale)}”. Respond before it closes.`, 'made')
      return proposal
    },

    async list(filter) {
      const statuses = filter.status === 'all' ? null
        : filter.status === 'decided' ? decidedStatuses
          : filter.status === 'undecided' ? undecidedStatuses : [filter.status]
      return toProposals(await listProposals(db, { statuses, kind: filter.kind, document: filter.document }))
    },

    get: one,

    levels: async () => (await matrixWords()).levels,

    async respond(member, id, body) {
      const existing = await findProposal(db, id)
      if (!existing) throw notFound('There is no proposal with this id. Open the list of proposals again.')
      const now = context.now().toISOString()
      const recorded = await recordResponse(db, { proposal_id: id, member_id: member.id, stance: body.stance, reason: body.reason, at: now }, now)
      if (!recorded) throw conflict('This proposal is closed: responses are taken until its closing time. A proposal with an objection is decided at the meeting.')
      context.changed(existing.document)
      return one(id)
    },

    async withdraw(member, id) {
      const existing = await findProposal(db, id)
      if (!existing) throw notFound('There is no proposal with this id. Open the list of proposals again.')
      const organiser = member.role === 'organiser'
      if (!organiser && existing.author_id !== member.id) throw new HttpError(403, 'forbidden', 'Only the proposer or an organiser may withdraw a proposal.')
      return settleOrExplain(member, id, { act: 'withdraw', by: member.id, byOrganiser: organiser }, 'withdrawn')
    },

    decide(member, id, body) {
      return settleOrExplain(member, id, { act: body.outcome, by: member.id, note: body.note }, body.outcome === 'agenda' ? 'sent to a meeting (only an open one can be)' : 'decided')
    },

    async runPass() {
      const { closing, awaiting } = await dueProposalIds(db, context.now())
      let settledHere = 0
      const settlementContext = { store, serverChanges, now: context.now, instanceId: context.instanceId }
      for (const [ids, act] of [[closing, { act: 'close' }], [awaiting, { act: 'place' }]] as const) {
        for (const id of ids) {
          try {
            const done = await settled(await settle(settlementContext, id, act, describeAuthor), null)
            if (done) settledHere++
          } catch (error) {
            context.log.error({ err: error, proposal: id }, 'could not settle a proposal; the next pass tries again')
          }
        }
      }
      return settledHere
    },
  }
}

function shorten(text: string, max = 140): string {
  const plain = text.replace(/\s+/g, ' ').trim()
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain
}
