/**
 * Migrations carry existing data forward: a workspace created by an earlier version keeps
 * every update-log entry, in order and with its author, when the studio starts on it.
 */
import { appendUpdate, loadDocumentInto } from '@studio/server/store/update-log'
import { openStore } from '@studio/server/store/database'
import { migrationProvider } from '@studio/server/store/migrations'
import type { Database } from '@studio/server/store/schema'
import { openSqlite } from '@studio/server/store/sqlite-adapter'
import { Kysely, sql, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { freshStore } from '../support/stores.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) doc.getArray<string>('items').push([`item ${i}`])
  return updates
}

describe('migrating a SQLite workspace made before 0005', () => {
  it('keeps the update log, its order and authors, and appends after it without AUTOINCREMENT', async () => {
    const target = await freshStore('sqlite')
    cleanups.push(() => target.dispose())
    const updates = edits(4)

    // The workspace as the version before 0005 left it.
    const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(path.join(target.dataDir, 'studio.sqlite')).database }) })
    const migrated = await new Migrator({ db: old, provider: migrationProvider('sqlite') }).migrateTo('0004_comments')
    expect(migrated.error).toBeUndefined()
    for (const [i, update] of updates.slice(0, 3).entries()) {
      await old.insertInto('document_updates').values({ document: 'meeting:a', payload: update, author_id: `member-${i}`, created_at: 'then' }).execute()
    }
    await old.destroy()

    const store = await openStore(target)
    cleanups.push(() => store.close())
    await appendUpdate(store, { document: 'meeting:a', update: updates[3]!, authorId: 'member-3' })

    const rows = await store.db.selectFrom('document_updates').select(['id', 'author_id']).orderBy('id').execute()
    expect(rows).toEqual([1, 2, 3, 4].map((id) => ({ id, author_id: `member-${id - 1}` })))
    const doc = new Y.Doc()
    expect(await loadDocumentInto(store, 'meeting:a', doc)).toBe(4)
    expect(doc.getArray('items').toArray()).toEqual(['item 0', 'item 1', 'item 2', 'item 3'])
    const definition = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'document_updates'`.execute(store.db)
    expect(definition.rows[0]!.sql).not.toMatch(/autoincrement/i)
    const indexes = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'document_updates'`.execute(store.db)
    expect(indexes.rows.map((row) => row.name)).toContain('document_updates_document')
  })
})
