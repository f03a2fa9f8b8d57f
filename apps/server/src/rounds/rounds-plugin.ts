/**
 * Consultation rounds (issue 16, point 2): organisers open rounds on a pinned text, invite
 * reviewers (members, or outside reviewers with accounts that reach nothing but their rounds)
 * and give every comment a disposition; the report downloads as Markdown, HTML and CSV.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { historyPluginName } from '../history/history-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerReviewerAccountRoutes } from './reviewer-account-routes.ts'
import { registerRoundRoutes } from './round-routes.ts'

export interface RoundsOptions {
  /** The studio's clock, which decides when a round is open; the real one by default. */
  now?: () => Date
}

export const roundsPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: RoundsOptions) => {
    app.decorateRequest('roundViewer', null)
    registerRoundRoutes(app, options.now ?? (() => new Date()))
    registerReviewerAccountRoutes(app)
  },
  { name: 'rounds', dependencies: [studioServicesPluginName, accountsPluginName, historyPluginName], fastify: '5.x' },
)
