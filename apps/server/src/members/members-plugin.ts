/** Registers every membership route: sign-up, decisions, invites, settings, audit, confirmation. */
import type { FastifyInstance } from 'fastify'
import { registerAuditRoutes } from './audit.ts'
import type { MembershipContext } from './membership-context.ts'
import { registerEmailConfirmationRoutes } from '../signup/email-confirmation.ts'
import { registerInviteRoutes } from '../signup/invites.ts'
import { registerMembersRoutes } from './members-routes.ts'
import { registerSettingsRoutes } from '../signup/auto-approved-domains.ts'
import { registerSignupRoutes, type SignupOptions } from '../signup/signup-routes.ts'

export function registerMembershipRoutes(app: FastifyInstance, context: MembershipContext, signup: SignupOptions): void {
  registerSignupRoutes(app, context, signup)
  registerMembersRoutes(app, context)
  registerInviteRoutes(app, context.store, context.publicUrl)
  registerSettingsRoutes(app, context.store)
  registerAuditRoutes(app, context.store)
  registerEmailConfirmationRoutes(app, context)
}
