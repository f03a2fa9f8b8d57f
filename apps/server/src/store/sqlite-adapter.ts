/**
 * Kysely's SqliteDialect expects a better-sqlite3-like database. node:sqlite (built into
 * Node 24) has the same shape once each statement says whether it returns rows, so the
 * embedded default needs no native module.
 */
import type { CompiledQuery, SqliteDatabase, SqliteStatement } from 'kysely'
import { DatabaseSync, type StatementSync } from 'node:sqlite'

export interface SqliteConnection {
  /** What Kysely's SqliteDialect drives. */
  database: SqliteDatabase
  /**
   * Runs a write at once, on its own (it commits by itself), unless a transaction is open
   * on the connection: then it returns false and the caller must queue it through Kysely.
   * A write run inside someone else's open transaction would be rolled back with it.
   */
  runUnlessInTransaction(query: CompiledQuery): boolean
  /** Throws, within the busy timeout, unless a write could start now. */
  probeWrite(): void
}

/**
 * How long a statement waits for another process's lock before failing with "database
 * is locked". node:sqlite is synchronous, so this wait blocks the whole event loop: it is
 * kept short, and the writes that matter (the update log) wait for a locked file
 * asynchronously instead (store/availability.ts). 50 ms still covers another process's
 * ordinary write, such as the CLI creating a member.
 */
export const sqliteBusyTimeoutMs = 50

export function openSqlite(filename: string): SqliteConnection {
  const database = new DatabaseSync(filename)
  // WAL keeps readers and the single writer apart; NORMAL sync is crash-safe for a
  // killed process (only a power cut can lose the last transactions).
  database.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${sqliteBusyTimeoutMs};`)
  const statements = new StatementCache(database)
  const parameters = (values: ReadonlyArray<unknown>) => values as never[]
  return {
    database: {
      close: () => database.close(),
      prepare(sql: string): SqliteStatement {
        const { statement, reader } = statements.get(sql)
        return {
          reader,
          all: (values) => statement.all(...parameters(values)),
          run: (values) => {
            const { changes, lastInsertRowid } = statement.run(...parameters(values))
            return { changes, lastInsertRowid }
          },
          iterate: (values) => statement.iterate(...parameters(values)),
        }
      },
    },
    runUnlessInTransaction(query) {
      // Kysely runs a transaction's statements one by one with awaits between them, and
      // holds its lock on this connection meanwhile; a synchronous run here cannot land
      // inside one unless it is open, which SQLite itself reports.
      if (database.isTransaction) return false
      statements.get(query.sql).statement.run(...parameters(query.parameters))
      return true
    },
    probeWrite() {
      // Inside one of our own transactions the answer belongs to that transaction;
      // BEGIN here would fail for the wrong reason.
      if (database.isTransaction) return
      // Takes the write lock and gives it back at once: nothing is written. In WAL mode
      // reads go on while another process holds the lock, so only a write can tell.
      database.exec('BEGIN IMMEDIATE')
      database.exec('ROLLBACK')
    },
  }
}

/**
 * Kysely prepares every query it runs, and most queries are the same few texts (the
 * update-log append above all), so prepared statements are kept and reused. Reuse is safe
 * because Kysely runs one query at a time on this single connection. The oldest entry goes
 * once the cache is full, so queries built with varying texts (IN lists) cannot grow it.
 */
class StatementCache {
  private readonly entries = new Map<string, { statement: StatementSync; reader: boolean }>()
  private readonly database: DatabaseSync
  private readonly capacity = 200

  constructor(database: DatabaseSync) {
    this.database = database
  }

  get(sql: string): { statement: StatementSync; reader: boolean } {
    let entry = this.entries.get(sql)
    if (entry) {
      // Most recently used last, so the first key is the one to evict.
      this.entries.delete(sql)
    } else {
      const statement = this.database.prepare(sql)
      entry = { statement, reader: statement.columns().length > 0 }
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!)
    }
    this.entries.set(sql, entry)
    return entry
  }
}

/** node:sqlite prints one ExperimentalWarning on first use; everything else still warns. */
export function silenceSqliteExperimentalWarning(): void {
  const emitWarning = process.emitWarning.bind(process)
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const message = typeof warning === 'string' ? warning : warning.message
    if (message.includes('SQLite is an experimental feature')) return
    return (emitWarning as (...args: unknown[]) => void)(warning, ...rest)
  }) as typeof process.emitWarning
}
