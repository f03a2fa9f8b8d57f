/**
 * The audit log: who did what to whom, when, and why. Every membership decision is
 * recorded in the same transaction as the decision itself, so neither exists alone.
 */
import { auditResponseSchema, type AuditEntry } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { approvedOnly } from '../accounts/authentication.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { Store } from '../store/database.ts'
import type { Database } from '../store/schema.ts'

export type AuditAction =
  | 'signup'
  | 'approve'
  | 'reject'
  | 'suspend'
  | 'reinstate'
  | 'change-role'
  | 'invite-create'
  | 'invite-revoke'
  | 'invite-use'
  | 'auto-approve'
  | 'settings-change'
  | 'email-confirm'
  | 'import-framework'
  | 'password-change'
  | 'password-reset'
  | 'release'
  | 'release-withdraw'
  | 'round-open'
  | 'round-change'
  | 'round-reviewer'
  | 'round-reviewer-removed'
  | 'comment-disposition'
  | 'proposal-withdraw'
  | 'proposal-decision'

export interface AuditRecord {
  actorId: string | null
  action: AuditAction
  targetId?: string | null
  detail?: string | null
}

export async function recordAudit(db: Kysely<Database>, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor_id: record.actorId,
      action: record.action,
      target_id: record.targetId ?? null,
      detail: record.detail ?? null,
    })
    .execute()
}

export async function listAudit(db: Kysely<Database>, limit = 500): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('members as actor', 'actor.id', 'audit_log.actor_id')
    .leftJoin('members as target', 'target.id', 'audit_log.target_id')
    .select([
      'audit_log.at', 'audit_log.action', 'audit_log.detail', 'audit_log.actor_id', 'audit_log.target_id',
      'actor.name as actor_name', 'target.name as target_name',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    at: row.at,
    action: row.action,
    detail: row.detail,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? 'Removed member' } : null,
    target: row.target_id ? { id: row.target_id, name: row.target_name ?? 'Removed member' } : null,
  }))
}

export function registerAuditRoutes(app: FastifyInstance, store: Store): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    preValidation: approvedOnly(['organiser']),
    schema: { response: withErrors({ 200: auditResponseSchema }) },
  }, async () => ({ entries: await listAudit(store.db) }))
}
