/** Workspace settings: the email domains whose applicants are approved once they confirm their address. */
import { settingsBody, settingsResponseSchema, type Settings } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { withErrors } from '../http/route-schemas.ts'
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
  const api = app.withTypeProvider<ZodTypeProvider>()
  const organisersOnly = approvedOnly(['organiser'])

  api.get('/api/settings', { preValidation: organisersOnly, schema: { response: withErrors({ 200: settingsResponseSchema }) } }, async () => readSettings(store.db))

  api.put('/api/settings', {
    preValidation: organisersOnly,
    schema: { body: settingsBody, response: withErrors({ 200: settingsResponseSchema }) },
  }, async (request) => {
    const organiser = approvedMember(request)
    const settings = request.body
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
