/**
 * Search (issue 14): GET /api/search, and the indexer that keeps the index in step with the
 * documents and comments. Its Hocuspocus extension joins the collaboration's list (like
 * history's automatic capture); once the studio is ready it catches up on whatever changed
 * while it was down, without holding up the start.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { listComments } from '../comments/comments-repository.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { createSearchIndexer } from './search-indexer.ts'
import { registerSearchRoutes } from './search-routes.ts'

export interface SearchPluginOptions {
  /** How long a document stays without an edit before its rows are rebuilt; 400 ms by default. */
  quietMs?: number
}

export const searchPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: SearchPluginOptions) => {
    const indexer = createSearchIndexer({
      store: app.store, serverChanges: app.serverChanges, log: app.log,
      listComments: (document) => listComments(app.store.db, document),
      ...(options.quietMs ? { quietMs: options.quietMs } : {}),
    })
    app.collaboration.hocuspocus.configuration.extensions.push(indexer.extension)
    let catchingUp: Promise<void> = Promise.resolve()
    app.addHook('onReady', async () => {
      catchingUp = indexer.catchUp().catch((error: unknown) => app.log.error({ err: error }, 'could not bring the search index up to date at start'))
    })
    app.addHook('onClose', async () => {
      await indexer.stop()
      await catchingUp
    })
    registerSearchRoutes(app, app.store)
  },
  { name: 'search', dependencies: [studioServicesPluginName, accountsPluginName, 'comments', 'matrix', 'terms', 'meetings'], fastify: '5.x' },
)
