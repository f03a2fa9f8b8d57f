/**
 * PostgreSQL ending a connection the studio holds between two queries (an administrator's
 * pg_terminate_backend, or a restart) fails what runs on that connection with a clear error
 * and nothing else: the process keeps running (an unheard 'error' event used to end it,
 * which Vitest reports as an uncaught exception) and the next transaction works.
 */
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { openFreshStore } from '../support/stores.ts'
import { waitFor } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe.skipIf(!process.env.DATABASE_URL)('a PostgreSQL connection ended while the studio holds it', () => {
  it('fails the transaction on it, keeps the process, and serves the next one', async () => {
    const store = await openFreshStore('postgres', cleanups)
    const administrator = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await administrator.connect()
    cleanups.push(() => administrator.end())

    const outcome = await store.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      const pid = rows[0]!.pid
      await administrator.query('select pg_terminate_backend($1)', [pid])
      // The connection is idle inside the transaction while the server ends it.
      await waitFor(async () => (await administrator.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount === 0, 5000, 'the backend to end')
      return sql`select 1`.execute(trx).then(() => 'answered', (error: Error) => error.message)
    }).catch((error: Error) => error.message)
    expect(outcome).toMatch(/terminat|connection|not queryable/i)

    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db)
    expect(rows).toEqual([{ one: 1 }])
  })
})
