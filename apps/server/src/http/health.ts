/**
 * GET /healthz: 200 {"status":"ok"} while the store can take a write, 503
 * {"status":"unavailable","store","reason"} while it cannot (a locked SQLite file, a
 * PostgreSQL restart), so a load balancer or a person can tell. It probes the store on
 * each request and answers within about a second whatever the store does; the reason is
 * a fixed phrase, never an address or an error message.
 */
import { errorBodySchema, healthyResponseSchema, unhealthyResponseSchema } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Store } from '../store/database.ts'
import { withErrors } from './route-schemas.ts'

export function registerHealthRoute(app: FastifyInstance, store: Store): void {
  app.withTypeProvider<ZodTypeProvider>().get('/healthz', {
    schema: {
      summary: 'Whether this instance can take a write',
      // An unexpected failure still answers with the error envelope, so 503 names both shapes.
      response: withErrors({ 200: healthyResponseSchema, 503: z.union([unhealthyResponseSchema, errorBodySchema]) }),
    },
  }, async (_request, reply) => {
    const state = await store.availability.check()
    reply.header('cache-control', 'no-store')
    if (state.writable) return { status: 'ok' as const }
    return reply.code(503).header('retry-after', '1').send({ status: 'unavailable', store: store.dialect, reason: state.reason })
  })
}
