/**
 * Takes access away at once: closes a member's (or one session's) collaboration sockets
 * with the contract's close code on this instance and, through Redis pub/sub when
 * REDIS_URL is set, on every other instance too.
 *
 * Redis is a fast path, never the only one. The change is committed in the store before
 * anyone is told, so when Redis cannot carry the message the other instances still find
 * it: their periodic re-check (collab/socket-recheck.ts) reads the store within seconds,
 * and when their Redis connection comes back they re-check at once, because a message
 * published while Redis was down was lost. The answer says which happened, so an
 * organiser is not shown a bare 500 for a suspension that was in fact committed.
 */
import { revocationHeader, type CloseCode } from '@studio/contract'
import type { FastifyBaseLogger, FastifyReply } from 'fastify'
import type { Redis, RedisOptions } from 'ioredis'
import { hashToken } from '../sessions/tokens.ts'
import type { MemberConnections } from './member-connections.ts'

/**
 * How far the revocation reached: everywhere (this instance closed the sockets and every
 * other instance was told), or only here (Redis could not be reached: the others apply it
 * within `withinSeconds`, sooner when Redis returns).
 */
export type RevocationReach = { everywhere: true } | { everywhere: false; withinSeconds: number }

/** Says so in the contract's `X-Studio-Revocation` header: `applied`, or `deferred; within=<seconds>`. */
export function reportRevocation(reply: FastifyReply, reach: RevocationReach): void {
  reply.header(revocationHeader, reach.everywhere ? 'applied' : `deferred; within=${reach.withinSeconds}`)
}

export interface Revocations {
  closeMemberSockets(memberId: string, code: CloseCode): Promise<RevocationReach>
  /** Closes the sockets opened with this session (signed out, replaced at sign-in) with 4401. */
  closeSessionSockets(sessionToken: string, code: CloseCode): Promise<RevocationReach>
  close(): Promise<void>
}

/** A session travels as its hash, as it is stored: the token itself never leaves the instance. */
type RevocationMessage = { memberId: string; code: CloseCode } | { sessionHash: string; code: CloseCode }

export interface RevocationOptions {
  connections: MemberConnections
  log: FastifyBaseLogger
  /** How long the other instances take to find a change on their own (their re-check), in ms. */
  recheckIntervalMs: number
  /** Runs when the subscriber connection comes back after a loss: re-check every socket now. */
  onRedisReturn?: () => void
  /** A publishing connection and a dedicated subscriber connection; absent without Redis. */
  redis?: { publisher: Redis; subscriber: Redis; prefix: string }
}

/**
 * Reconnect to a Redis that went away within a quarter of a second of its return (ioredis
 * backs off to 2 s by default): the re-check on return is what delivers revocations
 * published while it was down, within a second.
 */
export const quickReconnect: Pick<RedisOptions, 'retryStrategy'> = { retryStrategy: (times) => Math.min(times * 50, 250) }

/** A publish that Redis has not confirmed by then counts as not delivered. */
const publishTimeoutMs = 1000

export async function createRevocations(options: RevocationOptions): Promise<Revocations> {
  const { connections, redis, log } = options
  const channel = redis ? `${redis.prefix}revocations` : ''
  // The re-check's interval, plus a second for its query, rounded up.
  const deferred: RevocationReach = { everywhere: false, withinSeconds: Math.ceil(options.recheckIntervalMs / 1000) + 1 }

  const apply = (message: RevocationMessage) => {
    if ('memberId' in message) return connections.closeMember(message.memberId, message.code)
    return connections.closeMatching((context) => hashToken(context.sessionToken) === message.sessionHash, message.code)
  }

  const tell = async (message: RevocationMessage): Promise<RevocationReach> => {
    if (!redis) return { everywhere: true }
    // Queued in ioredis while it reconnects, the message would arrive late or never: skip it and
    // leave it to the re-check on return (or the periodic one), which reads the store.
    if (redis.publisher.status !== 'ready') return deferred
    try {
      await withTimeout(redis.publisher.publish(channel, JSON.stringify(message)), publishTimeoutMs)
      return { everywhere: true }
    } catch (error) {
      log.warn({ err: error }, 'could not publish a revocation; other instances apply it at their next re-check')
      return deferred
    }
  }

  if (redis) {
    await redis.subscriber.subscribe(channel)
    redis.subscriber.on('message', (from: string, raw: string) => {
      if (from !== channel) return
      try {
        apply(JSON.parse(raw) as RevocationMessage)
      } catch (error) {
        log.warn({ err: error }, 'ignored a malformed revocation message')
      }
    })
    watchConnection(redis.subscriber, log, () => options.onRedisReturn?.())
  }

  return {
    async closeMemberSockets(memberId, code) {
      connections.closeMember(memberId, code)
      return tell({ memberId, code })
    },
    async closeSessionSockets(sessionToken, code) {
      connections.closeSession(sessionToken, code)
      return tell({ sessionHash: hashToken(sessionToken), code })
    },
    async close() {
      if (redis?.subscriber.status === 'ready') await redis.subscriber.unsubscribe(channel).catch(() => {})
    },
  }
}

/**
 * Calls `onReturn` each time the connection is ready again after a loss. (Losses and
 * returns are logged once by redis/redis-connection.ts, which creates the clients.)
 */
function watchConnection(connection: Redis, log: FastifyBaseLogger, onReturn: () => void): void {
  let disconnected = false
  connection.on('close', () => (disconnected = true))
  connection.on('ready', () => {
    if (!disconnected) return
    disconnected = false
    log.info('Redis is back: re-checking live sockets and catching up loaded documents from the store')
    onReturn()
  })
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
