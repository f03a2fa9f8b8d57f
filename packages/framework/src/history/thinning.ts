/**
 * Thinning keeps the history's storage bounded (issue 13, point 2). Versions a person made
 * or that guard a big change are kept for ever: `named`, `before-import`, `before-restore`
 * and `meeting-end` (why: docs/decisions.md, "History"). Automatic versions are kept by age:
 * all of the last day; then the newest of each hour until a week; the newest of each day
 * until a month (30 days); the newest of each week after that. Buckets are fixed UTC hours,
 * days and weeks (from Monday), which nest, so the version a bucket keeps is also the newest
 * of the smaller bucket it was in and survives each step: thinning again never changes its
 * mind. Each document is thinned on its own.
 */
import type { VersionKind } from '@studio/contract'

export interface ThinnableVersion {
  id: string
  /** The document's name; versions of different documents never share a bucket. */
  document?: string
  kind: VersionKind
  createdAt: Date | string | number
}

export const keptForEver: ReadonlySet<VersionKind> = new Set(['named', 'before-import', 'before-restore', 'meeting-end'])

const hour = 3_600_000
const day = 24 * hour
const week = 7 * day
/** 1970-01-01 was a Thursday: weeks counted from Monday 1969-12-29. */
const mondayOffset = 3 * day

export const thinningAges = { all: day, hourly: week, daily: 30 * day } as const

/** The bucket an automatic version of this age falls in, or null when every version of that age is kept. */
function bucketOf(time: number, age: number): string | null {
  if (age < thinningAges.all) return null
  if (age < thinningAges.hourly) return `h${Math.floor(time / hour)}`
  if (age < thinningAges.daily) return `d${Math.floor(time / day)}`
  return `w${Math.floor((time + mondayOffset) / week)}`
}

/** The ids of the versions to delete at `now`. */
export function thinVersions(versions: readonly ThinnableVersion[], now: Date | number = Date.now()): string[] {
  const at = typeof now === 'number' ? now : now.getTime()
  const newestByBucket = new Map<string, { id: string; time: number }>()
  const candidates: Array<{ id: string; bucket: string }> = []
  for (const version of versions) {
    if (version.kind !== 'auto') continue
    const time = new Date(version.createdAt).getTime()
    const bucket = bucketOf(time, at - time)
    if (bucket === null) continue
    const key = `${version.document ?? ''}\u0000${bucket}`
    candidates.push({ id: version.id, bucket: key })
    const newest = newestByBucket.get(key)
    if (!newest || time > newest.time || (time === newest.time && version.id > newest.id)) newestByBucket.set(key, { id: version.id, time })
  }
  return candidates.filter(({ id, bucket }) => newestByBucket.get(bucket)!.id !== id).map(({ id }) => id)
}
