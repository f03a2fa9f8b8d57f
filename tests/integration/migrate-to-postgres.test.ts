/**
 * `pnpm studio migrate --to postgres://...` (issue 18): a real SQLite workspace, written
 * by real providers through a real studio, moved by the real CLI into a fresh PostgreSQL
 * database; the summary says every table and document matches, a studio on PostgreSQL
 * shows the content, a non-empty target is refused, and the check itself catches a
 * changed row and a changed document.
 */
import { richTextField } from '@studio/framework'
import { backedUpTables } from '@studio/server/backup/backup-format'
import { verifyCopy } from '@studio/server/backup/verify-copy'
import { appendUpdate } from '@studio/server/store/update-log'
import { openStore } from '@studio/server/store/database'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { call } from '../support/membership.ts'
import { createMembers, signIn } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { runStudioCli } from '../support/studio-cli.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function store(kind: 'sqlite' | 'postgres'): Promise<StoreTarget> {
  const target = await freshStore(kind)
  cleanups.push(() => target.dispose())
  return target
}

async function typeInto(baseUrl: string, cookie: string, document: string, text: string): Promise<void> {
  const provider = connectProvider({ baseUrl, cookie, document })
  try {
    await waitFor(() => provider.synced, 10_000, `${document} to sync`)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    provider.document.getXmlFragment(richTextField).push([paragraph])
    await waitFor(() => !provider.hasUnsyncedChanges, 10_000, 'the edit to be acknowledged')
  } finally {
    destroyProvider(provider)
  }
}

describe.skipIf(!storeKinds.includes('postgres'))('pnpm studio migrate --to postgres://', () => {
  it('copies a SQLite workspace into an empty PostgreSQL database and checks every table and document', async () => {
    const sqlite = await store('sqlite')
    const [organiser] = await createMembers(sqlite, [{ name: 'Olive Organiser', role: 'organiser' }])
    const running = await startStudio(sqlite)
    const cookie = await signIn(running.url, organiser!.email)
    await typeInto(running.url, cookie, 'terms-of-reference', 'Written on SQLite before the move.')
    expect((await call(running, 'POST', '/api/comments', { cookie, body: { document: 'terms-of-reference', anchor: 'text', body: 'Moving soon.' } })).status).toBe(201)
    await running.close()

    const postgres = await store('postgres')
    const moved = await runStudioCli(sqlite, ['migrate', '--to', postgres.databaseUrl!])
    expect(moved.stderr).toBe('')
    expect(moved.code).toBe(0)
    expect(moved.stdout).toMatch(/^Copied the SQLite workspace in .* into postgres:\/\/.* through .*studio-before-migrate-.*\.ndjson\.gz\.\n/)
    expect(moved.stdout).toMatch(new RegExp(`Tables: ${backedUpTables.length} checked, \\d+ rows; every row count and row hash matches\\.`))
    expect(moved.stdout).toMatch(/Documents: \d+ checked; every document's content matches\./)
    const archives = await readdir(path.join(sqlite.dataDir, 'backups'))
    expect(archives).toHaveLength(1)
    const archive = path.join(sqlite.dataDir, 'backups', archives[0]!)
    const target = { dataDir: sqlite.dataDir, databaseUrl: postgres.databaseUrl }
    expect((await verifyCopy(archive, target)).ok).toBe(true)

    // The studio on PostgreSQL has what was written on SQLite.
    const onPostgres = await startStudio({ ...postgres, dataDir: sqlite.dataDir })
    cleanups.push(() => onPostgres.close())
    const again = await signIn(onPostgres.url, organiser!.email)
    const reader = connectProvider({ baseUrl: onPostgres.url, cookie: again, document: 'terms-of-reference' })
    cleanups.push(() => destroyProvider(reader))
    await waitFor(() => reader.synced, 10_000, 'the terms to sync from PostgreSQL')
    expect(reader.document.getXmlFragment(richTextField).toString()).toContain('Written on SQLite before the move.')
    const comments = await call(onPostgres, 'GET', '/api/comments?document=terms-of-reference', { cookie: again })
    expect(JSON.stringify(await comments.json())).toContain('Moving soon.')

    // A second move into the same, now non-empty, database is refused.
    const refused = await runStudioCli(sqlite, ['migrate', '--to', postgres.databaseUrl!])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('The target store is not empty')
    await onPostgres.close()

    // The check is real: a changed row and a changed document are both reported (the
    // studio on PostgreSQL may meanwhile have recorded a visit, which is reported too).
    const opened = await openStore(target)
    try {
      await opened.db.deleteFrom('sessions').execute()
      await opened.db.updateTable('comments').set({ body: 'Changed after the move.' }).execute()
      const stray = new Y.Doc()
      stray.getMap('stray').set('key', 'value')
      await appendUpdate(opened, { document: 'terms-of-reference', update: Y.encodeStateAsUpdate(stray), authorId: null })
    } finally {
      await opened.close()
    }
    const check = await verifyCopy(archive, target)
    expect(check.ok).toBe(false)
    expect(check.tables.filter((table) => !table.hashesMatch).map((table) => table.table)).toEqual(expect.arrayContaining(['document_updates', 'comments']))
    expect(check.documents.filter((document) => !document.contentMatches).map((document) => document.document)).toEqual(['terms-of-reference'])
  }, 120_000)

  it('refuses a target that is not PostgreSQL, and a configured store that is not SQLite', async () => {
    const sqlite = await store('sqlite')
    const notPostgres = await runStudioCli(sqlite, ['migrate', '--to', 'mysql://root@localhost/studio'])
    expect(notPostgres.code).toBe(1)
    expect(notPostgres.stderr).toContain('--to: name the PostgreSQL database to move into')
    const postgres = await store('postgres')
    const fromPostgres = await runStudioCli(postgres, ['migrate', '--to', postgres.databaseUrl!])
    expect(fromPostgres.code).toBe(1)
    expect(fromPostgres.stderr).toContain('DATABASE_URL is already set')
  }, 60_000)
})
