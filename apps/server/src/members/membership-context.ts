/** What the membership decisions and the sign-up flow need from the rest of the studio. */
import type { FastifyInstance } from 'fastify'
import type { Revocations } from '../collab/revocation.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { Store } from '../store/database.ts'

export interface MembershipContext {
  store: Store
  mailer: Mailer
  revocations: Revocations
  publicUrl: string
}

/** Read from the studio-services decorators. */
export function membershipContext(app: FastifyInstance): MembershipContext {
  return { store: app.store, mailer: app.mailer, revocations: app.revocations, publicUrl: app.config.publicUrl }
}
