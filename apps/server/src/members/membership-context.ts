/** What the membership routes need from the rest of the studio. */
import type { Mailer } from '../mail/mailer.ts'
import type { Store } from '../store/database.ts'
import type { Revocations } from '../collab/revocation.ts'

export interface MembershipContext {
  store: Store
  mailer: Mailer
  revocations: Revocations
  publicUrl: string
}
