/**
 * Takes access away at once: closes a member's collaboration sockets with the contract's
 * close code on this instance and, through Redis pub/sub when REDIS_URL is set, on every
 * other instance too.
 */
import type { CloseCode } from '@studio/contract'
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import type { MemberConnections } from '../collab/member-connections.ts'

export interface Revocations {
  closeMemberSockets(memberId: string, code: CloseCode): Promise<void>
  close(): Promise<void>
}

interface RevocationMessage {
  memberId: string
  code: CloseCode
}

export interface RevocationOptions {
  connections: MemberConnections
  log: FastifyBaseLogger
  /** A publishing connection and a dedicated subscriber connection; absent without Redis. */
  redis?: { publisher: Redis; subscriber: Redis; prefix: string }
}

export async function createRevocations(options: RevocationOptions): Promise<Revocations> {
  const { connections, redis } = options
  const channel = redis ? `${redis.prefix}revocations` : ''
  if (redis) {
    await redis.subscriber.subscribe(channel)
    redis.subscriber.on('message', (from: string, raw: string) => {
      if (from !== channel) return
      try {
        const message = JSON.parse(raw) as RevocationMessage
        connections.closeMember(message.memberId, message.code)
      } catch (error) {
        options.log.warn({ err: error }, 'ignored a malformed revocation message')
      }
    })
  }
  return {
    async closeMemberSockets(memberId, code) {
      connections.closeMember(memberId, code)
      if (redis) await redis.publisher.publish(channel, JSON.stringify({ memberId, code } satisfies RevocationMessage))
    },
    async close() {
      if (redis) await redis.subscriber.unsubscribe(channel)
    },
  }
}
