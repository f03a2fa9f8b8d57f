/**
 * Catching up (issue 14): what changed in each document with history since the member last
 * saw it ("since you were here"), and the home page that lists it all ("What's new").
 *
 * - GET /api/activity: every document with history the member may read (the terms of
 *   reference, the competency matrix, each meeting in the index), with what changed since
 *   they last saw it, plus their open actions.
 * - GET /api/documents/:name/last-seen: the same entry for one document, for the banner a
 *   page shows on opening it.
 *
 * `lastSeenAt` is null when the member never opened the document; `since` is the version
 * holding what they saw (or, when thinning removed it, the newest version at or before
 * `lastSeenAt`: `sinceApproximate` is then true). `changes` counts what a person reads in
 * `summary`: words added plus words removed, matrix cells and rows added, changed or
 * archived, a meeting's words, decisions and actions; 0 when nothing changed, and 0 with
 * `summary` null when the member never opened it (there is nothing to compare from).
 * `contributors` are the members whose edits the studio logged since `lastSeenAt` (best
 * effort: the studio's own starting text names no one). `comments` counts comments written
 * and threads resolved since (all open ones count as new when never seen); `decisions` lists
 * a meeting's decisions recorded since.
 */
import { z } from 'zod'
import { historyKinds, NamedMember, Version, VersionSummary } from './history.ts'

export const ActivityComments = z.object({ new: z.number().int(), resolved: z.number().int() })
export type ActivityComments = z.infer<typeof ActivityComments>

export const ActivityDecision = z.object({ id: z.string(), text: z.string(), createdAt: z.string() })
export type ActivityDecision = z.infer<typeof ActivityDecision>

export const DocumentActivity = z.object({
  /** The document's name (`terms-of-reference`, `competency-matrix`, `meeting:<id>`). */
  name: z.string(),
  kind: z.enum(historyKinds),
  title: z.string(),
  lastSeenAt: z.string().nullable(),
  since: Version.nullable(),
  sinceApproximate: z.boolean(),
  changes: z.number().int(),
  summary: VersionSummary.nullable(),
  contributors: z.array(NamedMember),
  comments: ActivityComments,
  decisions: z.array(ActivityDecision),
  /** The page's path in the web app. */
  link: z.string(),
})
export type DocumentActivity = z.infer<typeof DocumentActivity>

export const ActivityAction = z.object({
  meetingId: z.string(),
  meetingTitle: z.string(),
  actionId: z.string(),
  text: z.string(),
  due: z.string().nullable(),
  link: z.string(),
})
export type ActivityAction = z.infer<typeof ActivityAction>

/** GET /api/activity: documents with something new first (most changed first), then the rest. */
export const ActivityResponse = z.object({
  documents: z.array(DocumentActivity),
  /** Open actions owned by the member, soonest due first. */
  actions: z.array(ActivityAction),
})
export type ActivityResponse = z.infer<typeof ActivityResponse>

/** GET /api/documents/:name/last-seen */
export const LastSeenResponse = z.object({ document: DocumentActivity })
export type LastSeenResponse = z.infer<typeof LastSeenResponse>

export const activityPaths = {
  activity: '/api/activity',
  lastSeen: (documentName: string) => `/api/documents/${encodeURIComponent(documentName)}/last-seen`,
} as const

/** Whether there is anything to tell: changes, comments or decisions since the member was last here. */
export function hasNews(activity: Pick<DocumentActivity, 'changes' | 'comments' | 'decisions'>): boolean {
  return activity.changes > 0 || activity.comments.new > 0 || activity.comments.resolved > 0 || activity.decisions.length > 0
}
