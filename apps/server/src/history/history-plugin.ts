/**
 * History (issue 13): versions of the terms of reference, the matrix and each meeting, their
 * compare and restore. Decorates `app.history` for other features (an import captures a
 * before-import version through `captureBeforeImport`), joins Hocuspocus's extensions to
 * capture automatically when a document falls quiet, and sets the meeting-end timers once
 * the studio is ready.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { createAutomaticCapture, defaultQuietMs } from './automatic-capture.ts'
import { createHistory, type History } from './history.ts'
import { registerHistoryRoutes } from './history-routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    history: History
  }
}

export interface HistoryPluginOptions {
  /** How long a document stays without an edit before an automatic version; 10 minutes by default (tests shorten it). */
  quietMs?: number
  /** The studio's clock for when meetings end; the real one by default (a test brings a meeting's end near). Versions keep the real time. */
  now?: () => Date
}

export const historyPluginName = 'history'

/** Captures a before-import version of `document`, so the import can be undone by a restore. */
export async function captureBeforeImport(app: FastifyInstance, document: string): Promise<void> {
  await app.history.capture(document, 'before-import')
}

export const historyPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: HistoryPluginOptions) => {
    const history = createHistory({ store: app.store, serverChanges: app.serverChanges, log: app.log })
    app.decorate('history', history)
    const automatic = createAutomaticCapture({
      history, serverChanges: app.serverChanges, store: app.store, log: app.log, now: options.now ?? (() => new Date()), quietMs: options.quietMs ?? defaultQuietMs,
    })
    // Hocuspocus reads its extensions list at every hook, so one added now takes part from the next change on.
    app.collaboration.hocuspocus.configuration.extensions.push(automatic.extension)
    app.addHook('onReady', async () => {
      await automatic.scheduleMeetingEnds().catch((error: unknown) => app.log.error({ err: error }, 'could not set the meeting-end versions\' timers'))
    })
    // onClose runs after the collaboration has shut down (app.ts), so every edit is in the log by then.
    app.addHook('onClose', async () => {
      await automatic.stop()
      await history.close()
    })
    registerHistoryRoutes(app, { history, serverChanges: app.serverChanges })
  },
  { name: historyPluginName, dependencies: [studioServicesPluginName, accountsPluginName, 'matrix', 'terms', 'meetings'], fastify: '5.x' },
)
