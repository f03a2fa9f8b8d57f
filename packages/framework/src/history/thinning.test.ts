/**
 * Thinning over a simulated year: every automatic version of the last day kept, then at most
 * one an hour to a week, one a day to a month, one a week after; named, before-import,
 * before-restore and meeting-end versions never thinned; thinning twice deletes nothing more.
 */
import type { VersionKind } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { estimateYearOfHistory } from './storage-estimate.ts'
import { thinVersions, type ThinnableVersion } from './thinning.ts'

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const start = Date.parse('2026-01-05T00:00:00Z')
const now = start + 365 * day

/** A year of work: weekdays 9:00 to 18:00, an automatic version every 20 minutes, a named one each Friday, other kinds now and then. */
function simulatedYear(): ThinnableVersion[] {
  const versions: ThinnableVersion[] = []
  let id = 0
  for (let time = start; time < now; time += 20 * minute) {
    const date = new Date(time)
    const weekday = date.getUTCDay()
    const hourOfDay = date.getUTCHours()
    if (weekday === 0 || weekday === 6 || hourOfDay < 9 || hourOfDay >= 18) continue
    versions.push({ id: `v${++id}`, document: 'terms-of-reference', kind: 'auto', createdAt: new Date(time).toISOString() })
    const special: VersionKind | null = weekday === 5 && hourOfDay === 17 && date.getUTCMinutes() === 0 ? 'named' : id % 997 === 0 ? 'before-import' : id % 991 === 0 ? 'before-restore' : id % 983 === 0 ? 'meeting-end' : null
    if (special) versions.push({ id: `v${++id}`, document: 'terms-of-reference', kind: special, createdAt: time })
  }
  return versions
}

describe('thinning automatic versions', () => {
  const versions = simulatedYear()
  const doomed = new Set(thinVersions(versions, now))
  const kept = versions.filter((version) => !doomed.has(version.id))
  const ageOf = (version: ThinnableVersion) => now - new Date(version.createdAt).getTime()
  const autos = (from: number, to: number) => kept.filter((version) => version.kind === 'auto' && ageOf(version) >= from && ageOf(version) < to)
  const perBucket = (list: ThinnableVersion[], size: number, offset = 0) => {
    const counts = new Map<number, number>()
    for (const version of list) {
      const bucket = Math.floor((new Date(version.createdAt).getTime() + offset) / size)
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
    }
    return Math.max(0, ...counts.values())
  }

  it('keeps every version a person made or that guards a big change', () => {
    for (const version of versions) if (version.kind !== 'auto') expect(doomed.has(version.id)).toBe(false)
    expect(versions.filter((version) => version.kind === 'named').length).toBeGreaterThan(50)
  })

  it('keeps all of the last day, then the newest of each hour, day and week', () => {
    const lastDay = versions.filter((version) => version.kind === 'auto' && ageOf(version) < day)
    expect(autos(0, day)).toEqual(lastDay)
    expect(perBucket(autos(day, 7 * day), hour)).toBe(1)
    expect(perBucket(autos(7 * day, 30 * day), day)).toBe(1)
    expect(perBucket(autos(30 * day + 7 * day, Infinity), 7 * day, 3 * day)).toBe(1)
    // The newest of each bucket is the one kept.
    for (const version of autos(7 * day, 30 * day)) {
      const sameDay = versions.filter((other) => other.kind === 'auto' && Math.floor(new Date(other.createdAt).getTime() / day) === Math.floor(new Date(version.createdAt).getTime() / day))
      expect(version.id).toBe(sameDay.at(-1)!.id)
    }
    expect(kept.length).toBeLessThan(400)
    expect(versions.length).toBeGreaterThan(6000)
  })

  it('deletes nothing more when run again, and nothing of another document', () => {
    expect(thinVersions(kept, now)).toEqual([])
    const other = versions.map((version) => ({ ...version, id: `other-${version.id}`, document: 'competency-matrix' }))
    expect(thinVersions([...kept, ...other.slice(-3)], now)).toEqual([])
  })

  it('stays bounded as the year goes on, thinned every day', () => {
    let stored: ThinnableVersion[] = []
    let most = 0
    for (let time = start; time < now; time += day) {
      stored.push(...versions.filter((version) => {
        const at = new Date(version.createdAt).getTime()
        return at >= time - day && at < time
      }))
      const gone = new Set(thinVersions(stored, time))
      stored = stored.filter((version) => !gone.has(version.id))
      most = Math.max(most, stored.filter((version) => version.kind === 'auto').length)
    }
    expect(most).toBeLessThan(200)
  })
})

describe('estimating a year of history', () => {
  it('simulates the work and reports what the kept versions take', () => {
    const captured: string[] = []
    const deleted: string[] = []
    const year = estimateYearOfHistory({ days: 42, onCapture: (version) => captured.push(version.id), onDelete: (ids) => deleted.push(...ids) })
    expect(year.captured).toBe(captured.length)
    expect(year.deleted).toBe(deleted.length)
    expect(year.kept.length).toBe(captured.length - deleted.length)
    expect(year.kept.filter((version) => version.kind === 'meeting-end')).toHaveLength(6)
    expect(year.bytes.total).toBe(year.bytes['terms-of-reference'] + year.bytes['competency-matrix'] + year.bytes.meeting)
    expect(year.bytes['competency-matrix']).toBeGreaterThan(0)
  })
})
