/**
 * Catching up across time zones (issue 14): remembers what each member last saw of each
 * document with history (a Hocuspocus extension, joined like the history's automatic
 * capture), and answers what changed since (activity routes). Builds on `app.history`.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { historyPluginName } from '../history/history-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { createActivity } from './activity.ts'
import { registerActivityRoutes } from './activity-routes.ts'
import { createVisitRecorder, defaultVisitIntervalMs } from './visit-recorder.ts'

export interface ActivityPluginOptions {
  /** How often an open document counts as seen again; 5 minutes by default (tests shorten it). */
  visitIntervalMs?: number
}

export const activityPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: ActivityPluginOptions) => {
    const recorder = createVisitRecorder({ history: app.history, store: app.store, log: app.log, intervalMs: options.visitIntervalMs ?? defaultVisitIntervalMs })
    // Hocuspocus reads its extensions list at every hook, so one added now takes part from the next connection on.
    app.collaboration.hocuspocus.configuration.extensions.push(recorder.extension)
    // onClose runs after the collaboration has shut down (app.ts): the visits its last disconnects started are waited for.
    app.addHook('onClose', async () => recorder.stop())
    registerActivityRoutes(app, { activity: createActivity({ store: app.store, history: app.history, serverChanges: app.serverChanges }), serverChanges: app.serverChanges })
  },
  { name: 'activity', dependencies: [studioServicesPluginName, accountsPluginName, historyPluginName], fastify: '5.x' },
)
