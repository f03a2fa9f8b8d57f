/**
 * Where a moved row or column lands. The document orders every sibling, archived and
 * filtered-out ones included, so a move "up one" means "just before the row you can see
 * above": these functions turn that into the index `moveEntity` expects (a position among
 * the siblings without the moved one).
 */
/** A sibling as the document orders it: by key, ties broken by id. */
export interface Ordered {
  id: string
  order: string
}

export type Direction = -1 | 1

/**
 * The index that puts `id` just past its visible neighbour in `direction`, or null when it
 * is already first or last of the visible ones.
 */
export function neighbourMoveIndex(siblings: readonly Ordered[], visibleIds: readonly string[], id: string, direction: Direction): number | null {
  const visibleIndex = visibleIds.indexOf(id)
  if (visibleIndex < 0) return null
  const neighbour = visibleIds[visibleIndex + direction]
  if (neighbour === undefined) return null
  return dropIndex(siblings, id, neighbour, direction === 1)
}

/** The index that puts `id` before (or after) `targetId`. */
export function dropIndex(siblings: readonly Ordered[], id: string, targetId: string, after: boolean): number {
  const others = siblings.filter((sibling) => sibling.id !== id)
  const target = others.findIndex((sibling) => sibling.id === targetId)
  if (target < 0) return others.length
  return target + (after ? 1 : 0)
}

export interface CompetencyMove {
  domainId: string
  index: number
}

/**
 * Moving a competency up or down: within its domain past the visible neighbour, or, from
 * the first or last place, to the end or the start of the next visible domain that way.
 */
export function competencyMove(
  groups: ReadonlyArray<{ domainId: string; competencyIds: readonly string[] }>,
  siblingsOf: (domainId: string) => readonly Ordered[],
  id: string,
  direction: Direction,
): CompetencyMove | null {
  const groupIndex = groups.findIndex((group) => group.competencyIds.includes(id))
  const group = groups[groupIndex]
  if (!group) return null
  const within = neighbourMoveIndex(siblingsOf(group.domainId), group.competencyIds, id, direction)
  if (within !== null) return { domainId: group.domainId, index: within }
  const next = groups[groupIndex + direction]
  if (!next) return null
  const targetSiblings = siblingsOf(next.domainId).filter((sibling) => sibling.id !== id)
  if (direction === -1) {
    // The end of the domain above: after its last visible competency (or at its end).
    const last = next.competencyIds.at(-1)
    return { domainId: next.domainId, index: last ? dropIndex(targetSiblings, id, last, true) : targetSiblings.length }
  }
  const first = next.competencyIds[0]
  return { domainId: next.domainId, index: first ? dropIndex(targetSiblings, id, first, false) : 0 }
}
