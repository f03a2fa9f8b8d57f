/**
 * Opens the store: node:sqlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is
 * set. Either way the rest of the server sees one typed Kysely instance, migrated, and
 * whether it can write now (`availability`). A store that cannot be opened at start is a
 * StoreStartError naming the variable to fix.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { isStoreUnavailable, StoreAvailability } from './availability.ts'
import { migrationProvider, type Dialect } from './migrations.ts'
import type { Database } from './schema.ts'
import { openSqlite, silenceSqliteExperimentalWarning } from './sqlite-adapter.ts'
import { postgresStartError, sqliteStartError } from './start-errors.ts'

export interface Store {
  db: Kysely<Database>
  dialect: Dialect
  /**
   * SQLite only: runs a single write at once, without Kysely's queue, when no transaction
   * is open (returns false otherwise). The update log uses it for edits, which are
   * frequent and small enough that Kysely's own overhead cost more than the write.
   */
  runUnlessInTransaction?: (query: CompiledQuery) => boolean
  /** Whether the store can write now; writers wait on it through an outage (availability.ts). */
  availability: StoreAvailability
  close(): Promise<void>
}

export interface StoreOptions {
  dataDir: string
  databaseUrl: string | null
  /** Told when PostgreSQL ends an idle connection (a restart, a failover); the pool replaces it. */
  onConnectionLost?: (error: Error) => void
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const startError = (error: unknown) =>
    options.databaseUrl ? postgresStartError(options.databaseUrl, error) : sqliteStartError(options.dataDir, error)
  let store: Store
  try {
    store = options.databaseUrl ? postgresStore(options.databaseUrl, options.onConnectionLost) : sqliteStore(options.dataDir)
  } catch (error) {
    throw startError(error) ?? error
  }
  try {
    await migrate(store)
  } catch (error) {
    await store.close()
    throw startError((error as Error).cause ?? error) ?? error
  }
  return store
}

/** The SQLite database file in DATA_DIR. */
export function sqliteFilename(dataDir: string): string {
  return path.join(dataDir, 'studio.sqlite')
}

function sqliteStore(dataDir: string): Store {
  silenceSqliteExperimentalWarning()
  const filename = sqliteFilename(dataDir)
  createOwnerOnly(dataDir, filename)
  const connection = openSqlite(filename)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection.database }) })
  const availability = new StoreAvailability({
    probe: async () => connection.probeWrite(),
    describe: (error) => isStoreUnavailable(error) && (error as { errcode?: number }).errcode === 5
      ? 'the database file is locked by another process'
      : 'the database file cannot be written',
  })
  return { db, dialect: 'sqlite', runUnlessInTransaction: connection.runUnlessInTransaction, availability, close: () => db.destroy() }
}

/**
 * The database holds password hashes, sessions and every document: only its owner may
 * read it. The directory is created 0700 (an existing one is left as it is: DATA_DIR may
 * be a directory others also use) and the file 0600 before SQLite opens it; SQLite gives
 * the WAL and shared-memory files the database file's mode, and any left from an earlier
 * run are tightened too.
 */
function createOwnerOnly(dataDir: string, filename: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  closeSync(openSync(filename, 'a', 0o600))
  for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600)
  }
}

/**
 * Connections that die (a restart, a failover) are dropped by the pool and replaced on
 * the next query; a connection attempt gives up after a few seconds, so an unreachable
 * server is an error to wait out or report, never a hang.
 */
const postgresConnectTimeoutMs = 5000

function postgresStore(connectionString: string, onConnectionLost: (error: Error) => void = () => {}): Store {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: postgresConnectTimeoutMs })
  // An idle connection's error reaches the pool; unheard, it would crash the process.
  pool.on('error', onConnectionLost)
  // A connection lent out hears of the server ending it (a restart, an administrator) as an
  // 'error' on itself when no query is running on it, inside a transaction between two queries
  // say, and the pool does not listen while it is lent: unheard, that ended the process too.
  // Nothing is lost by ignoring it here: the next query on it fails and says why, and the pool
  // drops the connection when it comes back.
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const availability = new StoreAvailability({
    probe: async () => {
      await pool.query('select 1')
    },
    describe: (error) => (isStoreUnavailable(error) ? 'PostgreSQL cannot be reached' : 'PostgreSQL refused the write'),
  })
  return { db, dialect: 'postgres', availability, close: () => db.destroy() }
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
  }
}
