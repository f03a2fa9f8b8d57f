/**
 * Proposals with lazy consensus (issue 16, point 1). A writer (organiser or contributor)
 * proposes a change to a matrix cell, a competency or a passage of the terms of reference,
 * with a rationale and a closing time (72 hours by default). Members support, object (with a
 * reason) or abstain until then. At the close a proposal nobody objects to is accepted and
 * applied as the proposer's change; one with an objection goes to the next meeting's agenda
 * (or waits for a meeting to be scheduled). The proposer or an organiser may withdraw it, and
 * an organiser may decide it early.
 */
import { z } from 'zod'
import { parseAnchor } from './comments.ts'
import { NamedMember } from './history.ts'

export const proposalRules = {
  rationaleMax: 4000,
  reasonMax: 2000,
  noteMax: 4000,
  nameMax: 200,
  descriptionMax: 4000,
  summaryMax: 1000,
  indicatorsMax: 20,
  indicatorMax: 500,
  passageMax: 4000,
  /** The closing time is at least an hour away and at most 30 days. */
  closeHoursMin: 1,
  closeHoursMax: 24 * 30,
  closeHoursDefault: 72,
} as const

export const proposalStances = ['support', 'object', 'abstain'] as const
export type ProposalStance = (typeof proposalStances)[number]

/**
 * - open: members are responding until `closesAt`;
 * - accepted: applied to the document (by lazy consensus or an organiser's decision);
 * - rejected: an organiser decided against it;
 * - withdrawn: its proposer or an organiser took it back;
 * - on-agenda: objected to (or sent by an organiser): on a meeting's agenda for the group to decide;
 * - awaiting-meeting: as on-agenda, but no meeting is scheduled yet; it joins the next one scheduled.
 */
export const proposalStatuses = ['open', 'accepted', 'rejected', 'withdrawn', 'on-agenda', 'awaiting-meeting'] as const
export type ProposalStatus = (typeof proposalStatuses)[number]
/** Statuses an organiser may still decide. */
export const undecidedProposalStatuses = ['open', 'on-agenda', 'awaiting-meeting'] as const satisfies readonly ProposalStatus[]

export const proposalKinds = ['cell', 'competency', 'passage'] as const
export type ProposalKind = (typeof proposalKinds)[number]

const id = (what: string) => z.string({ error: `Name the ${what} by its id.` }).min(1, `Name the ${what} by its id.`).max(64, `That is not a ${what} id.`)
const text = (what: string, max: number) => z.string({ error: `Write the ${what} as text.` }).max(max, `Keep the ${what} to ${max} characters or fewer.`)

export const ProposedCellChange = z.object({
  kind: z.literal('cell'),
  competencyId: id('competency'),
  roleId: id('role'),
  /** For a PMO type's override of the cell; leave out for the general expectation. */
  pmoTypeId: id('PMO type').nullable().optional(),
  /** The proposed level (a rank of the scale), or null for "no level yet". */
  level: z.number({ error: 'Propose a level of the scale, or null for no level.' }).int('Propose a whole level of the scale.').min(0).max(100).nullable(),
  note: text('note', proposalRules.noteMax).default(''),
}).strict()

export const ProposedDescriptor = z.object({
  rank: z.number({ error: 'Say which level the descriptor is for.' }).int().min(0).max(100),
  summary: text('summary', proposalRules.summaryMax),
  indicators: z.array(text('indicator', proposalRules.indicatorMax).trim().min(1, 'Leave out empty indicators.'))
    .max(proposalRules.indicatorsMax, `Propose at most ${proposalRules.indicatorsMax} indicators for a level.`),
}).strict()
export type ProposedDescriptor = z.infer<typeof ProposedDescriptor>

export const ProposedCompetencyChange = z.object({
  kind: z.literal('competency'),
  competencyId: id('competency'),
  name: text('name', proposalRules.nameMax).trim().min(1, 'A competency needs a name.').optional(),
  description: text('description', proposalRules.descriptionMax).optional(),
  /** Only the levels named here change. */
  descriptors: z.array(ProposedDescriptor).max(20).optional(),
}).strict().refine((change) => change.name !== undefined || change.description !== undefined || (change.descriptors?.length ?? 0) > 0, {
  message: 'Propose a new name, description or level descriptor for the competency.',
  path: ['name'],
})

export const ProposedPassageChange = z.object({
  kind: z.literal('passage'),
  /** `passage:<start>.<end>`, made as a passage comment's anchor is (Yjs relative positions). */
  anchor: z.string({ error: 'Select the passage to change.' }).max(300, 'That is not a passage.')
    .refine((anchor) => parseAnchor(anchor)?.kind === 'passage', 'Select the passage to change (a passage anchor, passage:<start>.<end>).'),
  text: text('replacement text', proposalRules.passageMax),
}).strict()

export const ProposalChange = z.discriminatedUnion('kind', [ProposedCellChange, ProposedCompetencyChange, ProposedPassageChange], {
  error: 'Say what the proposal changes: kind cell, competency or passage.',
})
export type ProposalChange = z.infer<typeof ProposalChange>
export type ProposedCellChange = z.infer<typeof ProposedCellChange>
export type ProposedCompetencyChange = z.infer<typeof ProposedCompetencyChange>
export type ProposedPassageChange = z.infer<typeof ProposedPassageChange>

/** POST /api/proposals */
export const CreateProposalBody = z.object({
  change: ProposalChange,
  rationale: z.string({ error: 'Say why you propose the change.' }).trim().min(1, 'Say why you propose the change.')
    .max(proposalRules.rationaleMax, `Keep the rationale to ${proposalRules.rationaleMax} characters or fewer.`),
  /** ISO time; 72 hours from now when left out. */
  closesAt: z.iso.datetime({ offset: true, error: 'Give the closing time as an ISO date and time, such as 2026-05-04T17:00:00Z.' }).optional(),
}).strict()
export type CreateProposalBody = z.infer<typeof CreateProposalBody>
export type CreateProposalInput = z.input<typeof CreateProposalBody>

/** POST /api/proposals/:id/responses. A member's later response replaces their earlier one. */
export const ProposalResponseBody = z.object({
  stance: z.enum(proposalStances, { error: 'Choose support, object or abstain.' }),
  reason: z.string({ error: 'Write the reason as text.' }).trim().max(proposalRules.reasonMax, `Keep the reason to ${proposalRules.reasonMax} characters or fewer.`).default(''),
}).strict().superRefine((body, context) => {
  if (body.stance === 'object' && body.reason.length === 0) {
    context.addIssue({ code: 'custom', path: ['reason'], message: 'Say why you object, so the meeting can weigh it.' })
  }
})
export type ProposalResponseBody = z.infer<typeof ProposalResponseBody>

export const proposalOutcomes = ['accept', 'reject', 'agenda'] as const
/** POST /api/proposals/:id/decision (organisers): decide before the close, or after the meeting. */
export const ProposalDecisionBody = z.object({
  outcome: z.enum(proposalOutcomes, { error: 'Choose accept, reject or agenda.' }),
  note: z.string({ error: 'Write the note as text.' }).trim().max(proposalRules.reasonMax, `Keep the note to ${proposalRules.reasonMax} characters or fewer.`).default(''),
}).strict()
export type ProposalDecisionBody = z.infer<typeof ProposalDecisionBody>

/** What the target held (before) or is proposed to hold: only the fields the proposal changes. */
export const ProposalValues = z.object({
  level: z.number().nullable().optional(),
  note: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  descriptors: z.array(ProposedDescriptor).optional(),
  text: z.string().optional(),
})
export type ProposalValues = z.infer<typeof ProposalValues>

export const ProposalResponse = z.object({
  member: NamedMember,
  stance: z.enum(proposalStances),
  reason: z.string(),
  at: z.string(),
})
export type ProposalResponse = z.infer<typeof ProposalResponse>

export const Proposal = z.object({
  id: z.string(),
  kind: z.enum(proposalKinds),
  /** The document it changes. */
  document: z.string(),
  /** The cell key (`<competencyId>|<roleId>[|<pmoTypeId>]`), the competency id, or the passage anchor. */
  target: z.string(),
  /** A readable name of the target: "Stakeholder engagement × PMO analyst", "the terms of reference". */
  targetLabel: z.string(),
  change: ProposalChange,
  before: ProposalValues,
  after: ProposalValues,
  rationale: z.string(),
  author: NamedMember,
  createdAt: z.string(),
  closesAt: z.string(),
  status: z.enum(proposalStatuses),
  decidedAt: z.string().nullable(),
  /** The organiser who decided, withdrew or sent it to a meeting; null for the close's own outcome. */
  decidedBy: NamedMember.nullable(),
  /** How it was settled, in a sentence ("Accepted by lazy consensus: nobody objected."). */
  outcome: z.string().nullable(),
  /** The meeting whose agenda holds it. */
  meetingId: z.string().nullable(),
  responses: z.array(ProposalResponse),
  tally: z.object({ support: z.number().int(), object: z.number().int(), abstain: z.number().int() }),
})
export type Proposal = z.infer<typeof Proposal>

export const ProposalFilter = z.object({
  /** `decided`: accepted, rejected and withdrawn (the decisions log); `undecided`: open and waiting for a meeting. */
  status: z.enum([...proposalStatuses, 'decided', 'undecided', 'all'], { error: 'Filter by a status, decided, undecided or all.' }).default('all'),
  kind: z.enum(proposalKinds, { error: 'Filter by kind: cell, competency or passage.' }).optional(),
  document: z.string().max(100).optional(),
})
export type ProposalFilter = z.infer<typeof ProposalFilter>

/** The matrix's scale now, so a level in a proposal reads as its name. */
export const ProposalLevels = z.array(z.object({ rank: z.number().int(), name: z.string() }))

export const ProposalList = z.object({ proposals: z.array(Proposal), levels: ProposalLevels })
export type ProposalList = z.infer<typeof ProposalList>
export const ProposalEnvelope = z.object({ proposal: Proposal, levels: ProposalLevels.optional() })
export type ProposalEnvelope = z.infer<typeof ProposalEnvelope>
export const ProposalIdParams = z.object({ id: z.string().min(1).max(100) })

export const proposalPaths = {
  list: '/api/proposals',
  one: (proposalId: string) => `/api/proposals/${encodeURIComponent(proposalId)}`,
  responses: (proposalId: string) => `/api/proposals/${encodeURIComponent(proposalId)}/responses`,
  withdraw: (proposalId: string) => `/api/proposals/${encodeURIComponent(proposalId)}/withdraw`,
  decision: (proposalId: string) => `/api/proposals/${encodeURIComponent(proposalId)}/decision`,
} as const
