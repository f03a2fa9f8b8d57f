/**
 * GET /healthz: 200 {"status":"ok"} while the store can take a write, 503
 * {"status":"unavailable","store","reason"} while it cannot (a locked SQLite file, a
 * PostgreSQL restart), so a load balancer or a person can tell. It probes the store on
 * each request and answers within about a second whatever the store does; the reason is
 * a fixed phrase, never an address or an error message.
 */
import type { FastifyInstance } from 'fastify'
import type { Store } from '../store/database.ts'

export function registerHealthRoute(app: FastifyInstance, store: Store): void {
  app.get('/healthz', async (_request, reply) => {
    const state = await store.availability.check()
    reply.header('cache-control', 'no-store')
    if (state.writable) return { status: 'ok' }
    return reply.code(503).header('retry-after', '1').send({ status: 'unavailable', store: store.dialect, reason: state.reason })
  })
}
