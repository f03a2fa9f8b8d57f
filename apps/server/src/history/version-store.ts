/**
 * The versions table (`document_versions`) and what a capture reads with it: who changed the
 * document since its latest version (the log entries after that version, plus the authors
 * compaction kept in `document_pending_authors` before folding entries away). One module for
 * the routes, the capture and the storage bench (tests/bench/history-storage-stores.ts).
 */
import type { VersionKind, VersionSummary } from '@studio/contract'
import type { LogEntry } from '@studio/framework'
import type { Kysely } from 'kysely'
import type { Database, DocumentVersionsTable } from '../store/schema.ts'

export type VersionRow = DocumentVersionsTable

/** A version as stored, its JSON columns read. */
export interface StoredVersion {
  id: string
  document: string
  createdAt: string
  name: string | null
  kind: VersionKind
  contributorIds: string[]
  summary: VersionSummary
  restoredFrom: string | null
  restoredBy: string | null
}

export interface NewVersion {
  id: string
  document: string
  createdAt: string
  name: string | null
  kind: VersionKind
  state: Uint8Array
  summary: VersionSummary
  restoredFrom?: string | null
  restoredBy?: string | null
}

const listedColumns = ['id', 'document', 'created_at', 'name', 'kind', 'contributors', 'summary', 'restored_from', 'restored_by'] as const

export function storedVersion(row: Omit<VersionRow, 'state'>): StoredVersion {
  return {
    id: row.id,
    document: row.document,
    createdAt: row.created_at,
    name: row.name,
    kind: row.kind as VersionKind,
    contributorIds: JSON.parse(row.contributors) as string[],
    summary: JSON.parse(row.summary) as VersionSummary,
    restoredFrom: row.restored_from,
    restoredBy: row.restored_by,
  }
}

/**
 * Inserts a version, naming as contributors the authors of log entries since the document's
 * latest version and those compaction kept; the kept ones are cleared in the same transaction.
 */
export async function insertVersion(db: Kysely<Database>, version: NewVersion): Promise<StoredVersion> {
  return db.transaction().execute(async (trx) => {
    const latest = await trx.selectFrom('document_versions').select('created_at').where('document', '=', version.document).orderBy('created_at', 'desc').limit(1).executeTakeFirst()
    let logged = trx.selectFrom('document_updates').select('author_id').distinct().where('document', '=', version.document).where('author_id', 'is not', null)
    if (latest) logged = logged.where('created_at', '>', latest.created_at)
    const pending = await trx.selectFrom('document_pending_authors').select('author_id').where('document', '=', version.document).execute()
    const contributors = [...new Set([...(await logged.execute()).map((row) => row.author_id!), ...pending.map((row) => row.author_id)])].sort()
    await trx.deleteFrom('document_pending_authors').where('document', '=', version.document).execute()
    const row: VersionRow = {
      id: version.id,
      document: version.document,
      created_at: version.createdAt,
      name: version.name,
      kind: version.kind,
      state: version.state,
      contributors: JSON.stringify(contributors),
      summary: JSON.stringify(version.summary),
      restored_from: version.restoredFrom ?? null,
      restored_by: version.restoredBy ?? null,
    }
    await trx.insertInto('document_versions').values(row).execute()
    return storedVersion(row)
  })
}

/** A document's versions, newest first, without their states. */
export async function listVersions(db: Kysely<Database>, document: string): Promise<StoredVersion[]> {
  const rows = await db.selectFrom('document_versions').select(listedColumns).where('document', '=', document).orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
  return rows.map(storedVersion)
}

/** One version with its state, whatever its document (the caller checks it belongs). */
export async function findVersion(db: Kysely<Database>, id: string): Promise<(StoredVersion & { state: Uint8Array }) | null> {
  const row = await db.selectFrom('document_versions').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? { ...storedVersion(row), state: row.state } : null
}

/** The document's newest version's state, the base of a new version's summary. */
export async function latestState(db: Kysely<Database>, document: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('document_versions').select('state').where('document', '=', document).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.state ?? null
}

export async function deleteVersions(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('document_versions').where('id', 'in', ids).execute()
}

/**
 * Thins `doomed` versions of `document` away, first handing each one's contributors to the
 * next newer version that stays: that version now stands for the changes of both, and a
 * release's credits (releases/) read contributors from the versions between two releases.
 */
export async function thinVersionsAway(db: Kysely<Database>, document: string, doomed: readonly string[]): Promise<void> {
  if (doomed.length === 0) return
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('document_versions').select(['id', 'created_at', 'contributors']).where('document', '=', document)
      .orderBy('created_at', 'asc').orderBy('id', 'asc').execute()
    const gone = new Set(doomed)
    const handed = new Map<string, Set<string>>()
    let carried = new Set<string>()
    for (const row of rows) {
      const contributors = JSON.parse(row.contributors) as string[]
      if (gone.has(row.id)) {
        contributors.forEach((id) => carried.add(id))
        continue
      }
      const added = [...carried].filter((id) => !contributors.includes(id))
      if (added.length > 0) handed.set(row.id, new Set([...contributors, ...added]))
      carried = new Set()
    }
    for (const [id, contributors] of handed) {
      await trx.updateTable('document_versions').set({ contributors: JSON.stringify([...contributors].sort()) }).where('id', '=', id).execute()
    }
    await trx.deleteFrom('document_versions').where('id', 'in', [...gone]).execute()
  })
}

/**
 * What thinning needs: every version of the document, and which of them must be kept
 * whatever their age: those a restore names (so "restored from X" stays true) and those a
 * release names, withdrawn or not (releases/: a release's downloads and changes are read
 * from its versions, and the audit log names a withdrawn one), and those a consultation
 * round reviews (rounds/).
 */
export async function thinningCandidates(db: Kysely<Database>, document: string): Promise<{ versions: Array<{ id: string; kind: VersionKind; createdAt: string }>; kept: Set<string> }> {
  const rows = await db.selectFrom('document_versions').select(['id', 'kind', 'created_at', 'restored_from']).where('document', '=', document).execute()
  const released = await db.selectFrom('releases').select(['matrix_version_id', 'terms_version_id']).execute()
  // A consultation round's snapshot (rounds/) is the text its reviewers commented on.
  const reviewed = await db.selectFrom('rounds').select(['matrix_version_id', 'terms_version_id']).execute()
  return {
    versions: rows.map((row) => ({ id: row.id, kind: row.kind as VersionKind, createdAt: row.created_at })),
    kept: new Set([
      ...rows.flatMap((row) => (row.restored_from ? [row.restored_from] : [])),
      ...[...released, ...reviewed].flatMap((row) => [row.matrix_version_id, ...(row.terms_version_id ? [row.terms_version_id] : [])]),
    ]),
  }
}

/** The log entries still held for the document, for naming who made each change (best effort: compaction folds them). */
export async function loggedEntries(db: Kysely<Database>, document: string): Promise<LogEntry[]> {
  const rows = await db.selectFrom('document_updates').select(['payload', 'author_id']).where('document', '=', document).where('author_id', 'is not', null).orderBy('id').execute()
  return rows.map((row) => ({ update: row.payload, authorId: row.author_id! }))
}

/** Bytes the versions of every document take in their state column (the storage figure). */
export async function versionStateBytes(db: Kysely<Database>): Promise<number> {
  const rows = await db.selectFrom('document_versions').select('state').execute()
  return rows.reduce((sum, row) => sum + row.state.byteLength, 0)
}
