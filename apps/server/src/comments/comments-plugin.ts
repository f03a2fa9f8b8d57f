/** Comments on documents: listing, writing, replying, editing and resolving, mirrored into each document's comments map. */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerCommentRoutes } from './comment-routes.ts'

export const commentsPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    registerCommentRoutes(app, { store: app.store, serverChanges: app.serverChanges })
  },
  { name: 'comments', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
