/** The assessment_settings and assessment_feedback tables: each member's choices and the feedback they sent. */
import type { AssessmentSettings, FeedbackSummary } from '@studio/contract'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'

export const noSettings: AssessmentSettings = { releaseId: null, currentRole: null, pmoType: null, targetRole: null, share: false }

export async function readSettings(db: Kysely<Database>, memberId: string): Promise<AssessmentSettings> {
  const row = await db.selectFrom('assessment_settings').selectAll().where('member_id', '=', memberId).executeTakeFirst()
  if (!row) return { ...noSettings }
  return { releaseId: row.release_id, currentRole: row.current_role, pmoType: row.pmo_type, targetRole: row.target_role, share: Boolean(row.share) }
}

export async function writeSettings(db: Kysely<Database>, memberId: string, settings: AssessmentSettings, at: string): Promise<void> {
  const values = {
    release_id: settings.releaseId, current_role: settings.currentRole, pmo_type: settings.pmoType, target_role: settings.targetRole,
    share: settings.share ? 1 : 0, updated_at: at,
  }
  await db.insertInto('assessment_settings').values({ member_id: memberId, ...values })
    .onConflict((conflict) => conflict.column('member_id').doUpdateSet(values)).execute()
}

export async function listFeedback(db: Kysely<Database>, memberId: string, releaseId: string | null): Promise<FeedbackSummary[]> {
  if (!releaseId) return []
  const rows = await db.selectFrom('assessment_feedback').selectAll().where('member_id', '=', memberId).where('release_id', '=', releaseId).orderBy('created_at').execute()
  return rows.map((row) => ({ competencyId: row.competency_id, commentId: row.comment_id, anonymous: Boolean(row.anonymous), createdAt: row.created_at }))
}

/**
 * Pins the release a member's assessment is made against the first time it is opened, so that
 * a later release does not slide under ratings made against this one (moving is a carry).
 */
export async function pinRelease(db: Kysely<Database>, memberId: string, releaseId: string, at: string): Promise<void> {
  await db.insertInto('assessment_settings').values({ member_id: memberId, release_id: releaseId, share: 0, updated_at: at })
    .onConflict((conflict) => conflict.column('member_id').doUpdateSet({ release_id: releaseId, updated_at: at }).where('assessment_settings.release_id', 'is', null))
    .execute()
}
