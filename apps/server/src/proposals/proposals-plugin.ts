/**
 * Proposals with lazy consensus (issue 16, point 1): the routes, and a pass every minute (and
 * one at start, for proposals that closed while no instance ran) that closes proposals past
 * their time and puts those waiting for a meeting on a newly scheduled one. Claims keep
 * instances from settling one proposal twice. Decorates `app.proposals`; tests run the pass
 * at instants of the studio's clock they choose.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import { randomUUID } from 'node:crypto'
import { accountsPluginName } from '../accounts/accounts-plugin.ts'
import { studioServicesPluginName } from '../http/studio-services.ts'
import { registerProposalRoutes } from './proposal-routes.ts'
import { createProposals, type ProposalsService } from './proposals.ts'

export interface ProposalsPluginOptions {
  /** The studio's clock; tests pass a chosen one. */
  now?: () => Date
}

declare module 'fastify' {
  interface FastifyInstance {
    proposals: ProposalsService
  }
}

const passMs = 60_000

export const proposalsPlugin = fastifyPlugin(
  async (app: FastifyInstance, options: ProposalsPluginOptions) => {
    const proposals = createProposals({
      store: app.store,
      serverChanges: app.serverChanges,
      log: app.log,
      now: options.now ?? (() => new Date()),
      instanceId: randomUUID(),
      record: (notifications) => app.notifications?.record(notifications) ?? Promise.resolve(0),
      changed: (document) => app.documentSignals.send(document, { kind: 'proposals-changed' }),
    })
    app.decorate('proposals', proposals)
    registerProposalRoutes(app, proposals)

    // One pass at a time on this instance.
    let passing: Promise<number> | null = null
    const pass = () => (passing ??= proposals.runPass().finally(() => (passing = null)))
    const report = (error: unknown) => app.log.error({ err: error }, 'could not close proposals')
    let timer: NodeJS.Timeout | null = null
    app.addHook('onReady', async () => {
      void pass().catch(report)
      timer = setInterval(() => void pass().catch(report), passMs).unref()
    })
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer)
      await passing?.catch(() => 0)
    })
  },
  { name: 'proposals', dependencies: [studioServicesPluginName, accountsPluginName, 'notifications'], fastify: '5.x' },
)
