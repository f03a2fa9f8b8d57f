/** The releases table: recording, listing, finding and withdrawing releases. */
import type { Kysely, Selectable } from 'kysely'
import type { Database, ReleasesTable } from '../store/schema.ts'

export type ReleaseRow = Selectable<ReleasesTable>

export async function insertRelease(db: Kysely<Database>, row: ReleaseRow): Promise<void> {
  await db.insertInto('releases').values(row).execute()
}

/** Every slug ever given (withdrawn releases keep theirs, so an old link never names another release). */
export async function takenSlugs(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('releases').select('slug').execute()
  return new Set(rows.map((row) => row.slug))
}

/** Releases that are not withdrawn, newest first. */
export async function liveReleases(db: Kysely<Database>): Promise<ReleaseRow[]> {
  return db.selectFrom('releases').selectAll().where('withdrawn_at', 'is', null).orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
}

/** A release that is not withdrawn, by its slug or its id. */
export async function findLiveRelease(db: Kysely<Database>, slugOrId: string): Promise<ReleaseRow | null> {
  const row = await db.selectFrom('releases').selectAll()
    .where('withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
  return row ?? null
}

/** Marks a live release withdrawn; false when there was none to withdraw. */
export async function withdrawRelease(db: Kysely<Database>, id: string, memberId: string, at: string): Promise<boolean> {
  const result = await db.updateTable('releases').set({ withdrawn_at: at, withdrawn_by: memberId }).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
