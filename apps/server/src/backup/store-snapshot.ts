/**
 * One read snapshot of a store, on a connection of its own, so a backup sees every table
 * at one instant while the studio goes on writing. SQLite: a read transaction on a
 * separate read-only connection (WAL lets writers go on; the snapshot starts at its first
 * read). PostgreSQL: a REPEATABLE READ READ ONLY transaction, read through a cursor.
 * Rows stream: neither reader holds a whole table.
 */
import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import { sqliteFilename, type StoreOptions } from '../store/database.ts'
import type { Dialect } from '../store/migrations.ts'
import { silenceSqliteExperimentalWarning } from '../store/sqlite-adapter.ts'
import type { BackedUpTable } from './backup-format.ts'

export interface StoreSnapshot {
  dialect: Dialect
  rows(table: BackedUpTable): AsyncIterable<Record<string, unknown>>
  close(): Promise<void>
}

/** Rows fetched per round trip from PostgreSQL. */
const postgresPageRows = 500
/** How long the SQLite snapshot waits for a writer's lock before it starts. */
const sqliteBusyTimeoutMs = 5000

export async function openSnapshot(options: Pick<StoreOptions, 'dataDir' | 'databaseUrl'>): Promise<StoreSnapshot> {
  return options.databaseUrl ? postgresSnapshot(options.databaseUrl) : sqliteSnapshot(options.dataDir)
}

function sqliteSnapshot(dataDir: string): StoreSnapshot {
  silenceSqliteExperimentalWarning()
  const database = new DatabaseSync(sqliteFilename(dataDir), { readOnly: true })
  database.exec(`PRAGMA busy_timeout = ${sqliteBusyTimeoutMs}`)
  database.exec('BEGIN')
  return {
    dialect: 'sqlite',
    async *rows(table) {
      const statement = database.prepare(`SELECT * FROM ${table.name} ORDER BY ${table.orderBy}`)
      for (const row of statement.iterate()) yield { ...(row as Record<string, unknown>) }
    },
    async close() {
      if (database.isTransaction) database.exec('COMMIT')
      database.close()
    },
  }
}

async function postgresSnapshot(connectionString: string): Promise<StoreSnapshot> {
  const client = new pg.Client({ connectionString })
  // PostgreSQL ending the connection between two fetches (a restart) is an 'error' event on
  // the client, which unheard would end the studio mid-backup. The next query fails and the
  // backup reports it.
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  } catch (error) {
    await client.end()
    throw error
  }
  return {
    dialect: 'postgres',
    async *rows(table) {
      await client.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT * FROM ${table.name} ORDER BY ${table.orderBy}`)
      for (;;) {
        const page = await client.query<Record<string, unknown>>(`FETCH ${postgresPageRows} FROM backup_rows`)
        yield* page.rows
        if (page.rows.length < postgresPageRows) break
      }
      await client.query('CLOSE backup_rows')
    },
    async close() {
      try {
        await client.query('COMMIT')
      } finally {
        await client.end()
      }
    },
  }
}
