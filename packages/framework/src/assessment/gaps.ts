/**
 * The gap analysis: for each competency of the release, the member's own level against what
 * their current role and their target role expect (PMO-type overrides honoured), and a
 * development list of the largest gaps with what the next level up looks like.
 */
import type { AssessableFramework, AssessmentRelease, AssessmentSettings, DevelopmentItem, GapAnalysis, GapRow } from '@studio/contract'
import type { Rating } from './assessment-doc.ts'
import { competenciesOf, expectedLevel } from './release-framework.ts'

export const developmentListLength = 10

export function gapAnalysis(framework: AssessableFramework, release: AssessmentRelease, settings: AssessmentSettings, ratings: ReadonlyMap<string, Rating>): GapAnalysis {
  const named = (list: Array<{ id: string; name: string }>, id: string | null) => list.find((entry) => entry.id === id) ?? null
  const ranks = new Set(framework.levels.map((level) => level.rank))
  const gap = (expected: number | null, own: number | null) => (expected === null || own === null ? null : expected - own)
  const competencies = competenciesOf(framework)
  const rows: GapRow[] = competencies.map((competency) => {
    const rating = ratings.get(competency.id)
    // A level outside this release's scale (rated against another) counts as not rated.
    const ownLevel = rating?.level !== undefined && rating.level !== null && ranks.has(rating.level) ? rating.level : null
    const indicatorIds = new Set(competency.descriptors.flatMap((descriptor) => descriptor.indicators.map((indicator) => indicator.id)))
    const currentExpected = expectedLevel(competency, settings.currentRole, settings.pmoType)
    const targetExpected = expectedLevel(competency, settings.targetRole, settings.pmoType)
    return {
      domainId: competency.domainId,
      domain: competency.domain,
      competencyId: competency.id,
      competency: competency.name,
      ownLevel,
      currentExpected,
      targetExpected,
      currentGap: gap(currentExpected, ownLevel),
      targetGap: gap(targetExpected, ownLevel),
      indicatorsMet: (rating?.met ?? []).filter((id) => indicatorIds.has(id)).length,
      evidence: rating?.evidence ?? '',
      review: rating?.review ?? false,
    }
  })
  const development: DevelopmentItem[] = rows
    .map((row): DevelopmentItem | null => {
      const expected = settings.targetRole ? row.targetExpected : row.currentExpected
      // Only rated competencies: a gap is measured from where the member placed themselves.
      const own = row.ownLevel
      if (expected === null || own === null || expected - own <= 0) return null
      const gapSize = expected - own
      const competency = competencies.find((entry) => entry.id === row.competencyId)!
      const next = framework.levels.find((level) => level.rank > own)
      const descriptor = next ? competency.descriptors.find((entry) => entry.rank === next.rank) : undefined
      return {
        competencyId: row.competencyId,
        competency: row.competency,
        domain: row.domain,
        ownLevel: own,
        expected,
        gap: gapSize,
        nextLevel: next ? { rank: next.rank, name: next.name, summary: descriptor?.summary ?? '', indicators: descriptor?.indicators.map((indicator) => indicator.text) ?? [] } : null,
      }
    })
    .filter((item): item is DevelopmentItem => item !== null)
    .sort((a, b) => b.gap - a.gap || a.competency.localeCompare(b.competency))
    .slice(0, developmentListLength)
  return {
    release,
    settings,
    roles: { current: named(framework.roles, settings.currentRole), target: named(framework.roles, settings.targetRole), pmoType: named(framework.pmoTypes, settings.pmoType) },
    levels: framework.levels.map(({ rank, name }) => ({ rank, name })),
    rows,
    development,
  }
}
