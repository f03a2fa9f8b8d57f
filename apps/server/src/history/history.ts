/**
 * The history service: captures versions (by hand, automatically when a document falls
 * quiet, before an import or a restore, at a meeting's scheduled end), thins them after each
 * capture, restores one through the one append path, and reads versions and compares for
 * the routes. The document model (content, compare, restore, thinning) is @studio/framework's
 * history; the table is version-store.ts.
 */
import { historyKindOf, type HistoryChange, type HistoryKind, type NamedMember, type Version, type VersionKind } from '@studio/contract'
import { restoreUpdate, summarizeChanges, thinVersions } from '@studio/framework'
import type { FastifyBaseLogger } from 'fastify'
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import { PerDocumentQueue } from '../collab/per-document-queue.ts'
import { createCompareThread } from './compare-thread.ts'
import type { Store } from '../store/database.ts'
import { findVersion, thinVersionsAway, insertVersion, latestState, listVersions, loggedEntries, thinningCandidates, type StoredVersion } from './version-store.ts'

export interface CaptureOptions {
  name?: string | null
  restoredFrom?: string | null
  restoredBy?: string | null
  /** Skip the capture when nothing changed since the latest version (automatic captures). */
  onlyIfChanged?: boolean
}

export interface History {
  /** Captures the document's current state as a version; null when `onlyIfChanged` and nothing changed. */
  capture(document: string, kind: VersionKind, options?: CaptureOptions): Promise<StoredVersion | null>
  list(document: string): Promise<Version[]>
  describe(version: StoredVersion): Promise<Version>
  find(id: string): Promise<(StoredVersion & { state: Uint8Array }) | null>
  /** The changes from one state to another (or now), and who each author id is. */
  compare(document: string, fromState: Uint8Array, toState: Uint8Array | 'now'): Promise<{ changes: HistoryChange[]; people: NamedMember[] }>
  /** The changes from one stored state to another, without authors (compared off the studio's thread). */
  changesBetween(kind: HistoryKind, older: Uint8Array | null, newer: Uint8Array): Promise<HistoryChange[]>
  /** The current state of a document (the live one when loaded). */
  currentState(document: string): Promise<Uint8Array>
  /** Captures a before-restore version, then applies the restore as `memberId`'s change; returns the before-restore version. */
  restore(document: string, version: StoredVersion & { state: Uint8Array }, memberId: string): Promise<StoredVersion>
  /**
   * Runs `work` while no capture, and so no thinning, runs on these documents on this
   * instance: a release checks its versions exist and records them in one such turn, so
   * thinning either ran before (the check sees it) or runs after (and sees the release).
   * `work` must not capture these documents itself.
   */
  withoutThinning<T>(documents: readonly string[], work: () => Promise<T>): Promise<T>
  /** Stops the thread comparisons run on. */
  close(): Promise<void>
}

export function createHistory(context: { store: Store; serverChanges: ServerChanges; log: FastifyBaseLogger }): History {
  const { store, serverChanges } = context
  // One capture at a time per document, so two captures never read the same "version before".
  const captures = new PerDocumentQueue()
  // Comparing two states of the largest matrix takes 100-200 ms: on a thread of its own.
  const comparisons = createCompareThread()

  // Encoded straight from the live document when it is loaded: a copy would only be encoded again.
  // Every member leaving a document captures (activity's visits), so on the matrix this halves a
  // capture's encoding.
  const currentState = (document: string) => serverChanges.peek(document, (doc) => Y.encodeStateAsUpdate(doc))

  async function thin(document: string): Promise<void> {
    const { versions, kept } = await thinningCandidates(store.db, document)
    const doomed = thinVersions(versions.map((version) => ({ ...version, document })), Date.now()).filter((id) => !kept.has(id))
    await thinVersionsAway(store.db, document, doomed)
  }

  async function names(ids: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)]
    if (wanted.length === 0) return new Map()
    const rows = await store.db.selectFrom('members').select(['id', 'name']).where('id', 'in', wanted).execute()
    return new Map(rows.map((row) => [row.id, row.name]))
  }

  /** Each id with its member's name; a member since removed is "A former member". */
  async function peopleOf(ids: Iterable<string>): Promise<(id: string) => NamedMember> {
    const known = await names(ids)
    return (id) => ({ id, name: known.get(id) ?? 'A former member' })
  }

  async function describeAll(versions: StoredVersion[]): Promise<Version[]> {
    const person = await peopleOf(versions.flatMap((version) => [...version.contributorIds, ...(version.restoredBy ? [version.restoredBy] : [])]))
    const restored = new Map<string, StoredVersion>()
    for (const id of new Set(versions.flatMap((version) => (version.restoredFrom ? [version.restoredFrom] : [])))) {
      const found = versions.find((version) => version.id === id) ?? (await findVersion(store.db, id))
      if (found) restored.set(id, found)
    }
    return versions.map((version) => {
      const from = version.restoredFrom ? restored.get(version.restoredFrom) : undefined
      return {
        id: version.id,
        document: version.document,
        createdAt: version.createdAt,
        name: version.name,
        kind: version.kind,
        contributors: version.contributorIds.map(person),
        summary: version.summary,
        restoredFrom: version.restoredFrom && version.restoredBy
          ? { id: version.restoredFrom, name: from?.name ?? null, createdAt: from?.createdAt ?? '', by: person(version.restoredBy) }
          : null,
      }
    })
  }

  const history: History = {
    capture(document, kind, options = {}) {
      const historyKind = historyKindOf(document)
      if (!historyKind) throw new Error(`${document} keeps no history`)
      return captures.run(document, async () => {
        const state = await currentState(document)
        const previous = await latestState(store.db, document)
        const changes = await comparisons.compare(historyKind, previous, state)
        if (options.onlyIfChanged && previous && changes.length === 0) return null
        const summary = summarizeChanges(historyKind, changes)
        const version = await insertVersion(store.db, {
          id: randomUUID(),
          document,
          createdAt: new Date().toISOString(),
          name: options.name ?? null,
          kind,
          state,
          summary,
          restoredFrom: options.restoredFrom ?? null,
          restoredBy: options.restoredBy ?? null,
        })
        await thin(document)
        return version
      })
    },
    async list(document) {
      return describeAll(await listVersions(store.db, document))
    },
    async describe(version) {
      const [described] = await describeAll([version])
      return described!
    },
    find: (id) => findVersion(store.db, id),
    async compare(document, fromState, toState) {
      const historyKind = historyKindOf(document)!
      const newer = toState === 'now' ? await currentState(document) : toState
      const changes = await comparisons.compare(historyKind, fromState, newer, await loggedEntries(store.db, document))
      const authors = authorsOf(changes)
      const person = await peopleOf(authors)
      return { changes, people: [...authors].map(person) }
    },
    changesBetween: (kind, older, newer) => comparisons.compare(kind, older, newer),
    currentState,
    close: () => comparisons.close(),
    withoutThinning(documents, work) {
      const [first, ...rest] = [...documents].sort()
      if (first === undefined) return work()
      return captures.run(first, () => history.withoutThinning(rest, work))
    },
    async restore(document, version, memberId) {
      const historyKind = historyKindOf(document)!
      const before = await history.capture(document, 'before-restore', { restoredFrom: version.id, restoredBy: memberId })
      await serverChanges.apply(document, memberId, (copy) => {
        Y.applyUpdate(copy, restoreUpdate(historyKind, copy, version.state))
      })
      return before!
    },
  }
  return history
}

/** Every member id a compare names: each change's authors, its blocks' and its marks' (text changes). */
function authorsOf(changes: HistoryChange[]): Set<string> {
  const ids = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (value === null || typeof value !== 'object') return
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'authors' && Array.isArray(inner)) inner.forEach((id) => typeof id === 'string' && ids.add(id))
      else visit(inner)
    }
  }
  visit(changes)
  return ids
}
