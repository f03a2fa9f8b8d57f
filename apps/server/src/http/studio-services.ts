/**
 * The studio's shared services as decorators of the Fastify instance, so a feature plugin
 * reaches the store, the collaboration server, the server's own document changes, the
 * mailer, revocations, document signals and the attempt counter through `app` rather than through imports or
 * long parameter lists. app.ts builds the services (it also hands them to tests in the
 * Studio object) and registers this plugin before any feature; features list
 * 'studio-services' in their dependencies.
 */
import type { FastifyInstance } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import type { Collaboration } from '../collab/collaboration.ts'
import type { DocumentSignals } from '../collab/document-signals.ts'
import type { Revocations } from '../collab/revocation.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import type { Config } from '../config.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { SessionPolicy } from '../sessions/sessions.ts'
import type { Store } from '../store/database.ts'
import type { AttemptCounter } from './attempt-limits.ts'

export interface StudioServices {
  config: Config
  store: Store
  collaboration: Collaboration
  /** The studio's own writes to documents (imports, comment mirrors), through the durable log. */
  serverChanges: ServerChanges
  mailer: Mailer
  revocations: Revocations
  /** Tells the pages that have a document open that something beside it changed (proposals). */
  documentSignals: DocumentSignals
  /** Sign-in and sign-up attempt counts: Redis when configured, this instance's memory otherwise. */
  attempts: AttemptCounter
  sessionPolicy: SessionPolicy
}

declare module 'fastify' {
  // Every service is a decorator of the same name: one list, above.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FastifyInstance extends StudioServices {}
}

export const studioServicesPluginName = 'studio-services'

export const studioServices = fastifyPlugin(
  async (app: FastifyInstance, services: StudioServices) => {
    for (const [name, service] of Object.entries(services)) app.decorate(name, service)
  },
  { name: studioServicesPluginName, fastify: '5.x' },
)
