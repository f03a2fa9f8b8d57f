/**
 * Durable document storage: a compacted state plus an append-only log of updates, each
 * with its author. `appendUpdate` is the one way anything is written: client edits,
 * seeding, import and restore all go through it.
 */
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Dialect } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'

export interface LoggedUpdate {
  document: string
  update: Uint8Array
  /** The member who wrote it; null for the studio itself (seeding). */
  authorId: string | null
}

export async function appendUpdate(db: Kysely<Database>, entry: LoggedUpdate): Promise<void> {
  await db
    .insertInto('document_updates')
    .values({ document: entry.document, payload: entry.update, author_id: entry.authorId, created_at: new Date().toISOString() })
    .execute()
}

export interface StoredDocument {
  /** Everything stored for the document as one Yjs update (empty document: null). */
  update: Uint8Array | null
  /** How many log entries are not yet folded into the state. */
  logLength: number
}

export async function loadDocument(db: Kysely<Database>, name: string): Promise<StoredDocument> {
  const [state, log] = await Promise.all([
    db.selectFrom('documents').select('state').where('name', '=', name).executeTakeFirst(),
    db.selectFrom('document_updates').select('payload').where('document', '=', name).orderBy('id').execute(),
  ])
  const parts = log.map((row) => row.payload)
  if (state) parts.unshift(state.state)
  if (parts.length === 0) return { update: null, logLength: 0 }
  // One merged update applies far faster than thousands of small ones.
  return { update: parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), logLength: log.length }
}

/**
 * Folds the log into the state in one transaction. Only entries read in the
 * transaction are deleted, so an update appended meanwhile stays in the log.
 */
export async function compactDocument(db: Kysely<Database>, dialect: Dialect, name: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString()
    // Make sure a row exists to lock, so two instances compacting at once take turns.
    await trx
      .insertInto('documents')
      .values({ name, state: Y.encodeStateAsUpdate(new Y.Doc()), compacted_at: now })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute()
    let stateQuery = trx.selectFrom('documents').select('state').where('name', '=', name)
    if (dialect === 'postgres') stateQuery = stateQuery.forUpdate()
    const { state } = await stateQuery.executeTakeFirstOrThrow()
    const log = await trx.selectFrom('document_updates').select(['id', 'payload']).where('document', '=', name).orderBy('id').execute()
    if (log.length === 0) return 0

    // Through a Y.Doc rather than mergeUpdates so deleted content is garbage-collected.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    for (const entry of log) Y.applyUpdate(doc, entry.payload)
    const compacted = Y.encodeStateAsUpdate(doc)
    doc.destroy()

    await trx.updateTable('documents').set({ state: compacted, compacted_at: now }).where('name', '=', name).execute()
    await trx.deleteFrom('document_updates').where('document', '=', name).where('id', '<=', log.at(-1)!.id).execute()
    return log.length
  })
}
