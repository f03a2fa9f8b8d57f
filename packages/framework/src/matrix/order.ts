/**
 * Row and column order: each entity carries a fractional-index key, and siblings sort by
 * key with ties broken by id. Two people inserting at the same place may mint the same key;
 * the id still orders them, so no row is duplicated or lost.
 */
import { generateKeyBetween } from 'fractional-indexing'

export interface Ordered {
  id: string
  order: string
}

export function byOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * A key that places an item at `index` among `siblings` (already sorted, without the item).
 * Where neighbours share a key, the new key goes after all of them, the nearest free place.
 */
export function keyAt(siblings: readonly Ordered[], index: number): string {
  const at = Math.max(0, Math.min(index, siblings.length))
  const before = at > 0 ? siblings[at - 1]!.order : null
  let after: string | null = null
  for (let next = at; next < siblings.length; next++) {
    const key = siblings[next]!.order
    if (before === null || key > before) {
      after = key
      break
    }
  }
  return generateKeyBetween(before, after)
}
