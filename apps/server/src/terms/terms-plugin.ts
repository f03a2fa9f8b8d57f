/** The terms of reference's downloads: Markdown and an HTML page. */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerTermsExportRoutes } from './terms-export-routes.ts'

export const termsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    registerTermsExportRoutes(app, { serverChanges: app.serverChanges })
  },
  { name: 'terms', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
