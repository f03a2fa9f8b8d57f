/**
 * What a competency's detail panel shows beyond its name: for each level of the scale, the
 * roles that expect it, the level's descriptor (summary and indicators), and the
 * competency's references to other frameworks. Read from the live document through the
 * framework's readers; a fresh read equal to the last one is dropped, so the panel does not
 * render again for every keystroke elsewhere in the matrix.
 */
import { readDescriptor, readReferences, type Entity, type LevelDescriptor, type Reference } from '@studio/framework'
import type * as Y from 'yjs'
import { untitled } from './matrix-labels.ts'
import type { RowCells } from './matrix-snapshot.ts'

export interface CompetencyDepth {
  /** By rank, in the order of `ranks`. */
  descriptors: ReadonlyArray<{ rank: number } & LevelDescriptor>
  references: readonly Reference[]
}

export function readCompetencyDepth(doc: Y.Doc, competencyId: string, ranks: readonly number[]): CompetencyDepth {
  return {
    descriptors: ranks.map((rank) => ({ rank, ...readDescriptor(doc, competencyId, rank) })),
    references: readReferences(doc, competencyId),
  }
}

export function sameDepth(a: CompetencyDepth, b: CompetencyDepth): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The names of the roles expecting each level in this competency's row, in the roles' order. */
export function rolesByLevel(roles: readonly Entity[], row: RowCells | undefined): ReadonlyMap<number, string[]> {
  const byLevel = new Map<number, string[]>()
  for (const role of roles) {
    const level = row?.[role.id]?.level
    if (role.archived || level === null || level === undefined) continue
    const names = byLevel.get(level) ?? []
    names.push(role.name || untitled.role)
    byLevel.set(level, names)
  }
  return byLevel
}

/** "2 indicators", "1 indicator", "" for none: the count a closed level shows. */
export function indicatorCount(count: number): string {
  return count === 0 ? '' : count === 1 ? '1 indicator' : `${count} indicators`
}

/** Where moveIndicator puts an indicator that moves one place up (-1) or down (1), or null at either end. */
export function indicatorMoveTarget(index: number, count: number, direction: -1 | 1): number | null {
  const target = index + direction
  return target < 0 || target >= count ? null : target
}
