/**
 * Carrying an assessment from one release to another. A competency is unchanged when its
 * name, description, and every level's summary and indicator texts are the same in both
 * releases: its rating, ticks and evidence stay as they are. A changed one keeps them too,
 * flagged for review (a level the new scale lacks is cleared, and ticks follow an indicator
 * whose text is unchanged under a new id). A new competency starts blank; a removed one is
 * listed, and what was said about it stays in the document, counted nowhere.
 */
import type { AssessableCompetency, AssessableFramework } from '@studio/contract'
import type * as Y from 'yjs'
import { readRatings, setIndicatorMet, setRating, setReview } from './assessment-doc.ts'
import { competenciesOf } from './release-framework.ts'

export interface CarryPlan {
  kept: Array<{ id: string; name: string }>
  changed: Array<{ id: string; name: string }>
  added: Array<{ id: string; name: string }>
  removed: Array<{ id: string; name: string }>
}

/** What a person reads of a competency: if any of it differs, their rating may no longer fit. */
function readable(competency: AssessableCompetency): string {
  return JSON.stringify([
    competency.name, competency.description,
    competency.descriptors.map((descriptor) => [descriptor.rank, descriptor.summary, descriptor.indicators.map((indicator) => indicator.text)]),
  ])
}

export function planCarry(from: AssessableFramework, to: AssessableFramework): CarryPlan {
  const before = new Map(competenciesOf(from).map((entry) => [entry.id, entry]))
  const after = competenciesOf(to)
  const plan: CarryPlan = { kept: [], changed: [], added: [], removed: [] }
  for (const competency of after) {
    const old = before.get(competency.id)
    const named = { id: competency.id, name: competency.name }
    if (!old) plan.added.push(named)
    else if (readable(old) === readable(competency)) plan.kept.push(named)
    else plan.changed.push(named)
  }
  const afterIds = new Set(after.map((entry) => entry.id))
  for (const [id, old] of before) if (!afterIds.has(id)) plan.removed.push({ id, name: old.name })
  return plan
}

/** Applies the plan to the assessment document in one transaction. */
export function carryAssessment(doc: Y.Doc, from: AssessableFramework, to: AssessableFramework, plan: CarryPlan, origin?: unknown): void {
  const ratings = readRatings(doc)
  const ranks = new Set(to.levels.map((level) => level.rank))
  const oldCompetencies = new Map(competenciesOf(from).map((entry) => [entry.id, entry]))
  const newCompetencies = new Map(competenciesOf(to).map((entry) => [entry.id, entry]))
  const textsOf = (competency: AssessableCompetency | undefined) =>
    new Map((competency?.descriptors ?? []).flatMap((descriptor) => descriptor.indicators.map((indicator) => [indicator.id, indicator.text] as const)))
  doc.transact(() => {
    for (const { id } of [...plan.kept, ...plan.changed]) {
      const rating = ratings.get(id)
      if (!rating) continue
      // Ticks follow an indicator whose words are unchanged, whatever its id became.
      const oldTexts = textsOf(oldCompetencies.get(id))
      const newTexts = textsOf(newCompetencies.get(id))
      const newIdByText = new Map([...newTexts].map(([indicatorId, text]) => [text, indicatorId]))
      for (const indicatorId of rating.met) {
        if (newTexts.has(indicatorId)) continue
        const text = oldTexts.get(indicatorId)
        const moved = text === undefined ? undefined : newIdByText.get(text)
        if (moved) setIndicatorMet(doc, id, moved, true, origin)
      }
      if (plan.changed.some((entry) => entry.id === id)) {
        if (rating.level !== null && !ranks.has(rating.level)) setRating(doc, id, null, origin)
        if (rating.level !== null || rating.met.length > 0 || rating.evidence.length > 0) setReview(doc, id, true, origin)
      }
    }
  }, origin)
}
