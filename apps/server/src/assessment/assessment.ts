/**
 * A member's own assessment: what GET and PATCH /api/assessment answer (their settings, the
 * release and its framework), the gap analysis, and carrying the ratings to another release.
 * Everything here is about the member whose session asks: no function takes another
 * member's id from a request.
 */
import {
  assessmentDocumentName, type AssessableFramework, type AssessmentSettings, type AssessmentSettingsPatch, type CarryReport, type GapAnalysis, type MyAssessment,
} from '@studio/contract'
import { carryAssessment, gapAnalysis, hasAnyRating, planCarry, readRatings } from '@studio/framework'
import type { ServerChanges } from '../collab/server-changes.ts'
import { HttpError, notFound } from '../http/errors.ts'
import type { ReleaseRow } from '../releases/releases-repository.ts'
import type { Store } from '../store/database.ts'
import { listFeedback, pinRelease, readSettings, writeSettings } from './assessment-settings.ts'
import { toAssessmentRelease, type ReleaseFrameworks } from './release-frameworks.ts'

export interface AssessmentContext {
  store: Store
  serverChanges: ServerChanges
  frameworks: ReleaseFrameworks
}

const noRelease = () => new HttpError(409, 'conflict', 'There is no public release to assess against yet. An organiser releases the framework first.')
const releaseGone = () => notFound('There is no public release with this id. Choose one of the releases GET /api/assessment lists.')

/** The member's settings with the release they assess against made explicit, and that release's framework. */
async function resolved(context: AssessmentContext, memberId: string) {
  const settings = await readSettings(context.store.db, memberId)
  const { release, releases } = await context.frameworks.releaseFor(settings.releaseId)
  const framework = release ? await context.frameworks.framework(release) : null
  return { settings: { ...settings, releaseId: release?.id ?? null }, release, releases, framework, pinned: settings.releaseId !== null }
}

export async function myAssessment(context: AssessmentContext, memberId: string): Promise<MyAssessment> {
  const { settings, release, releases, framework, pinned } = await resolved(context, memberId)
  if (release && !pinned) await pinRelease(context.store.db, memberId, release.id, new Date().toISOString())
  return {
    document: assessmentDocumentName(memberId),
    settings,
    release: release ? toAssessmentRelease(release) : null,
    framework,
    releases: releases.map(toAssessmentRelease),
    feedback: await listFeedback(context.store.db, memberId, release?.id ?? null),
  }
}

/** Each chosen role and PMO type must be one of the release's (a 400 naming the field otherwise). */
function checkChoices(framework: AssessableFramework, settings: AssessmentSettings): void {
  const errors: Array<{ field: string; message: string }> = []
  const roleIds = new Set(framework.roles.map((role) => role.id))
  const typeIds = new Set(framework.pmoTypes.map((type) => type.id))
  if (settings.currentRole !== null && !roleIds.has(settings.currentRole)) errors.push({ field: 'currentRole', message: 'Choose one of the release\'s roles as your current role.' })
  if (settings.targetRole !== null && !roleIds.has(settings.targetRole)) errors.push({ field: 'targetRole', message: 'Choose one of the release\'s roles as the role you aim for.' })
  if (settings.pmoType !== null && !typeIds.has(settings.pmoType)) errors.push({ field: 'pmoType', message: 'Choose one of the release\'s PMO types.' })
  if (errors.length > 0) throw new HttpError(400, 'invalid', `Check these fields: ${errors.map((error) => error.field).join(', ')}.`, errors)
}

export async function updateSettings(context: AssessmentContext, memberId: string, patch: AssessmentSettingsPatch): Promise<MyAssessment> {
  const current = await resolved(context, memberId)
  let release = current.release
  if (patch.releaseId !== undefined && patch.releaseId !== current.release?.id) {
    release = current.releases.find((row) => row.id === patch.releaseId) ?? null
    if (!release) throw releaseGone()
    // Ratings made against one release move to another by carrying them, which says what changed.
    const rated = await context.serverChanges.read(assessmentDocumentName(memberId), hasAnyRating)
    if (rated) {
      throw new HttpError(409, 'conflict', 'Your assessment has ratings against another release. Carry it to this release (POST /api/assessment/carry), which keeps what still fits and flags what changed.', [
        { field: 'releaseId', message: 'Carry your assessment to a new release instead of switching to it.' },
      ])
    }
  }
  if (!release) throw noRelease()
  const next: AssessmentSettings = {
    releaseId: release.id,
    currentRole: patch.currentRole === undefined ? current.settings.currentRole : patch.currentRole,
    pmoType: patch.pmoType === undefined ? current.settings.pmoType : patch.pmoType,
    targetRole: patch.targetRole === undefined ? current.settings.targetRole : patch.targetRole,
    share: patch.share ?? current.settings.share,
  }
  const framework = await context.frameworks.framework(release)
  if (framework) checkChoices(framework, next)
  await writeSettings(context.store.db, memberId, next, new Date().toISOString())
  return myAssessment(context, memberId)
}

export async function myGaps(context: AssessmentContext, memberId: string): Promise<GapAnalysis> {
  const { settings, release, framework } = await resolved(context, memberId)
  if (!release || !framework) throw noRelease()
  const ratings = await context.serverChanges.read(assessmentDocumentName(memberId), readRatings)
  return gapAnalysis(framework, toAssessmentRelease(release), settings, ratings)
}

export async function carryTo(context: AssessmentContext, memberId: string, releaseId: string): Promise<CarryReport> {
  const current = await resolved(context, memberId)
  const target = current.releases.find((row) => row.id === releaseId)
  if (!target) throw releaseGone()
  const toFramework = await context.frameworks.framework(target)
  if (!toFramework) throw releaseGone()
  // The release the ratings were made against, even if it has been withdrawn since.
  const stored = await readSettings(context.store.db, memberId)
  const chosen = stored.releaseId ? await context.store.db.selectFrom('releases').selectAll().where('id', '=', stored.releaseId).executeTakeFirst() : undefined
  const from: ReleaseRow | null = chosen ?? current.release
  const fromFramework = from ? await context.frameworks.framework(from) : null
  const plan = planCarry(fromFramework ?? { ...toFramework, domains: [] }, toFramework)
  if (fromFramework && from!.id !== target.id) {
    await context.serverChanges.apply(assessmentDocumentName(memberId), memberId, (doc) => carryAssessment(doc, fromFramework, toFramework, plan))
  }
  // Roles and PMO types the new release lacks are cleared rather than kept pointing at nothing.
  const roleIds = new Set(toFramework.roles.map((role) => role.id))
  const typeIds = new Set(toFramework.pmoTypes.map((type) => type.id))
  const keep = (id: string | null, ids: Set<string>) => (id !== null && ids.has(id) ? id : null)
  await writeSettings(context.store.db, memberId, {
    ...current.settings,
    releaseId: target.id,
    currentRole: keep(current.settings.currentRole, roleIds),
    targetRole: keep(current.settings.targetRole, roleIds),
    pmoType: keep(current.settings.pmoType, typeIds),
  }, new Date().toISOString())
  return { from: from ? toAssessmentRelease(from) : null, to: toAssessmentRelease(target), ...plan }
}
