/**
 * Consultation rounds (issue 16, point 2). An organiser opens a round on a fixed text: the
 * matrix (the whole framework, or chosen domains and roles) and optionally the terms of
 * reference, pinned as versions from the history at opening. Reviewers are members, or
 * outside reviewers invited by email to a reviewer account that can read the round's
 * snapshot and comment on it, and nothing else. Comments stay with the round; each gets a
 * disposition and a response from an organiser, published as a report (Markdown, HTML, CSV).
 *
 * Reviewer accounts are not members: they sign in with their own cookie
 * (`reviewerCookieName`), which only the round routes read (`/api/rounds…`, `/api/review…`).
 */
import { z } from 'zod'
import { CreditChoice } from './releases.ts'

export const roundRules = { titleMax: 120, commentMax: 4000, responseMax: 4000, quoteMax: 500, scopeMax: 200, passwordMin: 12, passwordMax: 256, nameMax: 100 } as const

/** The cookie of an outside reviewer's session: never read outside the round routes. */
export const reviewerCookieName = 'studio_review'

const entityId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'That is not an id of the matrix.')

const instant = (what: string) => z.iso.datetime({ offset: true, error: `Give the ${what} as a date and time with its zone, for example 2026-05-01T09:00:00Z.` })

export const RoundScope = z.object({
  /** The whole framework: every domain and role of the matrix as pinned. */
  wholeFramework: z.boolean({ error: 'Say whether the round covers the whole framework (true) or chosen domains and roles (false).' }),
  domainIds: z.array(entityId).max(roundRules.scopeMax).default([]),
  roleIds: z.array(entityId).max(roundRules.scopeMax).default([]),
  /** The terms of reference are under review too. */
  terms: z.boolean({ error: 'Say whether the terms of reference are under review (true or false).' }),
})
export type RoundScope = z.infer<typeof RoundScope>

const roundTitle = z.string({ error: 'Give the round a title, for example "Delivery roles, spring review".' }).trim()
  .min(1, 'Give the round a title, for example "Delivery roles, spring review".')
  .max(roundRules.titleMax, `Keep the title to ${roundRules.titleMax} characters or fewer.`)

/** POST /api/rounds */
export const CreateRoundBody = z.object({
  title: roundTitle,
  scope: RoundScope,
  opensAt: instant('opening time'),
  closesAt: instant('closing time'),
}).superRefine((body, context) => {
  if (Date.parse(body.closesAt) <= Date.parse(body.opensAt)) context.addIssue({ code: 'custom', path: ['closesAt'], message: 'Choose a closing time after the opening time.' })
  if (!body.scope.wholeFramework && body.scope.domainIds.length === 0 && body.scope.roleIds.length === 0 && !body.scope.terms) {
    context.addIssue({ code: 'custom', path: ['scope'], message: 'Choose what is under review: the whole framework, some domains or roles, or the terms of reference.' })
  }
})
export type CreateRoundBody = z.infer<typeof CreateRoundBody>
export type CreateRoundInput = z.input<typeof CreateRoundBody>

/** PATCH /api/rounds/:id: the title and times; closing early is `closesAt` now. The scope and snapshot are fixed. */
export const UpdateRoundBody = z.strictObject({
  title: roundTitle.optional(),
  opensAt: instant('opening time').optional(),
  closesAt: instant('closing time').optional(),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Only the title, opensAt and closesAt of a round can change.' : undefined) })
export type UpdateRoundBody = z.infer<typeof UpdateRoundBody>

export const AddReviewerBody = z.object({
  email: z.email({ error: 'Give the reviewer\'s email address, for example ana@example.org.' }).trim().toLowerCase().max(254, 'That email address is too long.'),
})
export type AddReviewerBody = z.infer<typeof AddReviewerBody>

export const roundStates = ['upcoming', 'open', 'closed'] as const
export type RoundState = (typeof roundStates)[number]

export const RoundReviewer = z.object({
  email: z.string(),
  /** A member of the studio, or an outside reviewer with a reviewer account. */
  kind: z.enum(['member', 'outside']),
  name: z.string().nullable(),
  /** An outside reviewer who has not set up their account yet. */
  joined: z.boolean(),
  invitedAt: z.string(),
})
export type RoundReviewer = z.infer<typeof RoundReviewer>

export const Round = z.object({
  id: z.string(),
  title: z.string(),
  scope: RoundScope,
  matrixVersionId: z.string(),
  termsVersionId: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(roundStates),
  createdAt: z.string(),
  comments: z.number().int(),
  /** Comments still waiting for a disposition. */
  undisposed: z.number().int(),
  /** Organisers only: who was invited. */
  reviewers: z.array(RoundReviewer).optional(),
})
export type Round = z.infer<typeof Round>

export const RoundList = z.object({ rounds: z.array(Round) })
export type RoundList = z.infer<typeof RoundList>
export const RoundResponse = z.object({ round: Round })
export type RoundResponse = z.infer<typeof RoundResponse>
export const RoundIdParams = z.object({ id: z.string().min(1).max(100) })
export const RoundCommentIdParams = z.object({ id: z.string().min(1).max(100) })
/** One invited address of a round: the address as it was invited (lower case). */
export const RoundReviewerParams = z.object({
  id: z.string().min(1).max(100),
  email: z.string().trim().toLowerCase().min(1, 'Give the address the reviewer was invited with.').max(254, 'That email address is too long.'),
})
export type RoundReviewerParams = z.infer<typeof RoundReviewerParams>

/** The fixed text a round reviews, cut to its scope. */
export const RoundSnapshot = z.object({
  title: z.string(),
  levels: z.array(z.object({ rank: z.number().int(), name: z.string() })),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  domains: z.array(z.object({
    id: z.string(),
    name: z.string(),
    competencies: z.array(z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      cells: z.array(z.object({ roleId: z.string(), level: z.number().int().nullable(), note: z.string() })),
    })),
  })),
  /** The terms of reference as Markdown, one passage a paragraph; null when not under review. */
  terms: z.string().nullable(),
})
export type RoundSnapshot = z.infer<typeof RoundSnapshot>
export const RoundSnapshotResponse = z.object({ round: Round, snapshot: RoundSnapshot })
export type RoundSnapshotResponse = z.infer<typeof RoundSnapshotResponse>

/** Where a round comment sits: the round as a whole, a competency, a cell, or a passage of the terms (its words). */
export const RoundCommentTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('round') }),
  z.object({ kind: z.literal('competency'), competencyId: entityId }),
  z.object({ kind: z.literal('cell'), competencyId: entityId, roleId: entityId }),
  z.object({
    kind: z.literal('passage'),
    quote: z.string().trim().min(1, 'Choose the passage of the terms you comment on.').max(roundRules.quoteMax, `Quote at most ${roundRules.quoteMax} characters of the passage.`),
  }),
], { error: 'Say what the comment is on: round, competency, cell or passage.' })
export type RoundCommentTarget = z.infer<typeof RoundCommentTarget>

export const CreateRoundCommentBody = z.object({
  target: RoundCommentTarget,
  body: z.string({ error: 'Write the comment.' }).trim().min(1, 'Write the comment.').max(roundRules.commentMax, `Keep the comment to ${roundRules.commentMax} characters or fewer.`),
})
export type CreateRoundCommentBody = z.infer<typeof CreateRoundCommentBody>

export const dispositions = ['accepted', 'partly-accepted', 'rejected', 'deferred'] as const
export type Disposition = (typeof dispositions)[number]
export const dispositionLabels: Record<Disposition, string> = {
  accepted: 'Accepted',
  'partly-accepted': 'Partly accepted',
  rejected: 'Rejected',
  deferred: 'Deferred',
}

/** PUT /api/comments/:id/disposition */
export const DispositionBody = z.object({
  disposition: z.enum(dispositions, { error: `Choose a disposition: ${dispositions.join(', ')}.` }),
  response: z.string({ error: 'Write the response to the comment.' }).trim().min(1, 'Write the response to the comment: what was done, or why not.')
    .max(roundRules.responseMax, `Keep the response to ${roundRules.responseMax} characters or fewer.`),
})
export type DispositionBody = z.infer<typeof DispositionBody>

export const RoundComment = z.object({
  id: z.string(),
  roundId: z.string(),
  /** 1, 2, … within the round, as the disposition report cites it. */
  number: z.number().int(),
  target: RoundCommentTarget,
  /** Where it sits, in words: "Stakeholder engagement × PMO analyst". */
  targetLabel: z.string(),
  author: z.object({ name: z.string(), kind: z.enum(['member', 'outside']), self: z.boolean() }),
  body: z.string(),
  createdAt: z.string(),
  disposition: z.enum(dispositions).nullable(),
  response: z.string().nullable(),
  disposedAt: z.string().nullable(),
})
export type RoundComment = z.infer<typeof RoundComment>
export const RoundCommentList = z.object({ comments: z.array(RoundComment) })
export type RoundCommentList = z.infer<typeof RoundCommentList>
export const RoundCommentResponse = z.object({ comment: RoundComment })
export type RoundCommentResponse = z.infer<typeof RoundCommentResponse>

/** An outside reviewer's own account, as they see it. */
export const ReviewerAccount = z.object({ id: z.string(), name: z.string(), email: z.string(), credit: CreditChoice })
export type ReviewerAccount = z.infer<typeof ReviewerAccount>
export const ReviewerResponse = z.object({ reviewer: ReviewerAccount })
export type ReviewerResponse = z.infer<typeof ReviewerResponse>

export const ReviewerInviteParams = z.object({ token: z.string().min(10).max(100) })
/** GET /api/review/invites/:token: who the link is for, before they set up. */
export const ReviewerInvite = z.object({ email: z.string(), rounds: z.array(z.string()) })
export type ReviewerInvite = z.infer<typeof ReviewerInvite>

const password = z.string({ error: 'Choose a password of at least 12 characters.' })
  .min(roundRules.passwordMin, `Choose a password of at least ${roundRules.passwordMin} characters.`)
  .max(roundRules.passwordMax, `Keep the password to ${roundRules.passwordMax} characters or fewer.`)
const reviewerName = z.string({ error: 'Give your name as reviewers are shown.' }).trim().min(1, 'Give your name as reviewers are shown.')
  .max(roundRules.nameMax, `Keep your name to ${roundRules.nameMax} characters or fewer.`)

/** POST /api/review/invites/:token: set up the reviewer account from the mailed link. */
export const AcceptReviewerInviteBody = z.object({ name: reviewerName, password, credit: CreditChoice.default('name') })
export type AcceptReviewerInviteBody = z.infer<typeof AcceptReviewerInviteBody>
export type AcceptReviewerInviteInput = z.input<typeof AcceptReviewerInviteBody>

export const ReviewerSignInBody = z.object({
  email: z.email({ error: 'Give the email address your invitation was sent to.' }).trim().toLowerCase(),
  password: z.string({ error: 'Give your password.' }).min(1, 'Give your password.').max(roundRules.passwordMax),
})
export type ReviewerSignInBody = z.infer<typeof ReviewerSignInBody>

export const UpdateReviewerBody = z.strictObject({ name: reviewerName.optional(), credit: CreditChoice.optional() }, {
  error: (issue) => (issue.code === 'unrecognized_keys' ? 'Only your name and credit can change here.' : undefined),
})
export type UpdateReviewerBody = z.infer<typeof UpdateReviewerBody>

export const roundPaths = {
  list: '/api/rounds',
  round: (id: string) => `/api/rounds/${encodeURIComponent(id)}`,
  snapshot: (id: string) => `/api/rounds/${encodeURIComponent(id)}/snapshot`,
  reviewers: (id: string) => `/api/rounds/${encodeURIComponent(id)}/reviewers`,
  reviewer: (id: string, email: string) => `/api/rounds/${encodeURIComponent(id)}/reviewers/${encodeURIComponent(email)}`,
  comments: (id: string) => `/api/rounds/${encodeURIComponent(id)}/comments`,
  disposition: (commentId: string) => `/api/comments/${encodeURIComponent(commentId)}/disposition`,
  report: (id: string, format: 'md' | 'html' | 'csv') => `/api/rounds/${encodeURIComponent(id)}/dispositions.${format}`,
  reviewerInvite: (token: string) => `/api/review/invites/${encodeURIComponent(token)}`,
  reviewerSession: '/api/review/session',
  reviewerMe: '/api/review/me',
  /** The web app's pages for reviewers. */
  reviewerJoinPage: (token: string) => `/review/join/${encodeURIComponent(token)}`,
  reviewerRoundPage: (id: string) => `/review/rounds/${encodeURIComponent(id)}`,
  memberRoundPage: (id: string) => `/rounds/${encodeURIComponent(id)}`,
} as const
