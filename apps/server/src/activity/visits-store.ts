/**
 * The `document_visits` table: per member and document, when they last saw it and which
 * version held what they saw. One row each, overwritten by every later visit.
 */
import type { Kysely } from 'kysely'
import type { StoredVersion } from '../history/version-store.ts'
import { findVersion, storedVersion } from '../history/version-store.ts'
import type { Database } from '../store/schema.ts'

export interface Visit {
  memberId: string
  document: string
  seenAt: string
  versionId: string
}

export async function recordVisit(db: Kysely<Database>, visit: Visit): Promise<void> {
  const row = { member_id: visit.memberId, document: visit.document, seen_at: visit.seenAt, version_id: visit.versionId }
  await db.insertInto('document_visits').values(row)
    .onConflict((conflict) => conflict.columns(['member_id', 'document']).doUpdateSet({ seen_at: row.seen_at, version_id: row.version_id }))
    .execute()
}

/** The member's visits, by document name. */
export async function visitsOf(db: Kysely<Database>, memberId: string): Promise<Map<string, Visit>> {
  const rows = await db.selectFrom('document_visits').selectAll().where('member_id', '=', memberId).execute()
  return new Map(rows.map((row) => [row.document, { memberId: row.member_id, document: row.document, seenAt: row.seen_at, versionId: row.version_id }]))
}

/** The document's newest version, without its state: what a visit records when nothing changed since. */
export async function latestVersion(db: Kysely<Database>, document: string): Promise<StoredVersion | null> {
  const row = await db.selectFrom('document_versions').select(['id', 'document', 'created_at', 'name', 'kind', 'contributors', 'summary', 'restored_from', 'restored_by'])
    .where('document', '=', document).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row ? storedVersion(row) : null
}

/**
 * The version to compare a visit from: the one it recorded, or, when thinning has removed
 * it, the newest version at or before the visit (an older state: the compare then also shows
 * some changes the member saw, never hides one). `approximate` says which.
 */
export async function versionSeen(db: Kysely<Database>, visit: Visit): Promise<{ version: StoredVersion & { state: Uint8Array }; approximate: boolean } | null> {
  const recorded = await findVersion(db, visit.versionId)
  if (recorded && recorded.document === visit.document) return { version: recorded, approximate: false }
  const row = await db.selectFrom('document_versions').selectAll()
    .where('document', '=', visit.document).where('created_at', '<=', visit.seenAt)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row ? { version: { ...storedVersion(row), state: row.state }, approximate: true } : null
}

/** Who changed the document after `since`: authors of logged updates, of versions captured since, and those compaction kept. */
export async function contributorIdsSince(db: Kysely<Database>, document: string, since: string): Promise<string[]> {
  const logged = await db.selectFrom('document_updates').select('author_id').distinct()
    .where('document', '=', document).where('created_at', '>', since).where('author_id', 'is not', null).execute()
  const versions = await db.selectFrom('document_versions').select('contributors').where('document', '=', document).where('created_at', '>', since).execute()
  const pending = await db.selectFrom('document_pending_authors').select('author_id').where('document', '=', document).execute()
  return [...new Set([
    ...logged.map((row) => row.author_id!),
    ...versions.flatMap((row) => JSON.parse(row.contributors) as string[]),
    ...pending.map((row) => row.author_id),
  ])].sort()
}

/** Comments others wrote after `since` (every one when null), and threads others resolved after it. */
export async function commentsSince(db: Kysely<Database>, document: string, memberId: string, since: string | null): Promise<{ new: number; resolved: number }> {
  let written = db.selectFrom('comments').select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('document', '=', document).where('author_id', '!=', memberId)
  if (since) written = written.where('created_at', '>', since)
  const resolved = since
    ? await db.selectFrom('comments').select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('document', '=', document).where('resolved', '=', 1).where('resolved_at', '>', since).where('resolved_by', '!=', memberId).executeTakeFirst()
    : { count: 0 }
  return { new: Number((await written.executeTakeFirst())?.count ?? 0), resolved: Number(resolved?.count ?? 0) }
}
