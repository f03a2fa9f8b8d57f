import { describe, expect, it } from 'vitest'
import { isStoreUnavailable, StoreAvailability } from './availability.ts'

const locked = Object.assign(new Error('database is locked'), { code: 'ERR_SQLITE_ERROR', errcode: 5 })

function availability(probe: () => Promise<void>) {
  return new StoreAvailability({ probe, describe: () => 'the database file is locked by another process' })
}

describe('isStoreUnavailable', () => {
  it('tells an unavailable store from a query no retry would fix', () => {
    expect(isStoreUnavailable(locked)).toBe(true)
    expect(isStoreUnavailable(Object.assign(new Error('disk I/O error'), { errcode: 10 | (3 << 8) }))).toBe(true)
    expect(isStoreUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true)
    expect(isStoreUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true)
    expect(isStoreUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true)
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true)

    expect(isStoreUnavailable(Object.assign(new Error('UNIQUE constraint failed'), { errcode: 19 }))).toBe(false)
    expect(isStoreUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false)
    expect(isStoreUnavailable(new TypeError('x is undefined'))).toBe(false)
  })
})

describe('StoreAvailability', () => {
  it('retries work through an outage and reports the store writable once it is back', async () => {
    let storeBack = false
    let attempts = 0
    const store = availability(async () => {
      if (!storeBack) throw locked
    })
    const outageStarts: boolean[] = []
    const done = store.untilDone(async () => {
      attempts++
      if (!storeBack) throw locked
      return 'written'
    }, { onWait: (_error, outageStarted) => outageStarts.push(outageStarted) })

    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(store.current).toEqual({ writable: false, reason: 'the database file is locked by another process' })
    expect((await store.check()).writable).toBe(false)
    storeBack = true
    expect(await done).toBe('written')
    expect(store.current).toEqual({ writable: true })
    expect(attempts).toBe(2)
    expect(outageStarts).toEqual([true])
  })

  it('throws at once a failure that is not an outage, and stops waiting when no longer wanted', async () => {
    const store = availability(async () => {
      throw locked
    })
    await expect(store.untilDone(async () => {
      throw new TypeError('a bug')
    })).rejects.toThrow('a bug')

    let wanted = true
    const abandoned = store.untilDone(async () => {
      throw locked
    }, { stillWanted: () => wanted })
    wanted = false
    await expect(abandoned).rejects.toThrow('database is locked')
  })

  it('answers a check within a second when the probe hangs', async () => {
    const store = availability(() => new Promise(() => {}))
    const started = performance.now()
    const state = await store.check()
    expect(state.writable).toBe(false)
    expect(performance.now() - started).toBeLessThan(1500)
  })
})
