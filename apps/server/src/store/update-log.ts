/**
 * Durable document storage: a compacted state plus an append-only log of updates, each
 * with its author. One insert is the one way anything is written: client edits, the
 * studio's own changes, seeding, import and restore all go through `appendUpdate`, or
 * `appendUpdateIn` inside a transaction of their own.
 */
import { historyKindOf } from '@studio/contract'
import type { CompiledQuery, Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Store } from './database.ts'
import type { Dialect } from './migrations.ts'
import type { Database } from './schema.ts'
import { replayFrom } from './document-snapshots.ts'

export interface LoggedUpdate {
  document: string
  update: Uint8Array
  /** The member who wrote it; null for the studio itself (seeding). */
  authorId: string | null
}

/** Appends one update, committed on its own (not inside a caller's transaction). */
export async function appendUpdate(store: Store, entry: LoggedUpdate): Promise<void> {
  const query = boundInsert(store.db, entry)
  // On SQLite, straight away when no transaction is open: an edit then costs one native
  // call instead of a pass through Kysely's executor, which cost more than the write itself.
  if (store.runUnlessInTransaction?.(query)) return
  await store.db.executeQuery(query)
}

/** Appends one update inside the caller's transaction (seeding, imports). */
export async function appendUpdateIn(trx: Kysely<Database>, entry: LoggedUpdate): Promise<void> {
  await trx.executeQuery(boundInsert(trx, entry))
}

/**
 * Both appends run the same insert, built and compiled once per database handle and then
 * only re-bound: built through the query builder for every edit, it cost more CPU than
 * SQLite's write (`pnpm bench --profile`).
 */
const compiledInserts = new WeakMap<Kysely<Database>, CompiledQuery>()

function boundInsert(db: Kysely<Database>, entry: LoggedUpdate): CompiledQuery {
  let compiled = compiledInserts.get(db)
  if (!compiled) {
    compiled = db
      .insertInto('document_updates')
      .values({ document: '', payload: new Uint8Array(), author_id: null, created_at: '' })
      .compile()
    compiledInserts.set(db, compiled)
  }
  // The placeholders follow the order of the columns above.
  return { ...compiled, parameters: [entry.document, entry.update, entry.authorId, new Date().toISOString()] }
}

/**
 * Applies everything stored for `name` (the stored state, then the log in order) to `doc`,
 * and returns how many log entries the document has.
 */
export async function loadDocumentInto(store: Store, name: string, doc: Y.Doc): Promise<number> {
  return (await loadDocumentTailInto(store, name, doc)).entries
}

export interface LoadedLog {
  /** Entries in the log, folded into the state or not (compaction's measure). */
  entries: number
  /** Entries applied after the state: those a snapshot has not folded in. */
  replayed: number
}

/**
 * Loads `name` into `doc`: the stored state, then only the log entries after the last
 * snapshot's fold (store/document-snapshots.ts), or the whole log when there is none or a
 * late entry makes it unsafe to skip.
 *
 * State and log are read in one transaction (a snapshot on PostgreSQL; SQLite's single
 * connection lets no compaction in between). Read apart, a compaction committing after
 * the state was read and before the log was would leave both without its entries.
 */
export async function loadDocumentTailInto(store: Store, name: string, doc: Y.Doc): Promise<LoadedLog> {
  let transaction = store.db.transaction()
  if (store.dialect === 'postgres') transaction = transaction.setIsolationLevel('repeatable read')
  return transaction.execute(async (trx) => {
    const stored = await trx.selectFrom('documents').select(['state', 'folded_through', 'folded_entries']).where('name', '=', name).executeTakeFirst()
    if (stored) Y.applyUpdate(doc, stored.state)
    const { after: foldedThrough, folded } = await replayFrom(trx, name, stored)
    const pageSize = loadPageSize[store.dialect]
    let replayed = 0
    let after = foldedThrough
    for (;;) {
      const page = await trx
        .selectFrom('document_updates')
        .select(['id', 'payload'])
        .where('document', '=', name)
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute()
      applyInOneTransaction(doc, page.map((row) => row.payload))
      replayed += page.length
      if (page.length < pageSize) return { entries: folded + replayed, replayed }
      after = page.at(-1)!.id
    }
  })
}

/**
 * What is stored for `name`, as a token that changes whenever it does: with every append
 * (the newest log id), compaction and snapshot (when and how far the state was last
 * written). Cheaper than a load by far, so a reader can keep what it read from a document
 * until the token moves. A compaction's new time keeps the token new even if a later log
 * id repeats an id the compaction deleted (SQLite reuses the highest rowid once deleted).
 */
export async function storedVersion(store: Store, name: string): Promise<string> {
  const head = await store.db.selectFrom('document_updates').select((eb) => eb.fn.max('id').as('id')).where('document', '=', name).executeTakeFirst()
  const state = await store.db.selectFrom('documents').select(['compacted_at', 'folded_through']).where('name', '=', name).executeTakeFirst()
  return [head?.id ?? '', state?.compacted_at ?? '', state?.folded_through ?? ''].join(' ')
}

/**
 * Long logs load in pages so they are never all in memory at once. SQLite reads are
 * synchronous and allocation-bound: small pages keep each burst within the young
 * generation. PostgreSQL pays a round trip per page, so its pages are larger. Both were
 * tuned with tests/bench/update-log-load.ts.
 */
const loadPageSize = { sqlite: 5000, postgres: 100_000 } as const

/**
 * Applying entries one by one inside one transaction is several times faster than
 * Y.mergeUpdates on long logs (measured by tests/bench/update-log-load.ts).
 */
function applyInOneTransaction(doc: Y.Doc, updates: Uint8Array[]): void {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update)
  })
}

/**
 * Folds the log into the state in one transaction. The entries folded are exactly the
 * ones this transaction deletes (DELETE ... RETURNING): on PostgreSQL ids are handed out
 * before commit, so "everything up to the highest id read" could remove an entry that
 * committed a moment later and was never folded.
 */
export async function compactDocument(db: Kysely<Database>, dialect: Dialect, name: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Nothing logged, nothing to fold: a document that was only opened (every meeting name a
    // client asks for, written or not) must leave no row behind.
    const logged = await trx.selectFrom('document_updates').select('id').where('document', '=', name).limit(1).executeTakeFirst()
    if (!logged) return 0
    const now = new Date().toISOString()
    // Make sure a row exists to lock, so two instances compacting at once take turns.
    await trx
      .insertInto('documents')
      .values({ name, state: Y.encodeStateAsUpdate(new Y.Doc()), compacted_at: now })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute()
    let stateQuery = trx.selectFrom('documents').select(['state', 'folded_through', 'folded_entries']).where('name', '=', name)
    if (dialect === 'postgres') stateQuery = stateQuery.forUpdate()
    const stored = await stateQuery.executeTakeFirstOrThrow()
    const folded = await trx.deleteFrom('document_updates').where('document', '=', name).returning(['id', 'payload', 'author_id', 'created_at']).execute()
    if (folded.length === 0) return 0
    folded.sort((a, b) => a.id - b.id)
    await keepPendingAuthors(trx, name, folded)

    // A snapshot's entries are in the state already: when every one of them is among the
    // deleted (no late entry below its id), only the rest need applying.
    const through = stored.folded_through
    const inState = through === null ? 0 : folded.filter((entry) => entry.id <= through).length
    const toApply = through !== null && inState === stored.folded_entries ? folded.filter((entry) => entry.id > through) : folded
    // Through a Y.Doc rather than mergeUpdates so deleted content is garbage-collected.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored.state)
    applyInOneTransaction(doc, toApply.map((entry) => entry.payload))
    const compacted = Y.encodeStateAsUpdate(doc)
    doc.destroy()

    // The log is empty of what the state holds: no fold stands any more.
    await trx.updateTable('documents').set({ state: compacted, compacted_at: now, folded_through: null, folded_entries: 0 }).where('name', '=', name).execute()
    return folded.length
  })
}

/**
 * A version lists the members who changed its document since the version before, read from
 * the log's authors (history/). Compaction deletes those entries, so it first keeps the
 * authors of the folded entries newer than the document's latest version; the next capture
 * takes them and clears them.
 */
async function keepPendingAuthors(trx: Kysely<Database>, name: string, folded: ReadonlyArray<{ author_id: string | null; created_at: string }>): Promise<void> {
  if (historyKindOf(name) === null) return
  const latest = await trx.selectFrom('document_versions').select('created_at').where('document', '=', name).orderBy('created_at', 'desc').limit(1).executeTakeFirst()
  const authors = new Set<string>()
  for (const entry of folded) {
    if (entry.author_id && (!latest || entry.created_at > latest.created_at)) authors.add(entry.author_id)
  }
  if (authors.size === 0) return
  await trx
    .insertInto('document_pending_authors')
    .values([...authors].map((author_id) => ({ document: name, author_id })))
    .onConflict((conflict) => conflict.columns(['document', 'author_id']).doNothing())
    .execute()
}
