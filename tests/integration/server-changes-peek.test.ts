/**
 * serverChanges.peekKept: a reader run often on a document that is not loaded (search reads
 * the meetings list for every meeting it rebuilds) is answered from what it read last until
 * the store's version of the document moves, and from the live document while one is loaded.
 */
import { Hocuspocus } from '@hocuspocus/server'
import { createServerChanges } from '@studio/server/collab/server-changes'
import { appendUpdate, compactDocument } from '@studio/server/store/update-log'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openFreshStore, storeKinds } from '../support/stores.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** An update that adds `item` to the document's 'items', from a writer of its own. */
function itemUpdate(item: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getArray<string>('items').push([item])
  return Y.encodeStateAsUpdate(doc)
}

describe.each(storeKinds)('peeking at a document that is seldom loaded, on %s', (kind) => {
  it('reads it from the store again only once what is stored for it has changed', async () => {
    const store = await openFreshStore(kind, cleanups)
    const serverChanges = createServerChanges(new Hocuspocus({ quiet: true }), store)
    let reads = 0
    const items = (doc: Y.Doc) => {
      reads += 1
      return doc.getArray<string>('items').toArray()
    }
    await appendUpdate(store, { document: 'list', update: itemUpdate('first'), authorId: null })

    expect(await serverChanges.peekKept('list', 'test', items)).toEqual(['first'])
    expect(await serverChanges.peekKept('list', 'test', items)).toEqual(['first'])
    expect(reads, 'the second call is answered from the first read').toBe(1)

    await appendUpdate(store, { document: 'other', update: itemUpdate('elsewhere'), authorId: null })
    expect(await serverChanges.peekKept('list', 'test', items)).toEqual(['first'])
    expect(reads, 'another document\'s change leaves this one\'s answer').toBe(1)

    await appendUpdate(store, { document: 'list', update: itemUpdate('second'), authorId: null })
    expect((await serverChanges.peekKept('list', 'test', items)).sort()).toEqual(['first', 'second'])
    expect(reads).toBe(2)

    await compactDocument(store.db, store.dialect, 'list')
    expect((await serverChanges.peekKept('list', 'test', items)).sort()).toEqual(['first', 'second'])
    expect(reads, 'a compaction rewrites what is stored, so it is read again').toBe(3)

    expect(await serverChanges.peekKept('list', 'another reader', (doc) => doc.getArray('items').length)).toBe(2)
    expect(reads, 'each key keeps its own answer').toBe(3)
  })

  it('reads the live document while it is loaded, whatever was kept', async () => {
    const store = await openFreshStore(kind, cleanups)
    const hocuspocus = new Hocuspocus({ quiet: true })
    const serverChanges = createServerChanges(hocuspocus, store)
    const items = (doc: Y.Doc) => doc.getArray<string>('items').toArray()
    await appendUpdate(store, { document: 'list', update: itemUpdate('stored'), authorId: null })
    expect(await serverChanges.peekKept('list', 'test', items)).toEqual(['stored'])

    // This Hocuspocus has no persistence: the loaded document holds only what is typed into it.
    const connection = await hocuspocus.openDirectConnection('list', {})
    cleanups.push(() => connection.disconnect())
    await connection.transact((doc) => doc.getArray<string>('items').push(['live']))
    expect(await serverChanges.peekKept('list', 'test', items)).toEqual(['live'])
  })
})
