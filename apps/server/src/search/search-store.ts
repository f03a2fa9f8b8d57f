/**
 * The search index in the store (migration 0009): replacing a source's rows in one
 * transaction, and the query. SQLite answers through FTS5 (bm25, the title weighing more
 * than the body); PostgreSQL through the generated tsvector and its GIN index (ts_rank).
 * Both take every word (any order), the last one as a prefix.
 */
import { foldForSearch } from '@studio/contract'
import { sql } from 'kysely'
import type { Store } from '../store/database.ts'
import type { SearchEntry } from './search-entries.ts'

export interface FoundEntry extends SearchEntry {
  source: string
}

/**
 * Replaces every row built from `source` by `entries`, noting `readAt` (when the source was
 * read, before any change that reading may have missed) as the time it was indexed.
 *
 * Only the difference is written: the rows no longer wanted are deleted and the new ones
 * inserted, the rest left alone. A rebuild of the matrix rewrote all its 2,400-odd rows every
 * few seconds while people set levels, which doubled the studio's CPU per delivered update in
 * the load bench's matrix session; a few changed cells now write a few rows.
 */
export async function replaceSource(store: Store, source: string, entries: readonly SearchEntry[], readAt: Date): Promise<void> {
  const now = readAt.toISOString()
  await store.db.transaction().execute(async (trx) => {
    // The source's row first: its lock makes two instances rebuilding one source take turns
    // (on PostgreSQL the second then reads the first's rows and changes only what differs).
    await trx.insertInto('search_sources').values({ source, indexed_at: now })
      .onConflict((conflict) => conflict.column('source').doUpdateSet({ indexed_at: now })).execute()
    const rowId = store.dialect === 'sqlite' ? sql<number>`rowid` : sql<number>`id`
    const existing = await trx.selectFrom('search_entries').select([rowId.as('row_id'), 'document', 'link', 'title', 'body'])
      .where('source', '=', source).execute()
    const { doomed, added } = differences(existing, entries)
    for (let start = 0; start < doomed.length; start += 500) {
      await trx.deleteFrom('search_entries').where(rowId, 'in', doomed.slice(start, start + 500)).execute()
    }
    const rows = added.map((entry) => ({
      source, ...entry,
      ...(store.dialect === 'postgres' ? { folded_title: foldForSearch(entry.title), folded_body: foldForSearch(entry.body) } : {}),
    }))
    // Chunks keep each statement well under either store's limit on bound parameters.
    for (let start = 0; start < rows.length; start += 200) {
      await trx.insertInto('search_entries').values(rows.slice(start, start + 200)).execute()
    }
  })
}

/** Which stored rows are no longer wanted, and which wanted entries are not stored yet (an entry may appear twice). */
function differences(stored: ReadonlyArray<SearchEntry & { row_id: number }>, wanted: readonly SearchEntry[]): { doomed: number[]; added: SearchEntry[] } {
  const keyOf = (entry: SearchEntry) => JSON.stringify([entry.document, entry.link, entry.title, entry.body])
  const unmatched = new Map<string, SearchEntry[]>()
  for (const entry of wanted) {
    const key = keyOf(entry)
    const same = unmatched.get(key)
    if (same) same.push(entry)
    else unmatched.set(key, [entry])
  }
  const doomed: number[] = []
  for (const row of stored) {
    const same = unmatched.get(keyOf(row))
    if (same && same.length > 0) same.pop()
    else doomed.push(row.row_id)
  }
  return { doomed, added: [...unmatched.values()].flat() }
}

/** The best `limit` rows holding every word of `words` (already folded; the last a prefix). */
export async function findEntries(store: Store, words: readonly string[], limit: number): Promise<FoundEntry[]> {
  if (words.length === 0) return []
  if (store.dialect === 'sqlite') {
    // Words are letters and digits only (searchWords), so quoting each one is enough.
    const match = `{title body} : ${words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ')}`
    const result = await sql<FoundEntry>`SELECT source, document, link, title, body FROM search_entries
      WHERE search_entries MATCH ${match} ORDER BY bm25(search_entries, 0, 0, 0, 4.0, 1.0) LIMIT ${limit}`.execute(store.db)
    return result.rows
  }
  const query = words.map((word, index) => `${word}${index === words.length - 1 ? ':*' : ''}`).join(' & ')
  const result = await sql<FoundEntry>`SELECT source, document, link, title, body FROM search_entries
    WHERE searchable @@ to_tsquery('simple', ${query})
    ORDER BY ts_rank(searchable, to_tsquery('simple', ${query})) DESC, id LIMIT ${limit}`.execute(store.db)
  return result.rows
}

/** When each source was last rebuilt. */
export async function indexedTimes(store: Store): Promise<Map<string, string>> {
  const rows = await store.db.selectFrom('search_sources').select(['source', 'indexed_at']).execute()
  return new Map(rows.map((row) => [row.source, row.indexed_at]))
}

/** The latest change to each stored document: its newest log entry, or its compaction. */
export async function documentChangeTimes(store: Store): Promise<Map<string, string>> {
  const logged = await store.db.selectFrom('document_updates').select(['document', (eb) => eb.fn.max('created_at').as('at')]).groupBy('document').execute()
  const compacted = await store.db.selectFrom('documents').select(['name as document', 'compacted_at as at']).execute()
  const times = new Map<string, string>()
  for (const { document, at } of [...logged, ...compacted]) {
    if (at && (times.get(document) ?? '') < at) times.set(document, at)
  }
  return times
}

/** The latest change to the comments on each document. */
export async function commentChangeTimes(store: Store): Promise<Map<string, string>> {
  const rows = await store.db.selectFrom('comments').select(['document', (eb) => eb.fn.max('updated_at').as('at')]).groupBy('document').execute()
  return new Map(rows.map((row) => [row.document, row.at]))
}
