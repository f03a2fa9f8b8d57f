/**
 * Signing up: the sign-up form with its optional attachment, organisers' invites, the
 * email confirmation link, and the email domains whose applicants are approved once they
 * confirm their address.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { sessionCookieFor } from '../accounts/session-cookie.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { membershipContext } from '../members/membership-context.ts'
import { registerSettingsRoutes } from './auto-approved-domains.ts'
import { registerEmailConfirmationRoutes } from './email-confirmation.ts'
import { registerInviteRoutes } from './invites.ts'
import { registerSignupRoutes } from './signup-routes.ts'

export const signupPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    const context = membershipContext(app)
    registerSignupRoutes(app, context, { cookie: sessionCookieFor(app.config), attempts: app.attempts, limit: app.config.rateLimitSignup })
    registerInviteRoutes(app, context.store, context.publicUrl)
    registerSettingsRoutes(app, context.store)
    registerEmailConfirmationRoutes(app, context)
  },
  { name: 'signup', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
