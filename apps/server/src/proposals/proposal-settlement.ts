/**
 * How a proposal is settled: at its close by lazy consensus, by an organiser's decision, or
 * by a withdrawal. Each settles under a claim (proposals-repository.ts), so it happens once
 * across instances and restarts. An accepted change is made through the studio's change path
 * (logged before it is applied or broadcast) in the proposer's name; a proposal that goes to
 * a meeting is appended to the agenda of the next scheduled meeting the same way, or waits
 * ("awaiting a meeting") until one is scheduled.
 */
import type { ProposalChange, ProposalStatus, ProposalValues } from '@studio/contract'
import { meetingDocumentName, meetingInstant, meetingTextFields, meetingsDocumentName, readMeetings, type Meeting } from '@studio/framework'
import * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import { recordAudit, type AuditAction } from '../members/audit.ts'
import type { Store } from '../store/database.ts'
import { afterOf, applyChange, unchangedSince } from './proposal-targets.ts'
import { claimProposal, finishSettlement, findProposal, releaseClaim, responsesOf, type ProposalRow, type Settlement } from './proposals-repository.ts'

export interface SettlementContext {
  store: Store
  serverChanges: ServerChanges
  now: () => Date
  /** This instance, as a claimant. */
  instanceId: string
}

export type SettleAct =
  | { act: 'close' }
  | { act: 'place' }
  | { act: 'accept' | 'reject' | 'agenda'; by: string; note: string }
  | { act: 'withdraw'; by: string; byOrganiser: boolean }

const undecided: readonly ProposalStatus[] = ['open', 'on-agenda', 'awaiting-meeting']
const fromStatuses: Record<SettleAct['act'], readonly ProposalStatus[]> = {
  close: ['open'],
  place: ['awaiting-meeting'],
  accept: undecided,
  reject: undecided,
  agenda: ['open'],
  withdraw: undecided,
}

const parse = (row: ProposalRow) => ({ change: JSON.parse(row.change_json) as ProposalChange, before: JSON.parse(row.before_json) as ProposalValues })

/** The next meeting with a start still to come, or null. */
export async function nextMeeting(context: SettlementContext): Promise<Meeting | null> {
  const now = context.now().getTime()
  const meetings = await context.serverChanges.read(meetingsDocumentName, (doc) => readMeetings(doc))
  return meetings.find((meeting) => (meetingInstant(meeting)?.start.getTime() ?? -Infinity) > now) ?? null
}

/** One agenda line for the proposal, at the end of the meeting's agenda. */
function appendAgendaItem(doc: Y.Doc, line: string): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(line)])
  doc.getXmlFragment(meetingTextFields.agenda).push([paragraph])
}

export function agendaLine(row: ProposalRow, label: string, why: string): string {
  return `Proposal by ${label}: ${row.rationale.replace(/\s+/g, ' ').slice(0, 300)} (${why}; /proposals/${row.id})`
}

export interface Settled {
  row: ProposalRow
  settlement: Settlement
}

/**
 * Settles proposal `id` by `act`; null when it is not in a state `act` applies to, or another
 * instance holds it. `describe` names the proposer for the agenda line.
 */
export async function settle(context: SettlementContext, id: string, act: SettleAct, describe: (row: ProposalRow) => Promise<string>): Promise<Settled | null> {
  const { store, instanceId } = context
  const now = context.now()
  const claimed = await claimProposal(store.db, id, instanceId, now, fromStatuses[act.act], act.act === 'close' ? now : undefined)
  if (!claimed) return null
  try {
    const row = (await findProposal(store.db, id))!
    const settlement = await outcomeOf(context, row, act, describe)
    if (!settlement) {
      await releaseClaim(store.db, id, instanceId)
      return null
    }
    const finished = await store.db.transaction().execute(async (trx) => {
      const done = await finishSettlement(trx, id, instanceId, settlement)
      if (done && (act.act === 'accept' || act.act === 'reject' || act.act === 'agenda' || act.act === 'withdraw')) {
        const action: AuditAction = act.act === 'withdraw' ? 'proposal-withdraw' : 'proposal-decision'
        await recordAudit(trx, { actorId: act.by, action, targetId: row.author_id, detail: `${act.act} proposal ${row.id}: ${settlement.outcome}` })
      }
      return done
    })
    return finished ? { row, settlement } : null
  } catch (error) {
    await releaseClaim(store.db, id, instanceId)
    throw error
  }
}

async function outcomeOf(context: SettlementContext, row: ProposalRow, act: SettleAct, describe: (row: ProposalRow) => Promise<string>): Promise<Settlement | null> {
  const at = context.now().toISOString()
  const { change, before } = parse(row)
  const decided = (status: ProposalStatus, outcome: string, decidedBy: string | null, meetingId: string | null = null): Settlement =>
    ({ status, decidedAt: at, decidedBy, outcome, meetingId })

  if (act.act === 'withdraw') return decided('withdrawn', act.byOrganiser && act.by !== row.author_id ? 'Withdrawn by an organiser.' : 'Withdrawn by the proposer.', act.by)
  if (act.act === 'reject') return decided('rejected', withNote('Rejected by an organiser.', act.note), act.by)
  if (act.act === 'accept') {
    const changed = !(await context.serverChanges.read(row.document, (doc) => unchangedSince(doc, change, before)))
    await apply(context, row, change)
    return decided('accepted', withNote(changed ? 'Accepted by an organiser and applied over a change made since it was proposed.' : 'Accepted by an organiser and applied.', act.note), act.by)
  }
  if (act.act === 'agenda') return toMeeting(context, row, withNote('Sent to a meeting by an organiser.', act.note), act.by, describe)
  if (act.act === 'place') {
    const meeting = await nextMeeting(context)
    if (!meeting) return null
    return toMeeting(context, row, row.outcome ?? 'For the meeting to decide.', row.decided_by, describe)
  }

  // The close: lazy consensus.
  const objections = (await responsesOf(context.store.db, [row.id])).filter((response) => response.stance === 'object').length
  if (objections > 0) return toMeeting(context, row, `Objected to by ${objections === 1 ? 'one member' : `${objections} members`}: for the meeting to decide.`, null, describe)
  const state = await context.serverChanges.read(row.document, (doc) => ({ unchanged: unchangedSince(doc, change, before), applied: alreadyApplied(doc, change, before) }))
  if (state.applied) return decided('accepted', 'Accepted by lazy consensus: nobody objected.', null)
  if (!state.unchanged) return toMeeting(context, row, 'Nobody objected, but what it changes was edited since it was proposed: for the meeting to decide.', null, describe)
  await apply(context, row, change)
  return decided('accepted', 'Accepted by lazy consensus: nobody objected.', null)
}

const withNote = (sentence: string, note: string) => (note ? `${sentence} ${note}` : sentence)

/**
 * The target holds the proposal's values and no longer the old ones: an instance that stopped
 * after applying it and before recording so, or someone who made the same change by hand.
 */
function alreadyApplied(doc: Y.Doc, change: ProposalChange, before: ProposalValues): boolean {
  return change.kind !== 'passage' && unchangedSince(doc, change, changeValues(change)) && !unchangedSince(doc, change, before)
}

const changeValues = afterOf

async function apply(context: SettlementContext, row: ProposalRow, change: ProposalChange): Promise<void> {
  // In the proposer's name: the history and the credits show who proposed it.
  await context.serverChanges.apply(row.document, row.author_id, (doc) => applyChange(doc, change))
}

async function toMeeting(context: SettlementContext, row: ProposalRow, outcome: string, decidedBy: string | null, describe: (row: ProposalRow) => Promise<string>): Promise<Settlement> {
  const meeting = await nextMeeting(context)
  const at = context.now().toISOString()
  if (!meeting) return { status: 'awaiting-meeting', decidedAt: null, decidedBy, outcome, meetingId: null }
  const line = agendaLine(row, await describe(row), outcome.replace(/[.:].*$/u, '').toLowerCase())
  await context.serverChanges.apply(meetingDocumentName(meeting.id), decidedBy, (doc) => appendAgendaItem(doc, line))
  return { status: 'on-agenda', decidedAt: at, decidedBy, outcome: `${outcome} On the agenda of “${meeting.title}”.`, meetingId: meeting.id }
}
