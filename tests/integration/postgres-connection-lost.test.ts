/**
 * PostgreSQL ending a connection the studio holds between two queries (an administrator's
 * pg_terminate_backend, or a restart) fails what runs on that connection with a clear error
 * and nothing else: the process keeps running (an unheard 'error' event used to end it,
 * which Vitest reports as an uncaught exception) and the next transaction works. The same
 * for a backup's snapshot, which reads on a connection of its own.
 */
import { backedUpTables } from '@studio/server/backup/backup-format'
import { openSnapshot } from '@studio/server/backup/store-snapshot'
import { openStore } from '@studio/server/store/database'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore, openFreshStore } from '../support/stores.ts'
import { waitFor } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Ends backend `pid` and waits until PostgreSQL no longer lists it. */
async function terminate(administrator: pg.Client, pid: number): Promise<void> {
  await administrator.query('select pg_terminate_backend($1)', [pid])
  await waitFor(async () => (await administrator.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount === 0, 5000, 'the backend to end')
}

async function administratorClient(): Promise<pg.Client> {
  const administrator = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await administrator.connect()
  cleanups.push(() => administrator.end())
  return administrator
}

describe.skipIf(!process.env.DATABASE_URL)('a PostgreSQL connection ended while the studio holds it', () => {
  it('fails the transaction on it, keeps the process, and serves the next one', async () => {
    const store = await openFreshStore('postgres', cleanups)
    const administrator = await administratorClient()

    const outcome = await store.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      // The connection is idle inside the transaction while the server ends it.
      await terminate(administrator, rows[0]!.pid)
      return sql`select 1`.execute(trx).then(() => 'answered', (error: Error) => error.message)
    }).catch((error: Error) => error.message)
    expect(outcome).toMatch(/terminat|connection|not queryable/i)

    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db)
    expect(rows).toEqual([{ one: 1 }])
  })

  it('fails a backup\'s snapshot read on it, and keeps the process', async () => {
    const target = await freshStore('postgres')
    cleanups.push(() => target.dispose())
    // Opened once, so its tables exist.
    await (await openStore(target)).close()
    const snapshot = await openSnapshot({ dataDir: target.dataDir, databaseUrl: target.databaseUrl })
    const administrator = await administratorClient()
    const { rows } = await administrator.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = $1 and state like 'idle in transaction%'", [new URL(target.databaseUrl!).pathname.slice(1)])
    expect(rows).toHaveLength(1)
    await terminate(administrator, rows[0]!.pid)

    const read = async () => {
      for await (const row of snapshot.rows(backedUpTables[0]!)) void row
    }
    await expect(read()).rejects.toThrow(/terminat|connection|not queryable/i)
    await snapshot.close().catch(() => {})
  })
})
