/**
 * What changed since a member last saw each document with history: the compare from the
 * version they saw to now (counted as a person reads it), who changed it, comments written and
 * resolved since, a meeting's decisions recorded since; and their open actions. Documents are
 * read one after another: fine for the tens of meetings a working group holds (as "My actions").
 */
import {
  DocumentName, documentAccess, hasNews, historyKindOf, type ActivityAction, type ActivityDecision, type DocumentActivity, type HistoryKind, type NamedMember, type Role, type VersionSummary,
} from '@studio/contract'
import { meetingDocumentName, readActions, readDecisions, readMeetings, summarizeChanges } from '@studio/framework'
import * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import type { History } from '../history/history.ts'
import type { Store } from '../store/database.ts'
import { commentsSince, contributorIdsSince, versionSeen, visitsOf, type Visit } from './visits-store.ts'

export interface ActivityMember {
  id: string
  role: Role
}

/** A document with history as the What's new page lists it. */
export interface TrackedDocument {
  name: string
  kind: HistoryKind
  title: string
  link: string
}

export interface Activity {
  /** Every document with history in the studio now: the terms, the matrix, each meeting in the index. */
  trackedDocuments(): Promise<TrackedDocument[]>
  forDocument(member: ActivityMember, document: TrackedDocument, visit?: Visit): Promise<DocumentActivity>
  forMember(member: ActivityMember): Promise<{ documents: DocumentActivity[]; actions: ActivityAction[] }>
  visitsOf(memberId: string): Promise<Map<string, Visit>>
}

const meetingLink = (id: string) => `/meetings/${encodeURIComponent(id)}`

/** The one number a person reads in a summary: words added and removed, things added, changed or archived. */
export function changeCount(summary: VersionSummary): number {
  const counts = (c: { added: number; changed: number; archived: number }) => c.added + c.changed + c.archived
  if (summary.kind === 'text') return summary.wordsAdded + summary.wordsRemoved
  if (summary.kind === 'meeting') return summary.wordsAdded + summary.wordsRemoved + counts(summary.decisions) + counts(summary.actions)
  return counts(summary.cells) + counts(summary.competencies) + counts(summary.roles) + counts(summary.domains) + counts(summary.pmoTypes)
}

export function createActivity(context: { store: Store; history: History; serverChanges: ServerChanges }): Activity {
  const { store, history, serverChanges } = context

  async function people(ids: string[]): Promise<NamedMember[]> {
    if (ids.length === 0) return []
    const rows = await store.db.selectFrom('members').select(['id', 'name']).where('id', 'in', ids).execute()
    const names = new Map(rows.map((row) => [row.id, row.name]))
    return ids.map((id) => ({ id, name: names.get(id) ?? 'A former member' }))
  }

  /** The document now, and a meeting's decisions and the member's open actions in it, in one read. */
  const readNow = (document: TrackedDocument, memberId: string) => serverChanges.read(document.name, (doc) => ({
    state: Y.encodeStateAsUpdate(doc),
    decisions: document.kind === 'meeting' ? readDecisions(doc) : [],
    actions: document.kind === 'meeting' ? readActions(doc).filter((action) => action.ownerId === memberId && !action.done) : [],
  }))

  async function describeDocument(member: ActivityMember, document: TrackedDocument, visit: Visit | undefined) {
    const now = await readNow(document, member.id)
    const seen = visit ? await versionSeen(store.db, visit) : null
    const since = visit?.seenAt ?? null
    let summary: VersionSummary | null = null
    let contributors: NamedMember[] = []
    if (seen) {
      summary = summarizeChanges(document.kind, await history.changesBetween(document.kind, seen.version.state, now.state))
      if (changeCount(summary) > 0) contributors = await people(await contributorIdsSince(store.db, document.name, seen.approximate ? seen.version.createdAt : since!))
    }
    const decisions: ActivityDecision[] = now.decisions
      .filter((decision) => since === null || decision.createdAt > since)
      .map((decision) => ({ id: decision.id, text: decision.text, createdAt: decision.createdAt }))
    const activity: DocumentActivity = {
      name: document.name,
      kind: document.kind,
      title: document.title,
      lastSeenAt: since,
      since: seen ? await history.describe(seen.version) : null,
      sinceApproximate: seen?.approximate ?? false,
      changes: summary ? changeCount(summary) : 0,
      summary,
      contributors,
      comments: await commentsSince(store.db, document.name, member.id, since),
      decisions,
      link: document.link,
    }
    return { activity, actions: now.actions }
  }

  const activity: Activity = {
    async trackedDocuments() {
      const meetings = await serverChanges.read(DocumentName.meetings, (doc) => readMeetings(doc))
      return [
        { name: DocumentName.termsOfReference, kind: 'terms-of-reference', title: 'Terms of reference', link: '/terms-of-reference' },
        { name: DocumentName.competencyMatrix, kind: 'competency-matrix', title: 'Competency matrix', link: '/competency-matrix' },
        ...meetings
          .map((meeting) => ({ name: meetingDocumentName(meeting.id), kind: 'meeting' as const, title: meeting.title, link: meetingLink(meeting.id) }))
          .filter((meeting) => historyKindOf(meeting.name) === 'meeting'),
      ]
    },
    async forDocument(member, document, visit) {
      return (await describeDocument(member, document, visit)).activity
    },
    async forMember(member) {
      const visits = await visitsOf(store.db, member.id)
      const documents: DocumentActivity[] = []
      const actions: ActivityAction[] = []
      for (const document of await activity.trackedDocuments()) {
        if (documentAccess(document.name, member.role, member.id) === 'none') continue
        const described = await describeDocument(member, document, visits.get(document.name))
        documents.push(described.activity)
        const meetingId = document.name.slice('meeting:'.length)
        for (const action of described.actions) {
          actions.push({ meetingId, meetingTitle: document.title, actionId: action.id, text: action.text, due: action.due, link: document.link })
        }
      }
      // Something new first; otherwise the terms, the matrix, then the meetings in the index's order.
      documents.sort((a, b) => Number(hasNews(b)) - Number(hasNews(a)))
      // Soonest due first, undated last; a stable sort keeps meeting order otherwise.
      actions.sort((a, b) => (a.due === b.due ? 0 : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1))
      return { documents, actions }
    },
    visitsOf: (memberId) => visitsOf(store.db, memberId),
  }
  return activity
}
