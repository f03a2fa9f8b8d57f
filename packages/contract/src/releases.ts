/**
 * Releases and the public framework page (issue 16, points 3–5). An organiser releases a
 * version of the competency matrix (a `document_versions` id, or `now` to capture one) with
 * a name and notes; the terms of reference's latest version at that moment is pinned with
 * it. Members may read the list; organisers release and withdraw. The public page
 * (`/framework`, no sign-in) shows every release that is not withdrawn, with its downloads,
 * the changes from the release before and its credits.
 */
import { z } from 'zod'
import { NamedMember, type VersionSummary } from './history.ts'

export const releaseRules = { nameMax: 80, notesMax: 5000 } as const

/** POST /api/releases */
export const CreateReleaseBody = z.object({
  versionId: z.string({ error: 'Choose the version of the matrix to release, or now for the matrix as it is.' })
    .trim().min(1, 'Choose the version of the matrix to release, or now for the matrix as it is.').max(100, 'That is not a version id.'),
  name: z.string({ error: 'Name the release, for example 0.1 consultation draft or 1.0.' })
    .trim().min(1, 'Name the release, for example 0.1 consultation draft or 1.0.')
    .max(releaseRules.nameMax, `Keep the release's name to ${releaseRules.nameMax} characters or fewer.`)
    .regex(/[\p{L}\p{N}]/u, 'Put at least one letter or digit in the release\'s name.'),
  notes: z.string({ error: 'Write the release notes as text, or leave them empty.' })
    .max(releaseRules.notesMax, `Keep the release notes to ${releaseRules.notesMax} characters or fewer.`).default(''),
})
export type CreateReleaseBody = z.infer<typeof CreateReleaseBody>
export type CreateReleaseInput = z.input<typeof CreateReleaseBody>

/** `versionId` meaning "the matrix as it is now": the release captures a named version first. */
export const releaseCurrentMatrix = 'now'

export const Release = z.object({
  id: z.string(),
  /** The release's address on the public page: `/framework/<slug>`. */
  slug: z.string(),
  name: z.string(),
  notes: z.string(),
  matrixVersionId: z.string(),
  termsVersionId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: NamedMember,
  /** The public page's path for this release. */
  publicPath: z.string(),
})
export type Release = z.infer<typeof Release>

/** GET /api/releases: newest first, withdrawn ones left out. */
export const ReleaseList = z.object({ releases: z.array(Release) })
export type ReleaseList = z.infer<typeof ReleaseList>

export const ReleaseResponse = z.object({ release: Release })
export type ReleaseResponse = z.infer<typeof ReleaseResponse>

export const ReleaseIdParams = z.object({ id: z.string().min(1).max(100) })

/** `/framework/:release`: a release's slug or id. */
export const PublicReleaseParams = z.object({ release: z.string().min(1).max(200) })

/** The files a release is downloaded as, `/framework/:release/framework.<format>`. */
export const frameworkFileFormats = ['json', 'csv', 'xlsx', 'case.json', 'html', 'docx'] as const
export type FrameworkFileFormat = (typeof frameworkFileFormats)[number]

/** How a member is named in a release's credits: by their name, their initials, or not at all. */
export const creditChoices = ['name', 'initials', 'none'] as const
export const CreditChoice = z.enum(creditChoices, { error: `Choose how releases credit you: ${creditChoices.join(', ')}.` })
export type CreditChoice = z.infer<typeof CreditChoice>

/**
 * Kinds of contribution a release credits. Changes to the matrix and the terms come from
 * the history; `reviewed` from the consultation rounds closed within the release (rounds.ts);
 * `proposed` from the proposals accepted within it (proposals.ts).
 */
export const contributionKinds = ['matrix', 'terms', 'reviewed', 'proposed'] as const
export type ContributionKind = (typeof contributionKinds)[number]

/** The changes from the release before (or from nothing, for the first), as counts. */
export interface ReleaseChanges {
  matrix: Extract<VersionSummary, { kind: 'matrix' }>
  terms: { wordsAdded: number; wordsRemoved: number }
}

export const releasePaths = {
  list: '/api/releases',
  withdraw: (id: string) => `/api/releases/${encodeURIComponent(id)}/withdraw`,
  publicPage: '/framework',
  publicRelease: (slug: string) => `/framework/${encodeURIComponent(slug)}`,
  publicFile: (slug: string, format: FrameworkFileFormat) => `/framework/${encodeURIComponent(slug)}/framework.${format}`,
} as const
