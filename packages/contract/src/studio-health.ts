/**
 * The organisers' health page (issue 18): GET /api/studio-health, for organisers only.
 * What a person looking after the studio for a year needs at a glance: which version runs
 * and since when, whether the store and Redis answer, the last backup and whether one is
 * overdue, how busy it is, the disk under DATA_DIR, and mail that could not be sent.
 * `warnings` are what the banner on every page shows organisers; the page lists the rest.
 */
import { z } from 'zod'

/** A backup is overdue once the newest is older than this (a day, with room for a late pass). */
export const backupOverdueAfterHours = 26

export const studioHealthWarningKinds = ['backup-overdue', 'disk-low'] as const

export const StudioHealthWarning = z.object({
  kind: z.enum(studioHealthWarningKinds),
  /** One sentence saying what is wrong and what to do. */
  message: z.string(),
})
export type StudioHealthWarning = z.infer<typeof StudioHealthWarning>

export const BackupFile = z.object({
  /** When the backup began (from the archive's name, on the studio's clock). */
  at: z.string(),
  /** The archive's file name in the backup directory. */
  file: z.string(),
  bytes: z.number().int().nonnegative(),
})
export type BackupFile = z.infer<typeof BackupFile>

export const StudioHealth = z.object({
  /** The server package's version, and the git commit it runs when it runs from a checkout. */
  version: z.string(),
  commit: z.string().nullable(),
  startedAt: z.string(),
  uptimeSeconds: z.number().int().nonnegative(),
  store: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    writable: z.boolean(),
    /** Why it cannot take a write, in a fixed phrase; null while it can. */
    reason: z.string().nullable(),
  }),
  /** Null without REDIS_URL. */
  redis: z.object({ reachable: z.boolean() }).nullable(),
  backup: z.object({
    directory: z.string(),
    keep: z.number().int(),
    /** The newest daily archive in `directory`; null when there is none. */
    last: BackupFile.nullable(),
    /** When the newest daily backup any instance on this store took began; null when none did. */
    lastDailyAt: z.string().nullable(),
    /** When this instance last failed to take the daily backup (the reason is in its log). */
    lastFailureAt: z.string().nullable(),
    overdue: z.boolean(),
  }),
  activity: z.object({
    /** Documents loaded on this instance, with or without anyone in them. */
    documentsOpen: z.number().int().nonnegative(),
    /** Members with at least one live connection to this instance. */
    peopleOnline: z.number().int().nonnegative(),
    connections: z.number().int().nonnegative(),
  }),
  /** The file system holding DATA_DIR; null when it could not be read. */
  disk: z.object({
    directory: z.string(),
    freeBytes: z.number().nonnegative(),
    totalBytes: z.number().nonnegative(),
    low: z.boolean(),
  }).nullable(),
  mail: z.object({
    /** `smtp` with SMTP_URL; `outbox` writes mail to DATA_DIR/outbox instead. */
    transport: z.enum(['smtp', 'outbox']),
    /** Messages this instance could not hand over since it started. */
    failuresSinceStart: z.number().int().nonnegative(),
    lastFailureAt: z.string().nullable(),
  }),
  warnings: z.array(StudioHealthWarning),
})
export type StudioHealth = z.infer<typeof StudioHealth>
