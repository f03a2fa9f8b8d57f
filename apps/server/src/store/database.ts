/**
 * Opens the store: node:sqlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is
 * set. Either way the rest of the server sees one typed Kysely instance, migrated.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { migrationProvider, type Dialect } from './migrations.ts'
import type { Database } from './schema.ts'
import { openSqlite, silenceSqliteExperimentalWarning } from './sqlite-adapter.ts'

export interface Store {
  db: Kysely<Database>
  dialect: Dialect
  /**
   * SQLite only: runs a single write at once, without Kysely's queue, when no transaction
   * is open (returns false otherwise). The update log uses it for edits, which are
   * frequent and small enough that Kysely's own overhead cost more than the write.
   */
  runUnlessInTransaction?: (query: CompiledQuery) => boolean
  close(): Promise<void>
}

export interface StoreOptions {
  dataDir: string
  databaseUrl: string | null
  /** Told when PostgreSQL ends an idle connection (a restart, a failover); the pool replaces it. */
  onConnectionLost?: (error: Error) => void
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.databaseUrl ? postgresStore(options.databaseUrl, options.onConnectionLost) : sqliteStore(options.dataDir)
  try {
    await migrate(store)
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}

function sqliteStore(dataDir: string): Store {
  silenceSqliteExperimentalWarning()
  mkdirSync(dataDir, { recursive: true })
  const connection = openSqlite(path.join(dataDir, 'studio.sqlite'))
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection.database }) })
  return { db, dialect: 'sqlite', runUnlessInTransaction: connection.runUnlessInTransaction, close: () => db.destroy() }
}

function postgresStore(connectionString: string, onConnectionLost: (error: Error) => void = () => {}): Store {
  const pool = new pg.Pool({ connectionString, max: 10 })
  // An idle connection's error reaches the pool; unheard, it would crash the process.
  pool.on('error', onConnectionLost)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}
