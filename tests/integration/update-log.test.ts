/**
 * The update log: documents load from state plus log, compaction folds the log into the
 * state in one transaction without losing an update appended meanwhile, and seeding
 * happens once per workspace however many instances try at once.
 */
import { DocumentName } from '@studio/contract'
import { richTextField } from '@studio/framework'
import { seedWorkspace } from '@studio/server/workspace/workspace-seed'
import { appendUpdate, compactDocument, loadDocumentInto, storedVersion } from '@studio/server/store/update-log'
import { writeSnapshot } from '@studio/server/store/document-snapshots'
import type { Store } from '@studio/server/store/database'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openFreshStore, storeKinds } from '../support/stores.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** `count` single-item edits from one writer, as updates in the order they were made. */
function edits(count: number, prefix = 'item'): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) doc.getArray<string>('items').push([`${prefix} ${i}`])
  return updates
}

async function load(store: Store, name: string): Promise<{ doc: Y.Doc; logLength: number; items: string[] }> {
  const doc = new Y.Doc()
  const logLength = await loadDocumentInto(store, name, doc)
  return { doc, logLength, items: doc.getArray<string>('items').toArray() }
}

describe.each(storeKinds)('the update log on %s', (kind) => {
  it('loads a document from its log, in order, with each entry recording its author', async () => {
    const store = await openFreshStore(kind, cleanups)
    for (const [i, update] of edits(5).entries()) {
      await appendUpdate(store, { document: 'meeting:a', update, authorId: i % 2 ? 'member-b' : 'member-a' })
    }
    const loaded = await load(store, 'meeting:a')
    expect(loaded.logLength).toBe(5)
    expect(loaded.items).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'item 4'])
    const authors = await store.db.selectFrom('document_updates').select('author_id').orderBy('id').execute()
    expect(authors.map((row) => row.author_id)).toEqual(['member-a', 'member-b', 'member-a', 'member-b', 'member-a'])
  })

  it('keeps an edit appended while another transaction is open and then rolls back', async () => {
    const store = await openFreshStore(kind, cleanups)
    const [update] = edits(1)
    let appended: Promise<void> | undefined
    const failed = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('seeds').values({ document: 'meeting:rolled-back', seeded_at: 'now' }).execute()
      // The edit arrives from a socket while this transaction waits on something else.
      await new Promise<void>((resolve) => setTimeout(() => {
        appended = appendUpdate(store, { document: 'meeting:kept', update: update!, authorId: 'm' })
        resolve()
      }, 0))
      throw new Error('the transaction fails')
    })
    await expect(failed).rejects.toThrow('the transaction fails')
    await appended
    expect((await load(store, 'meeting:kept')).items).toEqual(['item 0'])
    expect(await store.db.selectFrom('seeds').selectAll().execute()).toEqual([])
  })

  it('folds the log into the state, and a later load sees the same document', async () => {
    const store = await openFreshStore(kind, cleanups)
    const updates = edits(600)
    for (const update of updates.slice(0, 550)) await appendUpdate(store, { document: 'meeting:b', update, authorId: 'm' })
    expect(await compactDocument(store.db, store.dialect, 'meeting:b')).toBe(550)
    for (const update of updates.slice(550)) await appendUpdate(store, { document: 'meeting:b', update, authorId: 'm' })

    const loaded = await load(store, 'meeting:b')
    expect(loaded.logLength).toBe(50)
    expect(loaded.items).toHaveLength(600)
    expect(loaded.items.at(-1)).toBe('item 599')
  })

  it('loads every entry while a compaction folds the log into the state', async () => {
    const store = await openFreshStore(kind, cleanups)
    const updates = edits(400)
    let appended = 0
    for (let round = 0; round < 20; round++) {
      for (const update of updates.slice(appended, appended + 20)) await appendUpdate(store, { document: 'meeting:race', update, authorId: 'm' })
      appended += 20
      const [loaded] = await Promise.all([load(store, 'meeting:race'), compactDocument(store.db, store.dialect, 'meeting:race')])
      expect(loaded.items, `round ${round}`).toHaveLength(appended)
    }
  })

  it('keeps updates appended while a compaction runs', async () => {
    const store = await openFreshStore(kind, cleanups)
    const updates = edits(400)
    for (const update of updates.slice(0, 300)) await appendUpdate(store, { document: 'meeting:c', update, authorId: 'm' })
    await Promise.all([
      compactDocument(store.db, store.dialect, 'meeting:c'),
      compactDocument(store.db, store.dialect, 'meeting:c'),
      ...updates.slice(300).map((update) => appendUpdate(store, { document: 'meeting:c', update, authorId: 'm' })),
    ])
    await compactDocument(store.db, store.dialect, 'meeting:c')
    const loaded = await load(store, 'meeting:c')
    expect(loaded.logLength).toBe(0)
    expect(loaded.items).toHaveLength(400)
  })

  it('gives a stored version that moves with every append, compaction and snapshot, and only then', async () => {
    const store = await openFreshStore(kind, cleanups)
    const updates = edits(30)
    const versions = [await storedVersion(store, 'meeting:v')]
    const expectMoved = async (what: string) => {
      const now = await storedVersion(store, 'meeting:v')
      expect(versions, what).not.toContain(now)
      expect(await storedVersion(store, 'meeting:v'), `${what}, read again`).toBe(now)
      versions.push(now)
    }
    await appendUpdate(store, { document: 'meeting:v', update: updates[0]!, authorId: 'm' })
    await expectMoved('an append')
    await appendUpdate(store, { document: 'meeting:other', update: updates[1]!, authorId: 'm' })
    expect(await storedVersion(store, 'meeting:v'), 'another document\'s append').toBe(versions.at(-1))
    for (const update of updates.slice(2, 10)) await appendUpdate(store, { document: 'meeting:v', update, authorId: 'm' })
    await expectMoved('more appends')
    await writeSnapshot(store.db, store.dialect, 'meeting:v')
    await expectMoved('a snapshot')
    await compactDocument(store.db, store.dialect, 'meeting:v')
    await expectMoved('a compaction')
    // The compaction deleted the newest rows of the whole log (on SQLite the next id may repeat one).
    await compactDocument(store.db, store.dialect, 'meeting:other')
    await appendUpdate(store, { document: 'meeting:v', update: updates[10]!, authorId: 'm' })
    await expectMoved('an append after the log was emptied')
  })

  it('seeds the terms of reference, the matrix and the meetings index once, however many instances try at once, and its table survives', async () => {
    const store = await openFreshStore(kind, cleanups)
    const results = await Promise.all([seedWorkspace(store.db), seedWorkspace(store.db), seedWorkspace(store.db)])
    expect(results.flat().sort()).toEqual([DocumentName.competencyMatrix, DocumentName.meetings, DocumentName.termsOfReference])
    expect(await seedWorkspace(store.db)).toEqual([])

    const loaded = await load(store, DocumentName.termsOfReference)
    expect(loaded.logLength).toBe(1)
    const fragment = loaded.doc.getXmlFragment(richTextField).toJSON()
    expect(fragment).toContain('Terms of reference: PMO Competency Framework working group')
    expect(fragment).toContain('<table>')
    expect(fragment).toContain('Draft competency matrix')
  })
})
