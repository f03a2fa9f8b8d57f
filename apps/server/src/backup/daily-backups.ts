/**
 * The daily automatic backup: once per UTC day, into BACKUP_DIR, keeping the newest
 * BACKUP_KEEP archives. With several instances on one store only one takes each day's
 * backup: a `settings` row per day is the claim, with a lease another instance may take
 * over once it has run out (the claimant died mid-backup), like the notification mails'.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from '../store/schema.ts'
import { writeBackup, type WrittenBackup } from './write-backup.ts'

/** How long a claimant has to finish the day's backup before another instance may take it over. */
const claimLeaseMs = 60 * 60_000
const archivePattern = /^studio-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.ndjson\.gz$/

export interface DailyBackupContext {
  db: Kysely<Database>
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'backupDir' | 'backupKeep'>
  instanceId: string
  now: () => Date
}

interface Claim {
  by: string
  until: string
  done: boolean
}

/** The archive's name: when it was taken, in UTC, so names sort oldest first. */
export function archiveName(at: Date): string {
  return `studio-backup-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.ndjson.gz`
}

/** Takes today's backup unless one was (or is being) taken; returns it, or null when there was nothing to do. */
export async function runDailyBackup(context: DailyBackupContext): Promise<WrittenBackup | null> {
  const startedAt = context.now()
  const key = `backup:daily:${startedAt.toISOString().slice(0, 10)}`
  if (!(await claimDay(context, key, startedAt))) return null
  await mkdir(context.config.backupDir, { recursive: true, mode: 0o700 })
  const written = await writeBackup(context.config, path.join(context.config.backupDir, archiveName(startedAt)), startedAt)
  const done: Claim = { by: context.instanceId, until: startedAt.toISOString(), done: true }
  await context.db.updateTable('settings').set({ value: JSON.stringify(done) }).where('key', '=', key).execute()
  await pruneBackups(context.config.backupDir, context.config.backupKeep)
  return written
}

async function claimDay(context: DailyBackupContext, key: string, at: Date): Promise<boolean> {
  const claim = JSON.stringify({ by: context.instanceId, until: new Date(at.getTime() + claimLeaseMs).toISOString(), done: false } satisfies Claim)
  const inserted = await context.db.insertInto('settings').values({ key, value: claim })
    .onConflict((conflict) => conflict.column('key').doNothing()).executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true
  const existing = await context.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  if (!existing) return false
  const held = JSON.parse(existing.value) as Claim
  if (held.done || held.until > at.toISOString()) return false
  // The lease ran out: take it over, unless another instance just did (the old value is the guard).
  const taken = await context.db.updateTable('settings').set({ value: claim })
    .where('key', '=', key).where('value', '=', existing.value).executeTakeFirst()
  return Number(taken.numUpdatedRows) === 1
}

/** Deletes all but the newest `keep` archives; other files in the directory are left alone. */
export async function pruneBackups(directory: string, keep: number): Promise<string[]> {
  const archives = (await readdir(directory)).filter((name) => archivePattern.test(name)).sort()
  const old = archives.slice(0, Math.max(0, archives.length - keep))
  for (const name of old) await rm(path.join(directory, name), { force: true })
  return old
}

export interface StoredBackup {
  file: string
  /** When the backup began, read from the archive's name. */
  at: Date
  bytes: number
}

/** The newest daily archive in `directory`, or null when there is none (or no directory yet). */
export async function newestBackup(directory: string): Promise<StoredBackup | null> {
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw error
  })
  // Newest first; one deleted between the listing and its stat (retention) gives way to the next.
  for (const file of names.filter((name) => archivePattern.test(name)).sort().reverse()) {
    const details = await stat(path.join(directory, file)).catch(() => null)
    if (details) return { file, at: archiveTime(file), bytes: details.size }
  }
  return null
}

/** When the newest daily backup any instance on this store took began (its claim, marked done); null when none did. */
export async function lastDailyBackupAt(db: Kysely<Database>): Promise<Date | null> {
  const rows = await db.selectFrom('settings').select('value')
    .where('key', 'like', 'backup:daily:%').orderBy('key', 'desc').limit(7).execute()
  for (const row of rows) {
    const claim = JSON.parse(row.value) as Claim
    if (claim.done) return new Date(claim.until)
  }
  return null
}

function archiveTime(file: string): Date {
  const stamp = file.slice('studio-backup-'.length, -'Z.ndjson.gz'.length)
  const [day, time = ''] = stamp.split('T')
  return new Date(`${day}T${time.replaceAll('-', ':')}Z`)
}
