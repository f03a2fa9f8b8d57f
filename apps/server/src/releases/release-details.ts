/**
 * What a release's page shows besides its notes: the framework's title, licence and version
 * as released, the changes from the release before (the history's compare of the two
 * releases' versions, as counts and a readable list) and who made them (the credits' member
 * ids, by kind of contribution). A release's details depend only on it and the release
 * before it, so they are kept in memory by that pair; names and credit choices are read at
 * each rendering (release-credits.ts), since members may change them.
 */
import { historyKindOf, type ContributionKind, type HistoryChange, type ReleaseChanges, type VersionSummary } from '@studio/contract'
import { documentFromState, summarizeChanges, toExchange } from '@studio/framework'
import * as Y from 'yjs'
import type { History } from '../history/history.ts'
import { acceptedAuthorsBetween } from '../proposals/proposals-repository.ts'
import type { Store } from '../store/database.ts'
import type { ReleaseRow } from './releases-repository.ts'
import { matrixDocument, termsDocument } from './releases.ts'

export interface ReleasedFramework {
  title: string
  licence: string
  version: string
  status: string
  domains: number
  competencies: number
  roles: number
}

export interface ReleaseDetails {
  framework: ReleasedFramework
  changes: ReleaseChanges
  /** The changes, one sentence each, matrix first (at most `listedChangesMax`). */
  changeList: string[]
  /** Changes left out of `changeList`. */
  moreChanges: number
  /** Member ids credited, by kind of contribution. */
  credits: Record<ContributionKind, string[]>
}

export const listedChangesMax = 150

const emptyState = Y.encodeStateAsUpdate(new Y.Doc())

function releasedFramework(state: Uint8Array): ReleasedFramework {
  const doc = documentFromState(state)
  try {
    const framework = toExchange(doc)
    return {
      title: framework.title,
      licence: framework.licence ?? '',
      version: framework.version ?? '',
      status: framework.status ?? '',
      domains: framework.domains.length,
      competencies: framework.domains.reduce((sum, domain) => sum + domain.competencies.length, 0),
      roles: framework.roles.length,
    }
  } finally {
    doc.destroy()
  }
}

const levelOf = (value: { level: number | null } | null) => (value?.level == null ? 'none' : `level ${value.level}`)
const entityWords = { domain: 'Domain', competency: 'Competency', role: 'Role', pmoType: 'PMO type' } as const

/** One change in a sentence, for people reading the release page. */
export function describeChange(change: HistoryChange): string {
  switch (change.type) {
    case 'cell': {
      const where = `${change.competency} for ${change.role}${change.pmoType ? ` in a ${change.pmoType}` : ''}`
      const levels = levelOf(change.from) === levelOf(change.to) ? 'note changed' : `${levelOf(change.from)} → ${levelOf(change.to)}`
      return `${where}: ${levels}`
    }
    case 'entity': {
      const what = `${entityWords[change.entity]} “${change.name}”`
      if (change.change !== 'changed') return `${what} ${change.change}`
      const parts = [
        change.renamed ? `renamed from “${change.renamed.from}”` : null,
        change.described ? 'description changed' : null,
        change.moved ? 'moved' : null,
      ].filter((part): part is string => part !== null)
      return `${what}: ${parts.join(', ') || 'changed'}`
    }
    case 'level': return `Level ${change.rank} of the scale ${change.change}${change.name && change.change === 'changed' ? ` (now “${change.name.to}”)` : ''}`
    case 'meta': return `The framework's ${change.field} changed from “${change.from}” to “${change.to}”`
    case 'text': return `Terms of reference: ${change.wordsAdded} words added, ${change.wordsRemoved} removed`
    case 'decision': case 'action': return `${change.type} “${change.text}” ${change.change}`
  }
}

/** The versions of `document` made after `from` (exclusive) up to `to` (inclusive): whose contributors a release credits. */
async function contributorsBetween(store: Store, document: string, from: string | null, to: string): Promise<string[]> {
  let query = store.db.selectFrom('document_versions').select('contributors').where('document', '=', document).where('created_at', '<=', to)
  if (from !== null) query = query.where('created_at', '>', from)
  const rows = await query.execute()
  return rows.flatMap((row) => JSON.parse(row.contributors) as string[])
}

async function documentChanges(context: { store: Store; history: History }, document: string, previousId: string | null, currentId: string | null) {
  const current = currentId ? await context.history.find(currentId) : null
  if (!current) return { changes: [] as HistoryChange[], people: [] as string[] }
  const previous = previousId ? await context.history.find(previousId) : null
  const { changes, people } = await context.history.compare(document, previous?.state ?? emptyState, current.state)
  const versionContributors = await contributorsBetween(context.store, document, previous?.createdAt ?? null, current.createdAt)
  return { changes, people: [...new Set([...people.map((person) => person.id), ...versionContributors])].sort() }
}

export async function releaseDetails(context: { store: Store; history: History }, release: ReleaseRow, previous: ReleaseRow | null): Promise<ReleaseDetails> {
  const matrixVersion = await context.history.find(release.matrix_version_id)
  if (!matrixVersion) throw new Error(`release ${release.id} names a matrix version that is gone`)
  const matrix = await documentChanges(context, matrixDocument, previous?.matrix_version_id ?? null, release.matrix_version_id)
  const terms = await documentChanges(context, termsDocument, previous?.terms_version_id ?? null, release.terms_version_id)
  const matrixSummary = summarizeChanges(historyKindOf(matrixDocument)!, matrix.changes) as Extract<VersionSummary, { kind: 'matrix' }>
  const termsSummary = summarizeChanges(historyKindOf(termsDocument)!, terms.changes) as Extract<VersionSummary, { kind: 'text' }>
  const all = [...matrix.changes, ...terms.changes].map(describeChange)
  return {
    framework: releasedFramework(matrixVersion.state),
    changes: { matrix: matrixSummary, terms: { wordsAdded: termsSummary.wordsAdded, wordsRemoved: termsSummary.wordsRemoved } },
    changeList: all.slice(0, listedChangesMax),
    moreChanges: Math.max(0, all.length - listedChangesMax),
    // Rounds are read at each rendering (public-routes.ts), since a round's close may still move;
    // proposals accepted after the release before and up to this one are fixed once decided (proposals/).
    credits: { matrix: matrix.people, terms: terms.people, reviewed: [], proposed: await acceptedAuthorsBetween(context.store.db, previous?.created_at ?? null, release.created_at) },
  }
}

/** Details kept by release and the release before it (both fixed once made), the newest few. */
export class ReleaseDetailsCache {
  private readonly entries = new Map<string, Promise<ReleaseDetails>>()
  private readonly limit: number

  constructor(limit = 50) {
    this.limit = limit
  }

  get(release: ReleaseRow, previous: ReleaseRow | null, make: () => Promise<ReleaseDetails>): Promise<ReleaseDetails> {
    const key = `${release.id}:${previous?.id ?? ''}`
    let entry = this.entries.get(key)
    if (!entry) {
      entry = make()
      entry.catch(() => this.entries.delete(key))
      this.entries.set(key, entry)
      if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!)
    }
    return entry
  }
}
