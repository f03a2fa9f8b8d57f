/**
 * What a `pmo-framework/v2` import does to descriptors and references, planned like the
 * rest (import-plan.ts) and counted in the preview. A level's descriptor of a competency
 * counts as one thing, its summary and indicators together; so does a competency's list of
 * references. A v1 file says nothing about either, so importing one leaves them as they are,
 * even in replace: a round trip through v1 must not wipe what v1 cannot hold.
 *
 * - replace: the competency's descriptors and references become the file's (one the file
 *   lacks is cleared).
 * - merge: written only where the matrix has none; a different one is kept and counted so.
 */
import type { ChangeCounts, ImportMode } from '@studio/contract'
import { importChanges } from '@studio/contract'
import type * as Y from 'yjs'
import { readDescriptor, readReferences } from './descriptors.ts'
import type { ReferenceFields } from './descriptor-operations.ts'
import { exchangeFormatV2, type ExchangeFramework } from './exchange-format.ts'

export interface DescriptorStep {
  competencyId: string
  rank: number
  summary: string
  indicators: string[]
}

export interface ReferencesStep {
  competencyId: string
  references: ReferenceFields[]
}

export interface DepthPlan {
  descriptors: DescriptorStep[]
  references: ReferencesStep[]
  counts: { descriptors: ChangeCounts; references: ChangeCounts }
}

const zero = (): ChangeCounts => Object.fromEntries(importChanges.map((change) => [change, 0])) as ChangeCounts

type Change = 'added' | 'changed' | 'cleared' | 'kept' | 'unchanged' | undefined

/** One thing's change, from whether the matrix and the file have one and whether they agree. */
function changeOf(mode: ImportMode, inMatrix: boolean, inFile: boolean, same: boolean): Change {
  if (!inMatrix && !inFile) return undefined
  if (same) return 'unchanged'
  if (!inMatrix) return 'added'
  if (!inFile) return mode === 'replace' ? 'cleared' : undefined
  return mode === 'replace' ? 'changed' : 'kept'
}

const writes = (change: Change) => change === 'added' || change === 'changed' || change === 'cleared'

export function planDepth(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode): DepthPlan {
  const plan: DepthPlan = { descriptors: [], references: [], counts: { descriptors: zero(), references: zero() } }
  if (framework.format !== exchangeFormatV2) return plan
  for (const competency of framework.domains.flatMap((domain) => domain.competencies)) {
    for (const { rank } of framework.levels) {
      const current = readDescriptor(doc, competency.id, rank)
      const currentIndicators = current.indicators.map((indicator) => indicator.text)
      const file = competency.descriptors?.[String(rank)] ?? { summary: '', indicators: [] }
      const change = changeOf(
        mode,
        current.summary.length > 0 || currentIndicators.length > 0,
        file.summary.length > 0 || file.indicators.length > 0,
        current.summary === file.summary && sameList(currentIndicators, file.indicators),
      )
      if (change) plan.counts.descriptors[change]++
      if (writes(change)) plan.descriptors.push({ competencyId: competency.id, rank, summary: file.summary, indicators: [...file.indicators] })
    }
    const current = readReferences(doc, competency.id).map(({ scheme, code, title, uri, relation }) => ({ scheme, code, title, uri, relation }))
    const file = (competency.references ?? []).map(({ scheme, code = '', title = '', uri = '', relation }) => ({ scheme, code, title, uri, relation }))
    const change = changeOf(mode, current.length > 0, file.length > 0, sameList(current.map(referenceKey), file.map(referenceKey)))
    if (change) plan.counts.references[change]++
    if (writes(change)) plan.references.push({ competencyId: competency.id, references: file })
  }
  return plan
}

const referenceKey = (reference: Required<ReferenceFields>) => JSON.stringify([reference.scheme, reference.code, reference.title, reference.uri, reference.relation])

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index])
