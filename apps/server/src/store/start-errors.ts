/**
 * What a person starting the studio reads when the store cannot be opened: one line that
 * names the variable to look at (DATA_DIR or DATABASE_URL) and what to do, instead of a
 * stack trace. main.ts prints it and exits; anything not recognised here is a bug and
 * keeps its stack.
 */
import { isStoreUnavailable } from './availability.ts'

export class StoreStartError extends Error {
  override name = 'StoreStartError'
}

/** File-system codes that mean DATA_DIR cannot hold the database. */
const unwritableCodes = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EISDIR', 'ELOOP', 'ENAMETOOLONG'])
/** SQLite: read-only, I/O error, disk full, cannot open, "not a database". */
const sqliteFileCodes = new Set([8, 10, 13, 14, 26])

export function sqliteStartError(dataDir: string, error: unknown): StoreStartError | null {
  const { code, errcode } = error as { code?: unknown; errcode?: unknown }
  const recognised = (typeof code === 'string' && unwritableCodes.has(code)) || (typeof errcode === 'number' && sqliteFileCodes.has(errcode & 0xff))
  if (!recognised) return null
  return new StoreStartError(
    `DATA_DIR (${dataDir}) cannot hold the database: ${reasonOf(error)}. ` +
      'Set DATA_DIR to a directory this user can create and write files in, or fix its permissions.',
  )
}

export function postgresStartError(databaseUrl: string, error: unknown): StoreStartError | null {
  const where = describeUrl(databaseUrl)
  const code = (error as { code?: unknown }).code
  if (code === '28P01' || code === '28000') {
    return new StoreStartError(`PostgreSQL at DATABASE_URL (${where}) refused the user or password: ${reasonOf(error)}. Correct the credentials in DATABASE_URL.`)
  }
  if (code === '3D000') {
    return new StoreStartError(`The database named in DATABASE_URL (${where}) does not exist: create it (createdb) or correct DATABASE_URL.`)
  }
  if (!isStoreUnavailable(error)) return null
  return new StoreStartError(
    `Cannot reach PostgreSQL at DATABASE_URL (${where}): ${reasonOf(error)}. ` +
      'Start PostgreSQL there or correct DATABASE_URL (postgres://user:password@host:port/database); unset DATABASE_URL to use SQLite in DATA_DIR instead.',
  )
}

/** host:port/database, never the password. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`
  } catch {
    return 'an address that is not a URL'
  }
}

/** The error's code and message on one line (Node's AggregateError for a refused connection has an empty message). */
function reasonOf(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown }
  const text = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim() : ''
  if (typeof code === 'string' && !text.includes(code)) return text ? `${code} ${text}` : code
  return text || String(error)
}
