/**
 * Self-assessment and gap analysis (issue 17). Each member rates themselves, privately, in
 * their `assessment:<memberId>` document against a public release; the settings here say
 * which release, their current role, PMO type and target role, and whether they share their
 * ratings with the group's aggregates. The gap analysis, exports, carrying to a newer release
 * and the hard-to-judge feedback are routes of their own; organisers see only aggregates of
 * those who share, and only figures at least `insightsThreshold` members contributed to.
 */
import { z } from 'zod'

export const assessmentRules = { idMax: 128, feedbackNoteMax: 2000 } as const
/** A figure fewer members than this contributed to is withheld (null). */
export const insightsThreshold = 5

export const assessmentPaths = {
  mine: '/api/assessment',
  gaps: '/api/assessment/gaps',
  exportFile: (format: AssessmentExportFormat) => `/api/assessment/export.${format}`,
  carry: '/api/assessment/carry',
  feedback: '/api/assessment/feedback',
  insights: '/api/insights',
} as const

/** How a comment sent without its author's name shows its author, everywhere. */
export const anonymousAuthor = { id: 'anonymous', name: 'Anonymous (from a self-assessment)' } as const

export const assessmentDocumentName = (memberId: string): string => `assessment:${memberId}`

export const assessmentExportFormats = ['csv', 'json', 'html'] as const
export type AssessmentExportFormat = (typeof assessmentExportFormats)[number]

const optionalId = (what: string) => z.string({ error: `Choose ${what} by its id, or null for none.` })
  .trim().min(1, `Choose ${what} by its id, or null for none.`).max(assessmentRules.idMax, `That is not an id of ${what}.`).nullable()

/** PATCH /api/assessment: any of the fields; each is checked against the release. */
export const AssessmentSettingsPatch = z.object({
  releaseId: z.string({ error: 'Choose the release to assess against by its id.' }).trim().min(1, 'Choose the release to assess against by its id.').max(100, 'That is not a release id.').optional(),
  currentRole: optionalId('your current role').optional(),
  pmoType: optionalId('your PMO type').optional(),
  targetRole: optionalId('the role you aim for').optional(),
  share: z.boolean({ error: 'Say true to share your ratings with the group\'s aggregates, false not to.' }).optional(),
}).strict()
export type AssessmentSettingsPatch = z.infer<typeof AssessmentSettingsPatch>

export const AssessmentSettings = z.object({
  /** Null only while there is no public release to assess against. */
  releaseId: z.string().nullable(),
  currentRole: z.string().nullable(),
  pmoType: z.string().nullable(),
  targetRole: z.string().nullable(),
  share: z.boolean(),
})
export type AssessmentSettings = z.infer<typeof AssessmentSettings>

const Named = z.object({ id: z.string(), name: z.string() })

export const AssessableIndicator = z.object({ id: z.string(), text: z.string() })
export const AssessableDescriptor = z.object({ rank: z.number().int(), summary: z.string(), indicators: z.array(AssessableIndicator) })
export const AssessableCompetency = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Only levels that have a summary or indicators. */
  descriptors: z.array(AssessableDescriptor),
  /** roleId -> expected rank (null: none set). */
  expectations: z.record(z.string(), z.number().int().nullable()),
  /** pmoTypeId -> roleId -> expected rank, where the PMO type overrides the general expectation. */
  overrides: z.record(z.string(), z.record(z.string(), z.number().int().nullable())),
})
export type AssessableCompetency = z.infer<typeof AssessableCompetency>
export const AssessableDomain = Named.extend({ competencies: z.array(AssessableCompetency) })
export type AssessableDomain = z.infer<typeof AssessableDomain>

/** What a member assesses against: a release's framework, archived entries left out. */
export const AssessableFramework = z.object({
  title: z.string(),
  levels: z.array(z.object({ rank: z.number().int(), name: z.string(), description: z.string() })),
  roles: z.array(Named),
  pmoTypes: z.array(Named),
  domains: z.array(AssessableDomain),
})
export type AssessableFramework = z.infer<typeof AssessableFramework>

export const AssessmentRelease = z.object({ id: z.string(), name: z.string(), slug: z.string(), createdAt: z.string() })
export type AssessmentRelease = z.infer<typeof AssessmentRelease>

export const FeedbackSummary = z.object({ competencyId: z.string(), commentId: z.string(), anonymous: z.boolean(), createdAt: z.string() })
export type FeedbackSummary = z.infer<typeof FeedbackSummary>

/** GET and PATCH /api/assessment. */
export const MyAssessment = z.object({
  /** The assessment's Yjs document (open it with the collaboration provider). */
  document: z.string(),
  settings: AssessmentSettings,
  /** The release assessed against and its framework; null while there is no public release. */
  release: AssessmentRelease.nullable(),
  framework: AssessableFramework.nullable(),
  /** The public releases to choose from, newest first. */
  releases: z.array(AssessmentRelease),
  /** Hard-to-judge feedback the member sent from this assessment. */
  feedback: z.array(FeedbackSummary),
})
export type MyAssessment = z.infer<typeof MyAssessment>

export const GapRow = z.object({
  domainId: z.string(),
  domain: z.string(),
  competencyId: z.string(),
  competency: z.string(),
  ownLevel: z.number().int().nullable(),
  currentExpected: z.number().int().nullable(),
  targetExpected: z.number().int().nullable(),
  /** Expected minus own: positive is a gap to close, null when either is missing. */
  currentGap: z.number().int().nullable(),
  targetGap: z.number().int().nullable(),
  indicatorsMet: z.number().int(),
  evidence: z.string(),
  review: z.boolean(),
})
export type GapRow = z.infer<typeof GapRow>

export const DevelopmentItem = z.object({
  competencyId: z.string(),
  competency: z.string(),
  domain: z.string(),
  ownLevel: z.number().int().nullable(),
  /** Against the target role where one is chosen, else the current role. */
  expected: z.number().int(),
  gap: z.number().int(),
  /** The level above the member's own, with its descriptor; null at the top of the scale. */
  nextLevel: z.object({ rank: z.number().int(), name: z.string(), summary: z.string(), indicators: z.array(z.string()) }).nullable(),
})
export type DevelopmentItem = z.infer<typeof DevelopmentItem>

/** GET /api/assessment/gaps (and the JSON export). */
export const GapAnalysis = z.object({
  release: AssessmentRelease,
  settings: AssessmentSettings,
  roles: z.object({ current: Named.nullable(), target: Named.nullable(), pmoType: Named.nullable() }),
  levels: z.array(z.object({ rank: z.number().int(), name: z.string() })),
  rows: z.array(GapRow),
  /** The largest gaps first, at most ten. */
  development: z.array(DevelopmentItem),
})
export type GapAnalysis = z.infer<typeof GapAnalysis>

/** POST /api/assessment/carry */
export const CarryBody = z.object({
  releaseId: z.string({ error: 'Choose the release to carry your assessment to by its id.' }).trim().min(1, 'Choose the release to carry your assessment to by its id.').max(100, 'That is not a release id.'),
}).strict()
export type CarryBody = z.infer<typeof CarryBody>

const CarriedCompetency = z.object({ id: z.string(), name: z.string() })
export const CarryReport = z.object({
  from: AssessmentRelease.nullable(),
  to: AssessmentRelease,
  /** Same name, description, descriptors and indicators: the rating is kept as it was. */
  kept: z.array(CarriedCompetency),
  /** In both releases but changed: the rating is kept and flagged for review (a level the new scale lacks is cleared). */
  changed: z.array(CarriedCompetency),
  /** Only in the new release: not rated yet. */
  added: z.array(CarriedCompetency),
  /** Only in the old release: the rating stays in the document but counts nowhere. */
  removed: z.array(CarriedCompetency),
})
export type CarryReport = z.infer<typeof CarryReport>
export const CarryResponse = z.object({ report: CarryReport, assessment: MyAssessment })
export type CarryResponse = z.infer<typeof CarryResponse>

/** POST /api/assessment/feedback: "this was hard to judge", which becomes a comment on the competency in the matrix. */
export const FeedbackBody = z.object({
  competencyId: z.string({ error: 'Name the competency the feedback is about.' }).trim().min(1, 'Name the competency the feedback is about.').max(assessmentRules.idMax, 'That is not a competency id.'),
  note: z.string({ error: 'Say what made it hard to judge.' }).trim().min(1, 'Say what made it hard to judge.')
    .max(assessmentRules.feedbackNoteMax, `Keep the note to ${assessmentRules.feedbackNoteMax} characters or fewer.`)
    .refine((note) => !note.includes('\u0000'), 'Remove the NUL character from the note.'),
  anonymous: z.boolean({ error: 'Say true to send it without your name, false to sign it.' }),
}).strict()
export type FeedbackBody = z.infer<typeof FeedbackBody>
export const FeedbackResponse = z.object({ feedback: FeedbackSummary })

export const InsightRow = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  roleName: z.string(),
  /** rank (as a string) -> how many sharing members in the role rated themselves there; null when fewer than 5 contributed. */
  distribution: z.record(z.string(), z.number().int()).nullable(),
  /** How many sharing members flagged the competency as hard to judge (any role); null when fewer than 5. */
  hardToJudge: z.number().int().nullable(),
})
export type InsightRow = z.infer<typeof InsightRow>

export const InsightsQuery = z.object({ releaseId: z.string().min(1).max(100).optional() })
/** GET /api/insights (organisers): aggregates only. */
export const Insights = z.object({
  release: AssessmentRelease.nullable(),
  threshold: z.number().int(),
  levels: z.array(z.object({ rank: z.number().int(), name: z.string() })),
  competencies: z.array(InsightRow),
})
export type Insights = z.infer<typeof Insights>
