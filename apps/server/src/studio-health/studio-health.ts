/**
 * What the organisers' health page shows (issue 18), gathered fresh on each request from
 * the parts themselves: the store's probe, a Redis PING, the backup directory and the
 * store's daily-backup claims, the collaboration server's counts, statfs on DATA_DIR and
 * the mailer's failure count. The warnings (a backup overdue, the disk nearly full) are
 * decided here, so the page and the banner on every page agree.
 */
import { backupOverdueAfterHours, type StudioHealth, type StudioHealthWarning } from '@studio/contract'
import type { Redis } from 'ioredis'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { statfs } from 'node:fs/promises'
import path from 'node:path'
import { lastDailyBackupAt, newestBackup } from '../backup/daily-backups.ts'
import type { BackupService } from '../backup/backup-plugin.ts'
import type { Collaboration } from '../collab/collaboration.ts'
import { repositoryRoot, type Config } from '../config.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Store } from '../store/database.ts'

/**
 * A backup is not called overdue until the studio has run this long: the first daily pass
 * comes five minutes after a start (backup-plugin.ts), and a large store takes a while to
 * write. A studio restarted often still warns once it has been up this long.
 */
export const backupGraceMs = 60 * 60_000
/** The disk counts as nearly full below either of these. */
export const diskLowDefaults = { minFreeBytes: 1024 ** 3, minFreeRatio: 0.05 }

export interface HealthSources {
  config: Pick<Config, 'dataDir' | 'backupDir' | 'backupKeep' | 'smtpUrl'>
  store: Store
  redis: Redis | null
  collaboration: Collaboration
  mailer: Mailer
  backups: BackupService
  now: () => Date
  startedAt: Date
  diskLow: { minFreeBytes: number; minFreeRatio: number }
}

const serverVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
let commit: Promise<string | null> | undefined

/** The checkout's commit, asked of git once; null when the studio does not run from a git checkout. */
function currentCommit(): Promise<string | null> {
  commit ??= new Promise((resolve) => {
    execFile('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repositoryRoot, timeout: 2000 }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null)
    })
  })
  return commit
}

export async function gatherHealth(sources: HealthSources): Promise<StudioHealth> {
  const now = sources.now()
  const [commitId, storeState, redis, last, lastDaily, disk] = await Promise.all([
    currentCommit(),
    sources.store.availability.check(),
    sources.redis ? redisReachable(sources.redis).then((reachable) => ({ reachable })) : null,
    newestBackup(sources.config.backupDir),
    lastDailyBackupAt(sources.store.db),
    diskUnder(sources.config.dataDir, sources.diskLow),
  ])
  const uptimeMs = Math.max(0, now.getTime() - sources.startedAt.getTime())
  const newest = Math.max(last?.at.getTime() ?? -Infinity, lastDaily?.getTime() ?? -Infinity)
  const overdue = uptimeMs >= backupGraceMs && (newest === -Infinity || now.getTime() - newest > backupOverdueAfterHours * 3_600_000)
  const connections = sources.collaboration.connections.contexts()
  const mailFailures = sources.mailer.failures()
  const lastFailure = sources.backups.lastFailureAt()
  return {
    version: serverVersion,
    commit: commitId,
    startedAt: sources.startedAt.toISOString(),
    uptimeSeconds: Math.floor(uptimeMs / 1000),
    store: { kind: sources.store.dialect, writable: storeState.writable, reason: storeState.writable ? null : storeState.reason },
    redis,
    backup: {
      directory: sources.config.backupDir,
      keep: sources.config.backupKeep,
      last: last ? { at: last.at.toISOString(), file: last.file, bytes: last.bytes } : null,
      lastDailyAt: lastDaily?.toISOString() ?? null,
      lastFailureAt: lastFailure?.toISOString() ?? null,
      overdue,
    },
    activity: {
      documentsOpen: sources.collaboration.hocuspocus.getDocumentsCount(),
      peopleOnline: new Set(connections.map((context) => context.member.id)).size,
      connections: connections.length,
    },
    disk,
    mail: {
      transport: sources.config.smtpUrl ? 'smtp' : 'outbox',
      failuresSinceStart: mailFailures.count,
      lastFailureAt: mailFailures.lastAt?.toISOString() ?? null,
    },
    warnings: warningsFor({ overdue, hasBackup: newest !== -Infinity, disk }),
  }
}

export function warningsFor(state: { overdue: boolean; hasBackup: boolean; disk: StudioHealth['disk'] }): StudioHealthWarning[] {
  const warnings: StudioHealthWarning[] = []
  if (state.overdue) {
    warnings.push({
      kind: 'backup-overdue',
      message: state.hasBackup
        ? `The last backup is more than ${backupOverdueAfterHours} hours old. Check the studio's log for why the daily backup failed, and take one by hand.`
        : 'The studio has not taken a backup yet. Check its log for why the daily backup failed, and take one by hand.',
    })
  }
  if (state.disk?.low) {
    warnings.push({
      kind: 'disk-low',
      message: 'The disk holding the studio\'s data is nearly full. Free some space (old backups, the mail outbox) before writes start to fail.',
    })
  }
  return warnings
}

async function redisReachable(redis: Redis): Promise<boolean> {
  if (redis.status !== 'ready') return false
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 1000)))
  try {
    return await Promise.race([redis.ping().then((answer) => answer === 'PONG', () => false), timedOut])
  } finally {
    clearTimeout(timer)
  }
}

/** statfs on DATA_DIR, or on its nearest existing parent before the studio has written there. */
async function diskUnder(directory: string, limits: HealthSources['diskLow']): Promise<StudioHealth['disk']> {
  for (let candidate = directory; ; candidate = path.dirname(candidate)) {
    try {
      const stats = await statfs(candidate)
      const freeBytes = stats.bavail * stats.bsize
      const totalBytes = stats.blocks * stats.bsize
      const low = freeBytes < limits.minFreeBytes || (totalBytes > 0 && freeBytes / totalBytes < limits.minFreeRatio)
      return { directory, freeBytes, totalBytes, low }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(candidate) === candidate) return null
    }
  }
}
