/**
 * The workspace's documents: on the first start the store is empty, and this plugin seeds
 * every document (terms of reference, the matrix, meetings, ...) before anyone connects.
 * It has no routes; it runs once while the studio is built.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { seedWorkspace } from './workspace-seed.ts'

export const workspacePlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    const seeded = await seedWorkspace(app.store.db)
    if (seeded.length > 0) app.log.info({ documents: seeded }, 'seeded a new workspace')
  },
  { name: 'workspace', dependencies: [studioServicesPluginName], fastify: '5.x' },
)
