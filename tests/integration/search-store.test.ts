/**
 * Rebuilding a source's search rows writes only what changed (search-store.ts): the rows
 * still wanted keep their place, the gone ones are deleted, the new ones added, duplicates
 * counted, and a query finds exactly the new set. On both stores.
 */
import { openStore, type Store } from '@studio/server/store/database'
import { findEntries, replaceSource } from '@studio/server/search/search-store'
import type { SearchEntry } from '@studio/server/search/search-entries'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'

const cell = (competency: string, role: string, note: string): SearchEntry => ({
  document: 'competency-matrix', link: `/competency-matrix?cell=${competency}|${role}`, title: `${competency}, ${role}`, body: note,
})

describe.each(storeKinds)('search rows rebuilt on %s', (kind) => {
  let target: StoreTarget
  let store: Store
  beforeEach(async () => {
    target = await freshStore(kind)
    store = await openStore(target)
  })
  afterEach(async () => {
    await store.close()
    await target.dispose()
  })

  /** Every row of the source with its row id, in a stable order. */
  async function rowsOf(source: string) {
    const rowId = kind === 'sqlite' ? sql<number>`rowid` : sql<number>`id`
    const rows = await store.db.selectFrom('search_entries').select([rowId.as('rowId'), 'link', 'body']).where('source', '=', source).execute()
    return rows.map((row) => ({ ...row, rowId: String(row.rowId) })).sort((a, b) => `${a.link} ${a.body}`.localeCompare(`${b.link} ${b.body}`))
  }

  it('keeps unchanged rows, replaces a changed one, adds and removes, and counts duplicates', async () => {
    const before = [cell('Planning', 'Analyst', 'keeps the plan'), cell('Planning', 'Lead', 'owns the plan'), cell('Risk', 'Analyst', 'logs risks'), cell('Risk', 'Analyst', 'logs risks')]
    await replaceSource(store, 'competency-matrix', before, new Date())
    await replaceSource(store, 'terms-of-reference', [{ document: 'terms-of-reference', link: '/terms-of-reference', title: 'Scope', body: 'the plan of work' }], new Date())
    const first = await rowsOf('competency-matrix')
    expect(first).toHaveLength(4)

    const after = [cell('Planning', 'Analyst', 'keeps the plan'), cell('Planning', 'Lead', 'approves the baseline'), cell('Risk', 'Analyst', 'logs risks'), cell('Quality', 'Lead', 'sets the standard')]
    await replaceSource(store, 'competency-matrix', after, new Date())
    const second = await rowsOf('competency-matrix')
    expect(second.map((row) => row.body).sort()).toEqual(['approves the baseline', 'keeps the plan', 'logs risks', 'sets the standard'])
    // Untouched rows are the very same rows.
    const idOf = (rows: typeof first, body: string) => rows.find((row) => row.body === body)!.rowId
    expect(idOf(second, 'keeps the plan')).toBe(idOf(first, 'keeps the plan'))
    expect(first.filter((row) => row.body === 'logs risks').map((row) => row.rowId)).toContain(idOf(second, 'logs risks'))
    expect(idOf(second, 'approves the baseline')).not.toBe(idOf(first, 'owns the plan'))

    // Another source's rows are left alone, and queries see the new set only.
    expect(await rowsOf('terms-of-reference')).toHaveLength(1)
    expect((await findEntries(store, ['owns'], 10))).toEqual([])
    expect((await findEntries(store, ['baseline'], 10)).map((found) => found.title)).toEqual(['Planning, Lead'])
    expect([...new Set((await findEntries(store, ['plan'], 10)).map((found) => found.source))].sort()).toEqual(['competency-matrix', 'terms-of-reference'])

    await replaceSource(store, 'competency-matrix', [], new Date())
    expect(await rowsOf('competency-matrix')).toEqual([])
  })

  it('writes nothing for a rebuild that changes nothing, and handles more rows than one statement takes', async () => {
    const many = Array.from({ length: 1300 }, (_, index) => cell(`Competency ${index}`, 'Analyst', `note ${index}`))
    await replaceSource(store, 'competency-matrix', many, new Date())
    const first = await rowsOf('competency-matrix')
    await replaceSource(store, 'competency-matrix', many, new Date())
    expect(await rowsOf('competency-matrix')).toEqual(first)
    await replaceSource(store, 'competency-matrix', many.slice(0, 100), new Date())
    expect(await rowsOf('competency-matrix')).toHaveLength(100)
  })
})
