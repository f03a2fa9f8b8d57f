/**
 * Your own account (issue 14): reading and changing your name, time zone, location,
 * notification choices and whether the directory shows your email (`/api/me`); changing
 * your password; and the "forgot password" link mailed from the sign-in page.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerAccountRoutes } from './account-routes.ts'
import { registerPasswordResetRoutes } from './password-reset-routes.ts'

export const myAccountPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    registerAccountRoutes(app)
    registerPasswordResetRoutes(app)
  },
  { name: 'my-account', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
