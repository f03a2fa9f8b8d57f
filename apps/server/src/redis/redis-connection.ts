/**
 * Every Redis client the studio opens (rate-limit counters, revocations, the collaboration
 * extension's pair) comes from here, so that an unreachable Redis is one clear log line
 * naming REDIS_URL and the fix, not ioredis's "Unhandled error event" stack printed by
 * every client on every retry. ioredis keeps retrying on its own; the clients share one
 * report, so an outage is one line when it starts and one when Redis answers again.
 */
import type { FastifyBaseLogger } from 'fastify'
import { Redis, type RedisOptions } from 'ioredis'

export interface RedisConnection {
  /** A client on REDIS_URL whose failures go to the shared report. */
  createClient(options?: RedisOptions): Redis
  /** For the start: resolves once `client` can take commands; while it cannot, ioredis keeps retrying. */
  untilReady(client: Redis): Promise<void>
}

/** Where REDIS_URL points, without a password. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
  } catch {
    return 'REDIS_URL'
  }
}

export function redisConnection(url: string, log: FastifyBaseLogger): RedisConnection {
  const address = redisAddress(url)
  let unreachable = false
  // Set while the start waits for Redis, so the line says the studio is not serving yet.
  let waitingToStart = false

  const reportFailure = (error: Error) => {
    if (unreachable) return
    unreachable = true
    const reason = (error as NodeJS.ErrnoException).code ?? error.message
    log.error(
      `Cannot reach Redis at ${address} (REDIS_URL): ${reason}. Start Redis there, or set REDIS_URL to a running Redis ` +
      `(or unset it to run a single instance without Redis). Retrying until it answers${waitingToStart ? '; the studio starts serving once it does' : ''}.`,
    )
  }
  const reportReady = () => {
    if (!unreachable) return
    unreachable = false
    log.info(`Redis at ${address} answers again.`)
  }

  return {
    createClient(options = {}) {
      const client = new Redis(url, options)
      client.on('error', reportFailure)
      client.on('ready', reportReady)
      return client
    },
    untilReady(client) {
      if (client.status === 'ready') return Promise.resolve()
      waitingToStart = true
      return new Promise((resolve) => client.once('ready', () => {
        waitingToStart = false
        resolve()
      }))
    },
  }
}
