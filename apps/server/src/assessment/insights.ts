/**
 * What the group learns from self-assessments, for organisers, privacy first: only members
 * who chose to share are counted; per competency and current role, how many rated themselves
 * at each level, and per competency how many found it hard to judge; any figure fewer than
 * `insightsThreshold` members contributed to is withheld (null), so no one's own rating can be
 * read from it. Nothing here names a member or returns one member's rating.
 */
import { assessmentDocumentName, insightsThreshold, type Insights, type InsightRow } from '@studio/contract'
import { competenciesOf, readRatings } from '@studio/framework'
import type { AssessmentContext } from './assessment.ts'
import { toAssessmentRelease } from './release-frameworks.ts'

export async function groupInsights(context: AssessmentContext, releaseId: string | undefined): Promise<Insights> {
  const { release } = await context.frameworks.releaseFor(releaseId ?? null)
  const framework = release ? await context.frameworks.framework(release) : null
  if (!release || !framework) return { release: null, threshold: insightsThreshold, levels: [], competencies: [] }
  const ranks = new Set(framework.levels.map((level) => level.rank))
  // Sharing members assessing against this release (the latest one counts those who chose none).
  const latest = (await context.frameworks.releaseFor(null)).release
  let sharing = context.store.db.selectFrom('assessment_settings').innerJoin('members', 'members.id', 'assessment_settings.member_id')
    .select(['assessment_settings.member_id as memberId', 'assessment_settings.current_role as role'])
    .where('assessment_settings.share', '=', 1).where('members.status', '=', 'approved')
  sharing = latest?.id === release.id
    ? sharing.where((eb) => eb.or([eb('assessment_settings.release_id', '=', release.id), eb('assessment_settings.release_id', 'is', null)]))
    : sharing.where('assessment_settings.release_id', '=', release.id)
  const members = await sharing.execute()

  // competencyId -> roleId -> rank -> count
  const counts = new Map<string, Map<string, Map<number, number>>>()
  for (const member of members) {
    if (!member.role) continue
    const ratings = await context.serverChanges.read(assessmentDocumentName(member.memberId), readRatings)
    for (const [competencyId, rating] of ratings) {
      if (rating.level === null || !ranks.has(rating.level)) continue
      const byRole = counts.get(competencyId) ?? new Map<string, Map<number, number>>()
      counts.set(competencyId, byRole)
      const byRank = byRole.get(member.role) ?? new Map<number, number>()
      byRole.set(member.role, byRank)
      byRank.set(rating.level, (byRank.get(rating.level) ?? 0) + 1)
    }
  }
  const sharingIds = members.map((member) => member.memberId)
  const flagged = new Map<string, number>()
  if (sharingIds.length > 0) {
    const rows = await context.store.db.selectFrom('assessment_feedback')
      .select(['competency_id', (eb) => eb.fn.count<number | string>('member_id').distinct().as('members')])
      .where('release_id', '=', release.id).where('member_id', 'in', sharingIds).groupBy('competency_id').execute()
    for (const row of rows) flagged.set(row.competency_id, Number(row.members))
  }

  const withheld = (count: number) => (count >= insightsThreshold ? count : null)
  const rows: InsightRow[] = []
  for (const competency of competenciesOf(framework)) {
    const hardToJudge = withheld(flagged.get(competency.id) ?? 0)
    for (const role of framework.roles) {
      const byRank = counts.get(competency.id)?.get(role.id)
      const contributors = [...(byRank?.values() ?? [])].reduce((sum, count) => sum + count, 0)
      const distribution = contributors >= insightsThreshold
        ? Object.fromEntries(framework.levels.map((level) => [String(level.rank), byRank?.get(level.rank) ?? 0]))
        : null
      rows.push({ id: competency.id, name: competency.name, role: role.id, roleName: role.name, distribution, hardToJudge })
    }
  }
  return { release: toAssessmentRelease(release), threshold: insightsThreshold, levels: framework.levels.map(({ rank, name }) => ({ rank, name })), competencies: rows }
}
