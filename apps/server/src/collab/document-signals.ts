/**
 * Tells everyone who has a document open that something beside it changed (contract:
 * document-signals.ts), on this instance and, through Redis pub/sub when REDIS_URL is set,
 * on every other. A signal is a hint to reload, never the only way to learn of a change:
 * pages still poll, so a signal lost with Redis costs a delay, not a missed proposal.
 *
 * The studio's own channel, not Hocuspocus's Redis extension: that one only carries a
 * document's messages from an instance where the document is loaded, and the request that
 * changed a proposal may run where nobody has the document open.
 */
import { encodeDocumentSignal, type DocumentSignal } from '@studio/contract'
import type { Hocuspocus } from '@hocuspocus/server'
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'

export interface DocumentSignals {
  /** Sends `signal` to every socket on `documentName`; never throws, never waits for Redis. */
  send(documentName: string, signal: DocumentSignal): void
  close(): Promise<void>
}

export interface DocumentSignalsOptions {
  hocuspocus: Pick<Hocuspocus, 'documents'>
  log: FastifyBaseLogger
  /** A publishing connection and a dedicated subscriber connection; absent without Redis. */
  redis?: { publisher: Redis; subscriber: Redis; prefix: string }
}

/** What travels between instances: the document, the signal's payload, and who sent it. */
interface SignalMessage {
  from: string
  documentName: string
  payload: string
}

export async function createDocumentSignals(options: DocumentSignalsOptions): Promise<DocumentSignals> {
  const { hocuspocus, log, redis } = options
  const channel = redis ? `${redis.prefix}document-signals` : ''
  const instance = randomUUID()

  // Only where the document is loaded: elsewhere nobody here has it open.
  const relayHere = (documentName: string, payload: string) => hocuspocus.documents.get(documentName)?.relayStateless(payload)

  if (redis) {
    await redis.subscriber.subscribe(channel)
    redis.subscriber.on('message', (from: string, raw: string) => {
      if (from !== channel) return
      try {
        const message = JSON.parse(raw) as SignalMessage
        if (message.from !== instance) relayHere(message.documentName, message.payload)
      } catch (error) {
        log.warn({ err: error }, 'ignored a malformed document signal')
      }
    })
  }

  return {
    send(documentName, signal) {
      const payload = encodeDocumentSignal(signal)
      relayHere(documentName, payload)
      // Queued while Redis reconnects, the signal would arrive late; the pages' polling covers it.
      if (!redis || redis.publisher.status !== 'ready') return
      const message: SignalMessage = { from: instance, documentName, payload }
      redis.publisher.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
        log.warn({ err: error }, 'could not publish a document signal; other instances\' pages see the change at their next poll')
      })
    },
    async close() {
      if (redis?.subscriber.status === 'ready') await redis.subscriber.unsubscribe(channel).catch(() => {})
    },
  }
}
