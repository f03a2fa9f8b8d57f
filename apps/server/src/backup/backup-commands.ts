/** `pnpm studio backup`, `restore` and `migrate` (cli.ts): arguments in, a summary out. */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import type { Manifest } from './backup-format.ts'
import { restoreBackup } from './restore-backup.ts'
import { verifyCopy } from './verify-copy.ts'
import { writeBackup } from './write-backup.ts'

type UsageErrorClass = new (message: string) => Error

export async function backupCommand(args: string[], UsageError: UsageErrorClass): Promise<string> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true })
  if (!values.out) throw new UsageError('--out: name the archive file to write, such as --out studio-backup.ndjson.gz.')
  const { file, manifest } = await writeBackup(loadConfig(), path.resolve(values.out))
  return `Backed up the ${manifest.store} store to ${file}: ${describeRows(manifest)}.`
}

export async function restoreCommand(args: string[], UsageError: UsageErrorClass): Promise<string> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true })
  if (positionals.length !== 1) throw new UsageError('Name one archive file to restore.')
  const config = loadConfig()
  const { manifest, rows } = await restoreBackup(path.resolve(positionals[0]!), config)
  const into = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`
  return `Restored ${rows} rows from a ${manifest.store} backup of ${manifest.createdAt} into ${into}: ${describeRows(manifest)}. Everyone signs in again.`
}

export function describeRows(manifest: Manifest): string {
  const total = Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0)
  const named = ['members', 'documents', 'document_updates', 'document_versions', 'comments', 'audit_log']
    .map((name) => `${manifest.tables[name]?.rows ?? 0} ${name}`)
  return `${total} rows (${named.join(', ')})`
}

/**
 * `pnpm studio migrate --to postgres://...`: the SQLite workspace in DATA_DIR copied into an
 * empty PostgreSQL database through a backup archive (kept in BACKUP_DIR), then checked
 * table by table and document by document against that archive.
 */
export async function migrateCommand(args: string[], UsageError: UsageErrorClass): Promise<string> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } }, strict: true })
  if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
    throw new UsageError('--to: name the PostgreSQL database to move into, such as --to postgres://studio@localhost/studio.')
  }
  const config = loadConfig()
  if (config.databaseUrl) {
    throw new UsageError('migrate moves the SQLite workspace in DATA_DIR into PostgreSQL, but DATABASE_URL is already set: unset it to name the SQLite store to move.')
  }
  await mkdir(config.backupDir, { recursive: true, mode: 0o700 })
  const file = path.join(config.backupDir, `studio-before-migrate-${new Date().toISOString().replaceAll(':', '-')}.ndjson.gz`)
  await writeBackup(config, file)
  const target = { dataDir: config.dataDir, databaseUrl: values.to }
  const { rows } = await restoreBackup(file, target)
  const check = await verifyCopy(file, target)
  const where = redactPassword(values.to)
  const badTables = check.tables.filter((table) => !table.hashesMatch || table.archived !== table.copied)
  const badDocuments = check.documents.filter((document) => !document.contentMatches)
  const lines = [
    `Copied the SQLite workspace in ${config.dataDir} into ${where} through ${file}.`,
    `Tables: ${check.tables.length} checked, ${rows} rows; ${badTables.length === 0 ? 'every row count and row hash matches' : `MISMATCH in ${badTables.map((t) => `${t.table} (${t.archived} archived, ${t.copied} copied)`).join(', ')}`}.`,
    `Documents: ${check.documents.length} checked; ${badDocuments.length === 0 ? "every document's content matches" : `MISMATCH in ${badDocuments.map((d) => d.document).join(', ')}`}.`,
  ]
  if (!check.ok) throw new MigrationMismatch(lines.join('\n'))
  lines.push(`Next: stop the studio, set DATABASE_URL=${where} and start it again.`)
  return lines.join('\n')
}

/** A copy that does not match its archive: the command fails with the summary. */
export class MigrationMismatch extends Error {
  override name = 'MigrationMismatch'
}

function redactPassword(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}
