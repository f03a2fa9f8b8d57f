/**
 * The preview's counts: for each kind of thing, how many of each change. Unchanged cells are
 * counted by the plan (they are not listed); everything else is counted from the lists, so
 * a count and its list can never disagree.
 */
import { importChanges, type ChangeCounts, type ImportPreview, type PreviewCell, type PreviewEntity, type PreviewLevel } from '@studio/contract'
import { collectionOf } from './schema.ts'

const zero = (): ChangeCounts => Object.fromEntries(importChanges.map((change) => [change, 0])) as ChangeCounts

export function countChanges(entities: PreviewEntity[], cells: PreviewCell[], levels: PreviewLevel[], unchangedCells: number): ImportPreview['counts'] {
  // Descriptors and references are counted by their own plan (import-plan-depth.ts), which replaces these zeros.
  const counts: ImportPreview['counts'] = { domains: zero(), competencies: zero(), roles: zero(), pmoTypes: zero(), cells: zero(), levels: zero(), descriptors: zero(), references: zero() }
  for (const entity of entities) counts[collectionOf[entity.kind]][entity.change]++
  for (const cell of cells) counts.cells[cell.change]++
  counts.cells.unchanged += unchangedCells
  for (const level of levels) counts.levels[level.change]++
  return counts
}

/** Whether the import would change anything at all (kept differences change nothing). */
export function changesAnything(preview: ImportPreview): boolean {
  const changing = (counts: ChangeCounts) => counts.added + counts.changed + counts.archived + counts.restored + counts.cleared > 0
  return Object.values(preview.counts).some(changing) || preview.meta.some((meta) => meta.change === 'changed')
}
