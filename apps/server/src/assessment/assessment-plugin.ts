/**
 * Self-assessment and gap analysis (issue 17): each member's private assessment against a
 * release, their gap analysis and its exports, carrying it to a newer release, hard-to-judge
 * feedback into the matrix's comments, and the organisers' aggregates.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { historyPluginName } from '../history/history-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerAssessmentRoutes } from './assessment-routes.ts'
import { ReleaseFrameworks } from './release-frameworks.ts'

export const assessmentPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: { frameworks?: ReleaseFrameworks }) => {
    registerAssessmentRoutes(app, { store: app.store, serverChanges: app.serverChanges, frameworks: options.frameworks ?? new ReleaseFrameworks(app.store) })
  },
  { name: 'assessment', dependencies: [studioServicesPluginName, accountsPluginName, historyPluginName, 'comments', 'releases'], fastify: '5.x' },
)
