/**
 * Snapshots (store/document-snapshots.ts): a document loads from its folded state and the
 * log's tail, and what it loads is what replaying the whole log gives, on both stores:
 * with snapshots written between interleaved writers on two instances, with an entry that
 * commits below a snapshot's id after the snapshot, after compaction, after a process
 * writing snapshots is killed mid-way, and after a backup is restored; and the collaboration
 * server writes them by itself, off the edit path, when compaction has not kept a log short.
 */
import { Server } from '@hocuspocus/server'
import { DurableLogExtension, type DurableLogOptions } from '@studio/server/collab/durable-log-extension'
import { writeSnapshot } from '@studio/server/store/document-snapshots'
import { openStore, type Store } from '@studio/server/store/database'
import { appendUpdate, compactDocument, loadDocumentTailInto, type LoadedLog } from '@studio/server/store/update-log'
import { sql } from 'kysely'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { runStudioCli } from '../support/studio-cli.ts'
import { freshStore, openFreshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { freePort, repositoryRoot, waitFor } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function target(kind: 'sqlite' | 'postgres'): Promise<StoreTarget> {
  const created = await freshStore(kind)
  cleanups.push(() => created.dispose())
  return created
}

async function open(storeTarget: StoreTarget): Promise<Store> {
  const store = await openStore(storeTarget)
  cleanups.push(() => store.close())
  return store
}

/** A writer of its own (one Yjs client), whose every edit is one update. */
function writer(name: string): { doc: Y.Doc; edit: () => Uint8Array } {
  const doc = new Y.Doc()
  let update: Uint8Array | null = null
  doc.on('update', (next: Uint8Array) => (update = next))
  let count = 0
  return {
    doc,
    edit() {
      const items = doc.getArray<string>('items')
      // Now and then a deletion, so the state holds deleted (garbage-collected) content too.
      if (count % 7 === 6 && items.length > 0) items.delete(0, 1)
      else items.insert(count % 3 === 0 ? 0 : items.length, [`${name} ${count}`])
      count++
      return update!
    },
  }
}

async function load(store: Store, document: string): Promise<{ doc: Y.Doc; loaded: LoadedLog }> {
  const doc = new Y.Doc()
  return { doc, loaded: await loadDocumentTailInto(store, document, doc) }
}

/** Replays every log entry, from an empty document, in id order: the document the log says. */
async function wholeLog(store: Store, document: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const rows = await store.db.selectFrom('document_updates').select('payload').where('document', '=', document).orderBy('id').execute()
  for (const row of rows) Y.applyUpdate(doc, row.payload)
  return doc
}

function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
  expect(actual.getArray('items').toArray()).toEqual(expected.getArray('items').toArray())
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true)
}

async function fold(store: Store, document: string) {
  return store.db.selectFrom('documents').select(['folded_through', 'folded_entries']).where('name', '=', document).executeTakeFirst()
}

describe.each(storeKinds)('document snapshots on %s', (kind) => {
  it('loads the folded state and only the tail, which gives the document the whole log gives, and keeps the log for history', async () => {
    const store = await openFreshStore(kind, cleanups)
    const alice = writer('alice')
    for (let i = 0; i < 25; i++) await appendUpdate(store, { document: 'meeting:s', update: alice.edit(), authorId: 'member-a' })
    expect(await writeSnapshot(store.db, store.dialect, 'meeting:s')).toBe(25)
    expect(await writeSnapshot(store.db, store.dialect, 'meeting:s')).toBe(0)
    for (let i = 0; i < 10; i++) await appendUpdate(store, { document: 'meeting:s', update: alice.edit(), authorId: 'member-b' })

    const { doc, loaded } = await load(store, 'meeting:s')
    expect(loaded).toEqual({ entries: 35, replayed: 10 })
    expectSameDocument(doc, alice.doc)
    expectSameDocument(doc, await wholeLog(store, 'meeting:s'))
    // Nothing left the log: history still reads every entry and its author.
    const authors = await store.db.selectFrom('document_updates').select('author_id').where('document', '=', 'meeting:s').execute()
    expect(authors).toHaveLength(35)

    // A second snapshot folds only the tail; compaction then empties the log and the fold.
    expect(await writeSnapshot(store.db, store.dialect, 'meeting:s')).toBe(10)
    expect((await load(store, 'meeting:s')).loaded).toEqual({ entries: 35, replayed: 0 })
    expect(await compactDocument(store.db, store.dialect, 'meeting:s')).toBe(35)
    expect(await fold(store, 'meeting:s')).toEqual({ folded_through: null, folded_entries: 0 })
    for (let i = 0; i < 3; i++) await appendUpdate(store, { document: 'meeting:s', update: alice.edit(), authorId: 'member-a' })
    const compacted = await load(store, 'meeting:s')
    expect(compacted.loaded).toEqual({ entries: 3, replayed: 3 })
    expectSameDocument(compacted.doc, alice.doc)
  })

  it('writes nothing for a document with no log, and leaves other documents alone', async () => {
    const store = await openFreshStore(kind, cleanups)
    expect(await writeSnapshot(store.db, store.dialect, 'meeting:never-written')).toBe(0)
    expect(await store.db.selectFrom('documents').select('name').execute()).toEqual([])
    const bob = writer('bob')
    await appendUpdate(store, { document: 'meeting:b', update: bob.edit(), authorId: null })
    await appendUpdate(store, { document: 'meeting:other', update: writer('x').edit(), authorId: null })
    await writeSnapshot(store.db, store.dialect, 'meeting:b')
    expect((await load(store, 'meeting:other')).loaded).toEqual({ entries: 1, replayed: 1 })
  })

  it('replays the whole log when an entry below the fold committed after it, and the next snapshot folds it in', async () => {
    const store = await openFreshStore(kind, cleanups)
    const alice = writer('alice')
    const late = writer('late')
    // Ids 1..6 alternate between this document and another; compacting the other frees ids 2, 4, 6.
    for (let i = 0; i < 3; i++) {
      await appendUpdate(store, { document: 'meeting:f', update: alice.edit(), authorId: null })
      await appendUpdate(store, { document: 'meeting:g', update: writer('g').edit(), authorId: null })
    }
    await appendUpdate(store, { document: 'meeting:f', update: alice.edit(), authorId: null })
    await compactDocument(store.db, store.dialect, 'meeting:g')
    await writeSnapshot(store.db, store.dialect, 'meeting:f')
    const ids = await store.db.selectFrom('document_updates').select('id').where('document', '=', 'meeting:f').orderBy('id').execute()
    expect((await fold(store, 'meeting:f'))?.folded_through).toBe(ids.at(-1)!.id)
    // What PostgreSQL allows when an insert holding a lower id commits after the snapshot read
    // the log: an entry with an id below the fold that the fold does not hold.
    const free = ids[0]!.id + 1
    const overriding = store.dialect === 'postgres' ? sql`OVERRIDING SYSTEM VALUE` : sql``
    await sql`INSERT INTO document_updates (id, document, payload, author_id, created_at) ${overriding}
      VALUES (${free}, ${'meeting:f'}, ${late.edit()}, ${null}, ${new Date().toISOString()})`.execute(store.db)

    const guarded = await load(store, 'meeting:f')
    expect(guarded.loaded).toEqual({ entries: 5, replayed: 5 })
    expect(guarded.doc.getArray('items').toArray()).toContain('late 0')
    expectSameDocument(guarded.doc, await wholeLog(store, 'meeting:f'))

    expect(await writeSnapshot(store.db, store.dialect, 'meeting:f')).toBe(5)
    const refolded = await load(store, 'meeting:f')
    expect(refolded.loaded).toEqual({ entries: 5, replayed: 0 })
    expectSameDocument(refolded.doc, guarded.doc)
  })

  it('gives the whole log\'s document with writers appending and writing snapshots at once (two instances on PostgreSQL)', async () => {
    const storeTarget = await target(kind)
    // Several instances share a database only on PostgreSQL (with Redis); SQLite has one process.
    const first = await open(storeTarget)
    const instances = [first, kind === 'postgres' ? await open(storeTarget) : first]
    const writers = [writer('one'), writer('two'), writer('three')]
    // Every writer sees the others' edits, as clients of one document do.
    for (const from of writers) {
      from.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'peer') return
        for (const to of writers) if (to !== from) Y.applyUpdate(to.doc, update, 'peer')
      })
    }
    await Promise.all(
      writers.map(async (each, index) => {
        const instance = instances[index % 2]!
        for (let i = 0; i < 60; i++) {
          await appendUpdate(instance, { document: 'meeting:busy', update: each.edit(), authorId: null })
          if (i % 15 === 14) await writeSnapshot(instance.db, instance.dialect, 'meeting:busy')
        }
      }),
    )
    for (const instance of instances) {
      const { doc, loaded } = await load(instance, 'meeting:busy')
      expect(loaded.entries).toBe(180)
      expect(loaded.replayed).toBeLessThan(180)
      expectSameDocument(doc, writers[0]!.doc)
      expectSameDocument(doc, await wholeLog(instance, 'meeting:busy'))
    }
  })

  it('loads what the whole log gives after a process writing snapshots is killed mid-way, again and again', async () => {
    const storeTarget = await target(kind)
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, [path.join(repositoryRoot, 'tests/support/snapshot-writer-child.ts')], {
        cwd: path.join(repositoryRoot, 'tests'),
        env: { ...process.env, DATA_DIR: storeTarget.dataDir, DATABASE_URL: storeTarget.databaseUrl ?? '', SNAPSHOT_CHILD_DOCUMENT: 'meeting:crash' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      await waitFor(() => (output.match(/^snapshot \d+$/gm) ?? []).length >= 3 + round, 60_000, `the child's snapshots (${output})`)
      // Somewhere in its loop: appending, or inside a snapshot's transaction.
      child.kill('SIGKILL')
      await exited
    }
    const store = await open(storeTarget)
    const { doc, loaded } = await load(store, 'meeting:crash')
    const whole = await wholeLog(store, 'meeting:crash')
    expect(loaded.entries).toBe((await store.db.selectFrom('document_updates').select('id').execute()).length)
    expect(loaded.replayed).toBeLessThan(loaded.entries)
    expect(doc.getArray('items').length).toBeGreaterThanOrEqual(4 * 3 * 40)
    expectSameDocument(doc, whole)
  }, 120_000)

  it('restores a snapshot with the log from a backup, and the restored store loads the same document', async () => {
    const source = await target(kind)
    const store = await open(source)
    const alice = writer('alice')
    for (let i = 0; i < 30; i++) {
      await appendUpdate(store, { document: 'meeting:r', update: alice.edit(), authorId: null })
      if (i === 19) await writeSnapshot(store.db, store.dialect, 'meeting:r')
    }
    const archive = path.join(source.dataDir, 'snapshot.ndjson.gz')
    const backup = await runStudioCli(source, ['backup', '--out', archive])
    expect(backup.stderr).toBe('')
    for (const to of storeKinds) {
      const restoredTarget = await target(to)
      const restore = await runStudioCli(restoredTarget, ['restore', archive])
      expect(restore.stderr).toBe('')
      expect(restore.code).toBe(0)
      const restored = await open(restoredTarget)
      expect(await fold(restored, 'meeting:r')).toEqual(await fold(store, 'meeting:r'))
      const { doc, loaded } = await load(restored, 'meeting:r')
      expect(loaded).toEqual({ entries: 30, replayed: 10 })
      expectSameDocument(doc, alice.doc)
      // The restored log goes on from there.
      await appendUpdate(restored, { document: 'meeting:r', update: writer(`after ${to}`).edit(), authorId: null })
      const continued = await load(restored, 'meeting:r')
      expect(continued.loaded).toEqual({ entries: 31, replayed: 11 })
      expect(continued.doc.getArray('items').toArray()).toContain(`after ${to} 0`)
      expectSameDocument(continued.doc, await wholeLog(restored, 'meeting:r'))
    }
  }, 60_000)
})

describe.runIf(storeKinds.includes('postgres'))('document snapshots on postgres, with an insert still open', () => {
  it('never skips an entry whose id came before the fold but which committed after it', async () => {
    const storeTarget = await target('postgres')
    const store = await open(storeTarget)
    const alice = writer('alice')
    const slow = writer('slow')
    await appendUpdate(store, { document: 'meeting:late', update: alice.edit(), authorId: null })
    // An import-like transaction takes its id, then stays open while others append and a snapshot is written.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let inserted!: () => void
    const hasId = new Promise<void>((resolve) => (inserted = resolve))
    const slowTransaction = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('document_updates').values({ document: 'meeting:late', payload: slow.edit(), author_id: null, created_at: new Date().toISOString() }).execute()
      inserted()
      await held
    })
    await hasId
    for (let i = 0; i < 5; i++) await appendUpdate(store, { document: 'meeting:late', update: alice.edit(), authorId: null })
    expect(await writeSnapshot(store.db, store.dialect, 'meeting:late')).toBe(6)
    release()
    await slowTransaction

    const { doc, loaded } = await load(store, 'meeting:late')
    expect(loaded).toEqual({ entries: 7, replayed: 7 })
    expect(doc.getArray('items').toArray()).toContain('slow 0')
    expectSameDocument(doc, await wholeLog(store, 'meeting:late'))
    expect(await writeSnapshot(store.db, store.dialect, 'meeting:late')).toBe(7)
    expect((await load(store, 'meeting:late')).loaded).toEqual({ entries: 7, replayed: 0 })
  })
})

describe.each(storeKinds)('the collaboration server on %s', (kind) => {
  it('writes a snapshot every so many edits, and after loading a long tail, without deleting the log', async () => {
    const store = await openFreshStore(kind, cleanups)
    // A log longer than the snapshot interval, written before the server opened the document.
    const earlier = writer('earlier')
    for (let i = 0; i < 30; i++) await appendUpdate(store, { document: 'meeting:live', update: earlier.edit(), authorId: null })
    const errors: unknown[] = []
    const log = { debug() {}, info() {}, warn() {}, error: (...args: unknown[]) => errors.push(args) } as unknown as DurableLogOptions['log']
    const durableLog = new DurableLogExtension({ store, log, compactAfter: 100_000, snapshotEvery: 20 })
    const port = await freePort()
    const server = new Server({
      port,
      address: '127.0.0.1',
      quiet: true,
      extensions: [{ onConnect: async () => ({ member: { id: 'member-a', name: 'A', role: 'contributor' } }) }, durableLog],
    })
    await server.listen()
    cleanups.push(() => server.destroy())
    const provider = connectProvider({ baseUrl: `http://127.0.0.1:${port}`, document: 'meeting:live' })
    cleanups.push(async () => destroyProvider(provider))
    await waitFor(() => provider.synced, 10_000, 'the document to sync')
    // Loading replayed 30 entries, more than 20: a snapshot follows the load.
    await waitFor(async () => (await fold(store, 'meeting:live'))?.folded_entries === 30, 10_000, 'the snapshot after the load')

    const items = provider.document.getArray<string>('items')
    for (let i = 0; i < 45; i++) {
      items.push([`typed ${i}`])
      await waitFor(() => !provider.hasUnsyncedChanges, 10_000, 'the edit to be acknowledged')
    }
    await durableLog.settled()
    // 45 edits after the load: snapshots after the 20th and 40th. A snapshot folds what is logged
    // when it runs, off the edit path, so on a busy machine the next edit or two may be in it too;
    // the rest is the tail.
    const folded = (await fold(store, 'meeting:live'))!.folded_entries
    expect(folded).toBeGreaterThanOrEqual(70)
    expect(folded).toBeLessThanOrEqual(75)
    const { doc, loaded } = await load(store, 'meeting:live')
    expect(loaded).toEqual({ entries: 75, replayed: 75 - folded })
    expectSameDocument(doc, provider.document)
    expect(errors).toEqual([])
  })
})
