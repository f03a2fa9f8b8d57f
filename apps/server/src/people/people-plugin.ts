/** The people directory (issue 14): who is in the group, where, and what time it is for them. */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerPeopleRoutes } from './people-routes.ts'

export const peoplePlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    registerPeopleRoutes(app)
  },
  { name: 'people', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
