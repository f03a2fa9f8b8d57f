/**
 * The organisers' health page's API (issue 18): GET /api/studio-health, organisers only
 * (401 signed out, 403 for anyone else). The answer is gathered afresh each time and
 * never cached: it is what the page and the warning banner on every page show.
 */
import { StudioHealth } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Redis } from 'ioredis'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { approvedOnly } from '../accounts/authentication.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { withErrors } from '../http/route-schemas.ts'
import { diskLowDefaults, gatherHealth } from './studio-health.ts'

export interface StudioHealthPluginOptions {
  /** The studio's Redis connection for commands; null without REDIS_URL. */
  redis: Redis | null
  /** The studio's clock; tests pass a chosen one. */
  now?: () => Date
  /** When the disk counts as nearly full; tests move the line to see the warning. */
  diskLow?: { minFreeBytes: number; minFreeRatio: number }
}

export const studioHealthPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: StudioHealthPluginOptions) => {
    const now = options.now ?? (() => new Date())
    const sources = {
      config: app.config, store: app.store, redis: options.redis, collaboration: app.collaboration,
      mailer: app.mailer, backups: app.backups, now, startedAt: now(), diskLow: options.diskLow ?? diskLowDefaults,
    }
    app.withTypeProvider<ZodTypeProvider>().get('/api/studio-health', {
      preValidation: approvedOnly(['organiser']),
      schema: {
        summary: 'The studio\'s health for organisers: version, uptime, store, Redis, backups, activity, disk and mail',
        response: withErrors({ 200: StudioHealth }),
      },
    }, async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      return gatherHealth(sources)
    })
  },
  { name: 'studio-health', dependencies: [studioServicesPluginName, accountsPluginName, 'backups'], fastify: '5.x' },
)
