/**
 * Accounts: who is asking (`request.member` on every request, from the session cookie),
 * signing in and out and the first organiser's set-up link (the signed-in member's own
 * account, `/api/me`, is my-account/). Every other feature depends on this plugin for its authentication.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerAuthentication } from './authentication.ts'
import { sessionCookieFor } from './session-cookie.ts'
import { registerSessionRoutes } from './session-routes.ts'
import { registerSetupRoutes } from './setup.ts'

export const accountsPluginName = 'accounts'

export const accountsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    const { config, store, revocations, attempts, sessionPolicy } = app
    const cookie = sessionCookieFor(config)
    registerAuthentication(app, store, sessionPolicy, cookie)
    registerSessionRoutes(app, store, cookie, revocations, {
      attempts, perAccount: config.rateLimitSignin.perAccount, perAddress: config.rateLimitSignin.perAddress,
    })
    registerSetupRoutes(app, store, cookie)
  },
  { name: accountsPluginName, dependencies: [studioServicesPluginName], fastify: '5.x' },
)
