/**
 * The collaboration server on `/collab`, sharing the HTTP port. Wiring follows
 * Hocuspocus 4's own Server: a crossws node adapter whose hooks hand sockets to
 * Hocuspocus, with the upgrade decided first (websocket-gate.ts). Extensions run in
 * order: gatekeepers, then persistence.
 */
import { Redis as RedisExtension } from '@hocuspocus/extension-redis'
import { CloseCode, closeReasons } from '@studio/contract'
import { Hocuspocus, type Extension, type WebSocketLike } from '@hocuspocus/server'
import { Redis } from 'ioredis'
import crossws from 'crossws/adapters/node'
import type { FastifyBaseLogger } from 'fastify'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { SessionPolicy } from '../sessions/sessions.ts'
import { DeliveryCounterExtension } from '../metrics/delivery-counter-extension.ts'
import type { StudioMetrics } from '../metrics/studio-metrics.ts'
import type { Store } from '../store/database.ts'
import { DocumentAccessExtension } from './document-access-extension.ts'
import { DocumentModelExtension } from './document-model-extension.ts'
import { DurableLogExtension } from './durable-log-extension.ts'
import { maxSocketsPerMember, MemberConnections } from './member-connections.ts'
import { SocketDocuments } from './socket-documents.ts'
import { VouchedPresenceExtension } from './vouched-presence-extension.ts'
import { decideUpgrade, type CollabContext } from './websocket-gate.ts'

export const collabPath = '/collab'

export interface CollaborationOptions {
  store: Store
  log: FastifyBaseLogger
  publicOrigin: string
  sessionPolicy: SessionPolicy
  compactAfter?: number
  /** Write a snapshot once this many log entries are not in the stored state (store/document-snapshots.ts). */
  snapshotEvery?: number
  metrics?: StudioMetrics
  /** The ranks of the scale a member's assessment is checked against (assessment/, handed over by app.ts). */
  assessmentScale?: (memberId: string) => Promise<ReadonlySet<number>>
  /** With REDIS_URL: instances share documents and awareness through Redis. */
  redis?: { url: string; prefix: string; createClient?: () => Redis }
}

export interface Collaboration {
  hocuspocus: Hocuspocus<CollabContext>
  connections: MemberConnections
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Closes every socket, waits for documents to unload and their logs to be compacted. */
  shutdown(): Promise<void>
}

type Peer = { websocket: unknown; request: unknown; context: Record<string, unknown>; close(code?: number, reason?: string): void }
type HocuspocusConnection = ReturnType<Hocuspocus['handleConnection']>
const connectionOf = new WeakMap<object, HocuspocusConnection>()
/** The documents each accepted socket holds; a socket without an entry is closing and its frames are dropped. */
const documentsOf = new WeakMap<object, SocketDocuments>()

export function createCollaboration(options: CollaborationOptions): Collaboration {
  const durableLog = new DurableLogExtension({
    store: options.store, log: options.log, compactAfter: options.compactAfter ?? 500, snapshotEvery: options.snapshotEvery ?? 1000, ...(options.metrics ? { metrics: options.metrics } : {}),
  })
  // The model check comes before the durable log, so a refused update is never logged.
  const extensions: Extension[] = [new DocumentAccessExtension(), new VouchedPresenceExtension(), new DocumentModelExtension({ log: options.log, ...(options.assessmentScale ? { assessmentScale: options.assessmentScale } : {}) }), durableLog]
  if (options.metrics) extensions.push(new DeliveryCounterExtension(options.metrics.deliveries))
  // Updates relayed from another instance arrive with Redis as their origin and skip beforeSync:
  // that instance logged them, and they are not logged twice.
  if (options.redis) extensions.push(redisExtension(options.redis))
  const hocuspocus = new Hocuspocus<CollabContext>({
    quiet: true,
    // Nothing waits on this debounce: every update is already durable in the log.
    debounce: 2000,
    extensions,
  })
  const connections = new MemberConnections()
  const gate = { db: options.store.db, publicOrigin: options.publicOrigin, sessionPolicy: options.sessionPolicy }
  // Set by shutdown: an upgrade still being decided then must not open a socket that nothing
  // will close, or closing the HTTP server would wait for it for ever.
  let shuttingDown = false
  const shuttingDownResponse = () => new Response('The studio is restarting. Try again in a moment.', {
    status: 503, statusText: 'Service Unavailable', headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close', 'retry-after': '5' },
  })

  const adapter = crossws({
    serverOptions: { maxPayload: 16 * 1024 * 1024 },
    hooks: {
      async upgrade(request) {
        if (shuttingDown) return shuttingDownResponse()
        const decision = await decideUpgrade(request.headers, gate)
        if (shuttingDown) return shuttingDownResponse()
        if (!decision.allow) {
          options.log.info({ status: decision.status }, 'refused collaboration socket')
          return new Response(decision.reason, {
            status: decision.status,
            statusText: decision.status === 401 ? 'Unauthorized' : 'Forbidden',
            headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },
          })
        }
        return { context: { collab: decision.context } }
      },
      open(peer) {
        if (shuttingDown) {
          peer.close(1001, 'server-shutting-down')
          return
        }
        const context = (peer as unknown as Peer).context.collab as CollabContext
        if (connections.countOf(context.member.id) >= maxSocketsPerMember) {
          peer.close(CloseCode.TooManyConnections, closeReasons[CloseCode.TooManyConnections])
          return
        }
        connections.add(peer, context)
        documentsOf.set(peer, new SocketDocuments())
        connectionOf.set(peer, hocuspocus.handleConnection(peer.websocket as unknown as WebSocketLike, peer.request as Request, context))
      },
      message(peer, message) {
        const frame = message.uint8Array()
        const documents = documentsOf.get(peer)
        if (!documents?.admit(frame)) {
          // One document too many: Hocuspocus never sees the name, so nothing is loaded for it.
          if (documents) peer.close(CloseCode.TooManyDocuments, closeReasons[CloseCode.TooManyDocuments])
          documentsOf.delete(peer)
          return
        }
        connectionOf.get(peer)?.handleMessage(frame)
      },
      close(peer, event) {
        connections.remove(peer)
        connectionOf.get(peer)?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' })
        connectionOf.delete(peer)
      },
      error(peer, error) {
        options.log.warn({ err: error }, 'collaboration socket error')
      },
    },
  })

  return {
    hocuspocus,
    connections,
    handleUpgrade(request, socket, head) {
      adapter.handleUpgrade(request, socket, head)
    },
    async shutdown() {
      shuttingDown = true
      hocuspocus.closeConnections()
      adapter.closeAll(1001, 'server-shutting-down', false)
      hocuspocus.flushPendingStores()
      await waitUntil(() => hocuspocus.getDocumentsCount() === 0, 5000)
      await durableLog.settled()
    },
  }
}

function redisExtension({ url, prefix, createClient }: { url: string; prefix: string; createClient?: () => Redis }): Extension {
  // Its own connections (one publishes, one subscribes), from the full URL, so rediss:// and passwords work;
  // from the studio's factory when given, which reports an unreachable Redis once instead of per retry.
  return new RedisExtension({ createClient: createClient ?? (() => new Redis(url)), prefix: `${prefix}collab` })
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
}
