/**
 * Kysely's SqliteDialect expects a better-sqlite3-like database. node:sqlite (built into
 * Node 24) has the same shape once each statement says whether it returns rows, so the
 * embedded default needs no native module.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import { DatabaseSync } from 'node:sqlite'

export function openSqlite(filename: string): SqliteDatabase {
  const database = new DatabaseSync(filename)
  // WAL keeps readers and the single writer apart; NORMAL sync is crash-safe for a
  // killed process (only a power cut can lose the last transactions).
  database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;')
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const statement = database.prepare(sql)
      const parameters = (values: ReadonlyArray<unknown>) => values as never[]
      return {
        reader: statement.columns().length > 0,
        all: (values) => statement.all(...parameters(values)),
        run: (values) => {
          const { changes, lastInsertRowid } = statement.run(...parameters(values))
          return { changes, lastInsertRowid }
        },
        iterate: (values) => statement.iterate(...parameters(values)),
      }
    },
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
