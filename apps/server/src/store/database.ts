/**
 * Opens the store: node:sqlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is
 * set. Either way the rest of the server sees one typed Kysely instance, migrated.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { migrationProvider, type Dialect } from './migrations.ts'
import type { Database } from './schema.ts'
import { openSqlite, silenceSqliteExperimentalWarning } from './sqlite-adapter.ts'

export interface Store {
  db: Kysely<Database>
  dialect: Dialect
  close(): Promise<void>
}

export interface StoreOptions {
  dataDir: string
  databaseUrl: string | null
  /** Told when PostgreSQL ends an idle connection (a restart, a failover); the pool replaces it. */
  onConnectionLost?: (error: Error) => void
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const dialect: Dialect = options.databaseUrl ? 'postgres' : 'sqlite'
  const db = new Kysely<Database>({
    dialect: options.databaseUrl ? postgresDialect(options.databaseUrl, options.onConnectionLost) : sqliteDialect(options.dataDir),
  })
  const store: Store = { db, dialect, close: () => db.destroy() }
  try {
    await migrate(store)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return store
}

function sqliteDialect(dataDir: string): SqliteDialect {
  silenceSqliteExperimentalWarning()
  mkdirSync(dataDir, { recursive: true })
  return new SqliteDialect({ database: openSqlite(path.join(dataDir, 'studio.sqlite')) })
}

function postgresDialect(connectionString: string, onConnectionLost: (error: Error) => void = () => {}): PostgresDialect {
  const pool = new pg.Pool({ connectionString, max: 10 })
  // An idle connection's error reaches the pool; unheard, it would crash the process.
  pool.on('error', onConnectionLost)
  return new PostgresDialect({ pool })
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}
