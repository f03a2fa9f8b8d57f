/**
 * GET /metrics: open to the machine itself (a local Prometheus or an operator), otherwise
 * only with `Authorization: Bearer <METRICS_TOKEN>`. The caller's address is Fastify's
 * request.ip, so behind a trusted proxy it is the real client, never the proxy's loopback.
 */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ErrorCode } from '@studio/contract'
import { HttpError } from '../http/errors.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import type { StudioMetrics } from './studio-metrics.ts'

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function registerMetricsRoute(app: FastifyInstance, metrics: StudioMetrics, token: string | null): void {
  const exposition = download('text/plain', 'The Prometheus text exposition format (version 0.0.4).')
  app.get('/metrics', { schema: { summary: 'Prometheus metrics', response: withErrors({ 200: exposition }) } }, async (request, reply) => {
    if (!loopback.has(request.ip) && !bearerMatches(request, token)) {
      throw new HttpError(401, ErrorCode.unauthenticated, token ? 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".' : 'Metrics are served to this machine only unless METRICS_TOKEN is set.')
    }
    reply.header('content-type', metrics.registry.contentType)
    return metrics.registry.metrics()
  })
}

function bearerMatches(request: FastifyRequest, token: string | null): boolean {
  if (!token) return false
  const given = Buffer.from(request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
