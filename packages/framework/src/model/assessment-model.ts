/**
 * A self-assessment's model (assessment/assessment-doc.ts): the maps a member may write and
 * what each holds. A level must be one of the ranks of the release the member assesses
 * against; the server knows which release that is (the member's settings) and builds the
 * model with its ranks. Without them (a reader with no release at hand) any whole number
 * from 0 to 99, the range a scale's rank may take in practice, is accepted.
 */
import { assessmentLimits, assessmentRoots, evidencePrefix } from '../assessment/assessment-doc.ts'
import { anyKey, flag, keyedBy, limitedText, value, type ContainerShape, type DocumentModel } from './shape.ts'

const competencyKey = (key: string): boolean => anyKey(key) && key.length <= 128 && !key.includes('|')
const metKeyShape = (key: string): boolean => {
  const parts = key.split('|')
  return anyKey(key) && parts.length === 2 && parts.every((part) => part.length > 0 && part.length <= 128)
}

export function assessmentModel(ranks?: ReadonlySet<number>): DocumentModel {
  const inScale = (rank: number) => (ranks ? ranks.has(rank) : rank >= 0 && rank <= 99)
  const describe = ranks ? `one of the release's levels (${[...ranks].sort((a, b) => a - b).join(', ') || 'none'})` : 'a level from 0 to 99'
  const level = value(`${describe}, or nothing`, (v) => v === null || (Number.isSafeInteger(v) && inScale(v as number)))
  const roots: Record<string, ContainerShape> = {
    [assessmentRoots.levels]: keyedBy(competencyKey, level, assessmentLimits.ratings),
    [assessmentRoots.met]: keyedBy(metKeyShape, flag, assessmentLimits.met),
    [assessmentRoots.review]: keyedBy(competencyKey, flag, assessmentLimits.ratings),
  }
  const evidence = limitedText(assessmentLimits.evidence)
  return {
    kind: 'assessment',
    root(name) {
      if (Object.hasOwn(roots, name)) return roots[name]
      if (name.startsWith(evidencePrefix)) return competencyKey(name.slice(evidencePrefix.length)) ? evidence : undefined
      return undefined
    },
  }
}
