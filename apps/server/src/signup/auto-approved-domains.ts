/** Workspace settings: the email domains whose applicants are approved once they confirm their address. */
import { settingsBody, type Settings } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { requireApproved } from '../accounts/authentication.ts'
import { parseWith } from '../http/errors.ts'
import type { Store } from '../store/database.ts'
import type { Database } from '../store/schema.ts'
import { recordAudit } from '../members/audit.ts'

const autoApproveKey = 'autoApproveDomains'

export async function readSettings(db: Kysely<Database>): Promise<Settings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', autoApproveKey).executeTakeFirst()
  return { autoApproveDomains: row ? (JSON.parse(row.value) as string[]) : [] }
}

export async function isAutoApprovedDomain(db: Kysely<Database>, email: string): Promise<boolean> {
  const domain = email.split('@').pop()?.toLowerCase() ?? ''
  return (await readSettings(db)).autoApproveDomains.includes(domain)
}

export function registerSettingsRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/settings', async (request) => {
    requireApproved(request, ['organiser'])
    return readSettings(store.db)
  })

  app.put('/api/settings', async (request) => {
    const organiser = requireApproved(request, ['organiser'])
    const settings = parseWith(settingsBody, request.body)
    const value = JSON.stringify(settings.autoApproveDomains)
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: autoApproveKey, value })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
        .execute()
      await recordAudit(trx, {
        actorId: organiser.id,
        action: 'settings-change',
        detail: `Auto-approved domains: ${settings.autoApproveDomains.join(', ') || 'none'}`,
      })
    })
    return settings
  })
}
