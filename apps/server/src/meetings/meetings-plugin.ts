/** Meetings' HTTP side: each meeting's Markdown, HTML and calendar (.ics) downloads, and "My actions". */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerMeetingRoutes } from './meeting-routes.ts'

export const meetingsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    registerMeetingRoutes(app, { store: app.store, serverChanges: app.serverChanges, publicUrl: app.config.publicUrl })
  },
  { name: 'meetings', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
