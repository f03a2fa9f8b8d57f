/**
 * Daily automatic backups (issue 18, daily-backups.ts): a pass five minutes after start,
 * once the studio has settled (and so short-lived test studios never take one), then every
 * hour, on the studio's clock; the first pass of each UTC day on any instance takes it.
 * Decorates `app.backups` so a test can run a pass at a chosen instant.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { randomUUID } from 'node:crypto'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { runDailyBackup } from './daily-backups.ts'
import type { WrittenBackup } from './write-backup.ts'

export interface BackupPluginOptions {
  /** The studio's clock; tests pass a chosen one. */
  now?: () => Date
}

export interface BackupService {
  runDailyBackup(): Promise<WrittenBackup | null>
  /** When a daily pass on this instance last failed (studio's clock); null when none has. */
  lastFailureAt(): Date | null
}

declare module 'fastify' {
  interface FastifyInstance {
    backups: BackupService
  }
}

const passMs = 60 * 60_000
const firstPassMs = 5 * 60_000

export const backupPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: BackupPluginOptions) => {
    const context = { db: app.store.db, config: app.config, instanceId: randomUUID(), now: options.now ?? (() => new Date()) }
    // One pass at a time on this instance; the day's claim keeps instances apart.
    let running: Promise<WrittenBackup | null> | null = null
    let lastFailureAt: Date | null = null
    const pass = () => (running ??= runDailyBackup(context)
      .catch((error: unknown) => {
        lastFailureAt = context.now()
        throw error
      })
      .finally(() => (running = null)))
    app.decorate('backups', { runDailyBackup: pass, lastFailureAt: () => lastFailureAt } satisfies BackupService)

    const timers: NodeJS.Timeout[] = []
    const report = (error: unknown) => app.log.error({ err: error }, 'could not take the daily backup')
    const logged = (written: WrittenBackup | null) => {
      if (written) app.log.info({ file: written.file }, 'took the daily backup')
    }
    app.addHook('onReady', async () => {
      timers.push(setTimeout(() => void pass().then(logged, report), firstPassMs).unref())
      timers.push(setInterval(() => void pass().then(logged, report), passMs).unref())
    })
    app.addHook('onClose', async () => {
      for (const timer of timers) clearTimeout(timer)
      await running?.catch(() => null)
    })
  },
  { name: 'backups', dependencies: [studioServicesPluginName], fastify: '5.x' },
)
