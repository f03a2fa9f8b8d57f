/**
 * The competency matrix's HTTP side: importing a framework file into the matrix, its
 * exports (JSON, CSV, Markdown, Excel), its publications (CASE, HTML, Word) and the
 * published JSON Schema of the exchange format.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerExportRoutes } from './matrix-export-routes.ts'
import { registerPublicationRoutes } from './framework-publication-routes.ts'
import { registerImportRoutes } from './matrix-import-routes.ts'

export const matrixPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    const context = { store: app.store, serverChanges: app.serverChanges }
    await registerImportRoutes(app, context)
    registerExportRoutes(app, context)
    registerPublicationRoutes(app, context)
  },
  { name: 'matrix', dependencies: [studioServicesPluginName, accountsPluginName], fastify: '5.x' },
)
