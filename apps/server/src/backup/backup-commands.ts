/** `pnpm studio backup` and `pnpm studio restore` (cli.ts): arguments in, a summary line out. */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import type { Manifest } from './backup-format.ts'
import { restoreBackup } from './restore-backup.ts'
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
