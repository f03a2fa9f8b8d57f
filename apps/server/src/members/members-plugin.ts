/**
 * Members: the organisers' list and their decisions (approve, reject, roles, suspension),
 * an applicant's attachment, the people directory every approved member sees, and the
 * audit log of those decisions.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerAuditRoutes } from './audit.ts'
import { membershipContext } from './membership-context.ts'
import { registerMembersRoutes } from './members-routes.ts'

export const membersPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    registerMembersRoutes(app, membershipContext(app))
    registerAuditRoutes(app, app.store)
  },
  { name: 'members', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
