/**
 * Snapshots keep a long update log quick to load. A snapshot folds the log's entries into the
 * document's stored state without deleting them (history names authors from them), and
 * records the highest id it folded (`folded_through`) and how many entries that was
 * (`folded_entries`). A load then applies the state and only the entries after that id.
 *
 * The count guards the one way ids mislead: on PostgreSQL an id is handed out when the insert
 * runs and becomes visible at commit, so an entry with a lower id than one already folded can
 * commit after the fold. Entries are deleted only by compaction, which clears the fold in the
 * same transaction, so while a fold stands the count of entries up to its id can only grow:
 * equal, the fold holds every one of them; larger, a late entry exists, and the load replays
 * the whole log (applying an entry the state already holds changes nothing in Yjs). The next
 * snapshot then folds from the start again.
 *
 * A snapshot is one transaction of its own, off the edit path: a crash before its commit leaves
 * the previous state and fold, and the log is never touched.
 */
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Dialect } from './migrations.ts'
import type { Database } from './schema.ts'

interface FoldedState {
  state: Uint8Array
  folded_through: number | null
  folded_entries: number
}

/**
 * The id after which the log must be replayed over the stored state, and how many entries up
 * to it the state holds: the fold when it still holds every entry up to its id, else 0 and 0.
 */
export async function replayFrom(trx: Kysely<Database>, name: string, stored: FoldedState | undefined): Promise<{ after: number; folded: number }> {
  if (!stored || stored.folded_through === null) return { after: 0, folded: 0 }
  const { entries } = await trx
    .selectFrom('document_updates')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('entries'))
    .where('document', '=', name)
    .where('id', '<=', stored.folded_through)
    .executeTakeFirstOrThrow()
  return Number(entries) === stored.folded_entries ? { after: stored.folded_through, folded: stored.folded_entries } : { after: 0, folded: 0 }
}

/**
 * Folds the log's entries not yet in the document's state into it, keeping them in the log,
 * and returns how many it folded (0 when there were none). Takes the same row lock as
 * compaction (PostgreSQL), so a snapshot and a compaction of one document, on any instance,
 * take turns; on SQLite transactions already run one at a time.
 */
export async function writeSnapshot(db: Kysely<Database>, dialect: Dialect, name: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const logged = await trx.selectFrom('document_updates').select('id').where('document', '=', name).limit(1).executeTakeFirst()
    if (!logged) return 0
    await trx
      .insertInto('documents')
      .values({ name, state: Y.encodeStateAsUpdate(new Y.Doc()), compacted_at: new Date().toISOString() })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute()
    let storedQuery = trx.selectFrom('documents').select(['state', 'folded_through', 'folded_entries']).where('name', '=', name)
    if (dialect === 'postgres') storedQuery = storedQuery.forUpdate()
    const stored = await storedQuery.executeTakeFirstOrThrow()
    const { after, folded } = await replayFrom(trx, name, stored)
    const tail = await trx.selectFrom('document_updates').select(['id', 'payload']).where('document', '=', name).where('id', '>', after).orderBy('id').execute()
    if (tail.length === 0) return 0

    // Through a Y.Doc, as compaction does, so deleted content is garbage-collected.
    const doc = new Y.Doc()
    doc.transact(() => {
      Y.applyUpdate(doc, stored.state)
      for (const entry of tail) Y.applyUpdate(doc, entry.payload)
    })
    const state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    await trx
      .updateTable('documents')
      .set({ state, folded_through: tail.at(-1)!.id, folded_entries: folded + tail.length })
      .where('name', '=', name)
      .execute()
    return tail.length
  })
}
