/**
 * Releases (issue 16): organisers release named versions of the matrix with the terms of
 * reference (`/api/releases`), and everyone may read the released framework on the public
 * page (`/framework`), with its downloads, changes and credits.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { historyPluginName } from '../history/history-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerPublicRoutes } from './public-routes.ts'
import { registerReleaseRoutes } from './release-routes.ts'

export const releasesPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    registerReleaseRoutes(app)
    registerPublicRoutes(app)
  },
  { name: 'releases', dependencies: [studioServicesPluginName, accountsPluginName, historyPluginName], fastify: '5.x' },
)
