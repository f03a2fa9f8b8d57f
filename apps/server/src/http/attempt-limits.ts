/**
 * Counting attempts per key in a time window, for the rate limits that ARCHITECTURE.md
 * sets: failed sign-ins per account and per address, accepted sign-ups per address.
 * Counters live in Redis when REDIS_URL is set (shared by every instance), else in memory.
 * An attempt takes its place before it is tried and gives it back unless it counts (a
 * failed sign-in, an accepted sign-up), so a room of 60 people behind one address can
 * all sign in at once: they hold 60 of the address's 100 places only while being checked.
 */
import type { Redis } from 'ioredis'

export interface AttemptCounter {
  /**
   * Takes one of `max` places in the key's window, or answers false when none is left. The
   * check and the count are one step, so requests arriving together cannot all pass a check
   * made before any of them was counted (a password guessed in parallel, say).
   */
  take(key: string, max: number, windowMs: number): Promise<boolean>
  /** Gives a place back: the attempt turned out not to count (a sign-in that succeeded, a sign-up that failed). */
  giveBack(key: string): Promise<void>
}

export function memoryAttemptCounter(now: () => number = Date.now): AttemptCounter {
  const windows = new Map<string, { count: number; resetsAt: number }>()
  const live = (key: string) => {
    const window = windows.get(key)
    if (window && window.resetsAt <= now()) windows.delete(key)
    return windows.get(key)
  }
  return {
    async take(key, max, windowMs) {
      const window = live(key)
      if (window && window.count >= max) return false
      if (window) window.count += 1
      else windows.set(key, { count: 1, resetsAt: now() + windowMs })
      return true
    },
    async giveBack(key) {
      const window = live(key)
      if (window && --window.count <= 0) windows.delete(key)
    },
  }
}

// Decrements, and removes the key once nothing is left in it, in one step: DECR on a key
// that has just expired would otherwise leave a negative count with no expiry.
const giveBackScript = `local left = redis.call('DECR', KEYS[1])
if left <= 0 then redis.call('DEL', KEYS[1]) end
return left`

/**
 * Counters in Redis, shared by every instance, with this instance's own memory standing in
 * while Redis cannot answer: signing in and signing up must not depend on Redis any more
 * than revocation does. Meanwhile the limits hold per instance, looser by the number of
 * instances, until Redis returns; a place taken locally is given back locally.
 */
export function redisAttemptCounter(redis: Redis, prefix: string, onFallback: (error: unknown) => void = () => {}): AttemptCounter {
  const shared = sharedAttemptCounter(redis, prefix)
  const local = memoryAttemptCounter()
  const takenLocally = new Map<string, number>()
  return {
    async take(key, max, windowMs) {
      if (redis.status === 'ready') {
        try {
          return await shared.take(key, max, windowMs)
        } catch (error) {
          onFallback(error)
        }
      }
      const taken = await local.take(key, max, windowMs)
      if (taken) takenLocally.set(key, (takenLocally.get(key) ?? 0) + 1)
      return taken
    },
    async giveBack(key) {
      const locally = takenLocally.get(key) ?? 0
      if (locally > 0) {
        if (locally === 1) takenLocally.delete(key)
        else takenLocally.set(key, locally - 1)
        return local.giveBack(key)
      }
      try {
        await shared.giveBack(key)
      } catch (error) {
        // The place expires with its window: the worst is one attempt too few for a while.
        onFallback(error)
      }
    },
  }
}

function sharedAttemptCounter(redis: Redis, prefix: string): AttemptCounter {
  const fullKey = (key: string) => `${prefix}attempts:${key}`
  const giveBack = async (key: string) => {
    await redis.eval(giveBackScript, 1, fullKey(key))
  }
  return {
    async take(key, max, windowMs) {
      const count = await redis.incr(fullKey(key))
      // The first attempt opens the window; later ones do not extend it.
      if (count === 1) await redis.pexpire(fullKey(key), windowMs)
      if (count <= max) return true
      await giveBack(key)
      return false
    },
    giveBack,
  }
}
