/**
 * The sizes a model sets (a text's `maxLength`, a map's `maxEntries`), checked against what
 * the document would hold once the update is applied: what the type holds now, less what the
 * update deletes, plus what it adds. Counting the update's own deletions matters: replacing a
 * 900-character summary by another in one transaction deletes 900 and inserts 900.
 *
 * The server applies updates one at a time, so two people adding the twentieth indicator at
 * the same moment cannot both pass: the second is checked against a document holding the first.
 */
import * as Y from 'yjs'
import type { ContainerShape } from './shape.ts'

export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

/** The type an item goes into: a live type, the update's item that creates the type, or a top-level name not yet in the document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a type of any event
export type Target = Y.AbstractType<any> | Y.Item | string

export interface PlacedItem {
  item: Y.Item
  container: ContainerShape | symbol
  parentSub: string | null
  target: Target | null
}

export function checkLimits(doc: Y.Doc, deletions: DeleteSet, placed: PlacedItem[], refuse: (reason: string) => never): void {
  const limited = new Map<Target, { shape: ContainerShape; items: PlacedItem[] }>()
  for (const entry of placed) {
    if (typeof entry.container === 'symbol' || entry.target === null || !hasLimit(entry.container)) continue
    const group = limited.get(entry.target)
    if (group) group.items.push(entry)
    else limited.set(entry.target, { shape: entry.container, items: [entry] })
  }
  for (const [target, { shape, items }] of limited) {
    if (shape.kind === 'text' && shape.maxLength !== undefined) {
      const length = liveLength(doc, target, deletions) + items.reduce((sum, { item }) => sum + freshLength(doc, item, deletions), 0)
      if (length > shape.maxLength) refuse(`a text here holds at most ${shape.maxLength} characters, not ${length}`)
    }
    if (shape.kind === 'map' && shape.maxEntries !== undefined) {
      const keys = liveKeys(target, deletions)
      for (const { item, parentSub } of items) {
        if (parentSub !== null && !(item.content instanceof Y.ContentDeleted) && !Y.isDeleted(deletions, item.id)) keys.add(parentSub)
      }
      if (keys.size > shape.maxEntries) refuse(`a list here holds at most ${shape.maxEntries} entries, not ${keys.size}`)
    }
  }
}

const hasLimit = (shape: ContainerShape): boolean =>
  (shape.kind === 'text' && shape.maxLength !== undefined) || (shape.kind === 'map' && shape.maxEntries !== undefined)

/** Characters of a live text that stay: those neither deleted already nor by the update. */
function liveLength(doc: Y.Doc, target: Target, deletions: DeleteSet): number {
  const type = typeof target === 'string' ? doc.share.get(target) : target instanceof Y.AbstractType ? target : undefined
  let length = 0
  for (let item = type?._start ?? null; item !== null; item = item.right) {
    if (!item.deleted && item.countable) length += surviving(item, 0, deletions)
  }
  return length
}

/** Characters the update adds to a text: the part of a new item not yet stored, less what the update itself deletes. */
function freshLength(doc: Y.Doc, item: Y.Item, deletions: DeleteSet): number {
  if (!(item.content instanceof Y.ContentString)) return 0
  const stored = Math.max(0, Y.getState(doc.store, item.id.client) - item.id.clock)
  return surviving(item, stored, deletions)
}

function surviving(item: Y.Item, from: number, deletions: DeleteSet): number {
  let count = 0
  for (let offset = from; offset < item.length; offset++) {
    if (!Y.isDeleted(deletions, Y.createID(item.id.client, item.id.clock + offset))) count++
  }
  return count
}

/** Keys of a live map whose entry neither is deleted already nor is deleted by the update. */
function liveKeys(target: Target, deletions: DeleteSet): Set<string> {
  const keys = new Set<string>()
  if (!(target instanceof Y.AbstractType)) return keys
  for (const [key, item] of target._map) {
    if (!item.deleted && !Y.isDeleted(deletions, item.id)) keys.add(key)
  }
  return keys
}
