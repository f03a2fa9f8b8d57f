/**
 * Counting attempts per key in a time window, for the rate limits that ARCHITECTURE.md
 * sets: failed sign-ins per account and per address, accepted sign-ups per address.
 * Counters live in Redis when REDIS_URL is set (shared by every instance), else in memory.
 * Only failures and accepted sign-ups count, so a room of 60 people behind one address
 * can all sign in at once.
 */
import type { Redis } from 'ioredis'

export interface AttemptCounter {
  count(key: string): Promise<number>
  add(key: string, windowMs: number): Promise<void>
}

export function memoryAttemptCounter(now: () => number = Date.now): AttemptCounter {
  const windows = new Map<string, { count: number; resetsAt: number }>()
  const live = (key: string) => {
    const window = windows.get(key)
    if (window && window.resetsAt <= now()) windows.delete(key)
    return windows.get(key)
  }
  return {
    async count(key) {
      return live(key)?.count ?? 0
    },
    async add(key, windowMs) {
      const window = live(key)
      if (window) window.count += 1
      else windows.set(key, { count: 1, resetsAt: now() + windowMs })
    },
  }
}

export function redisAttemptCounter(redis: Redis, prefix: string): AttemptCounter {
  return {
    async count(key) {
      return Number((await redis.get(`${prefix}attempts:${key}`)) ?? 0)
    },
    async add(key, windowMs) {
      const fullKey = `${prefix}attempts:${key}`
      const count = await redis.incr(fullKey)
      // The first attempt opens the window; later ones do not extend it.
      if (count === 1) await redis.pexpire(fullKey, windowMs)
    },
  }
}
