/**
 * Aligning two sequences, shared by the compare and the restore of rich text: first what is
 * exactly equal (jsdiff's Myers diff over keys), then, in each stretch between equal
 * anchors, which removed element and which added element are the same thing edited (same
 * type, alike enough, or the only two in their stretch), by a small dynamic programme. What is left over was deleted or inserted.
 */
import { diffArrays } from 'diff'

export type Step =
  | { op: 'equal'; from: number; to: number }
  | { op: 'paired'; from: number; to: number }
  | { op: 'removed'; from: number }
  | { op: 'added'; to: number }

export interface AlignOptions {
  /** 0..1: how alike the two are, or below 0 when they can never be one thing edited. */
  likeness(from: number, to: number): number
  /** The least likeness for a pair (below it: one deleted, one inserted). */
  threshold: number
}

/** Beyond this many candidate pairs in one stretch, pairs are made in order by type alone. */
const largestStretch = 4096

export function align(fromKeys: readonly string[], toKeys: readonly string[], options: AlignOptions): Step[] {
  const steps: Step[] = []
  let from = 0
  let to = 0
  let removed: number[] = []
  let added: number[] = []
  const flush = () => {
    if (removed.length > 0 || added.length > 0) steps.push(...pairStretch(removed, added, options))
    removed = []
    added = []
  }
  for (const part of diffArrays(fromKeys as string[], toKeys as string[])) {
    for (let index = 0; index < part.count; index++) {
      if (part.removed) removed.push(from++)
      else if (part.added) added.push(to++)
      else {
        flush()
        steps.push({ op: 'equal', from: from++, to: to++ })
      }
    }
  }
  flush()
  return steps
}

function pairStretch(removed: number[], added: number[], options: AlignOptions): Step[] {
  if (removed.length === 0) return added.map((to) => ({ op: 'added', to }))
  if (added.length === 0) return removed.map((from) => ({ op: 'removed', from }))
  const n = removed.length
  const m = added.length
  const likeness = (i: number, j: number) => {
    const value = options.likeness(removed[i]!, added[j]!)
    // One block replaced by one block of its type reads as that block edited, however much.
    if (n === 1 && m === 1) return value
    return value >= options.threshold ? value : -1
  }
  if (n * m > largestStretch) {
    const steps: Step[] = []
    for (let k = 0; k < Math.max(n, m); k++) {
      if (k < n && k < m && likeness(k, k) >= 0) steps.push({ op: 'paired', from: removed[k]!, to: added[k]! })
      else {
        if (k < n) steps.push({ op: 'removed', from: removed[k]! })
        if (k < m) steps.push({ op: 'added', to: added[k]! })
      }
    }
    return steps
  }
  // best[i][j]: the most likeness pairing removed[i..] with added[j..] in order can reach.
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1))
  const scores = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => likeness(i, j)))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const score = scores[i]![j]!
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, score >= 0 ? score + best[i + 1]![j + 1]! : 0)
    }
  }
  const steps: Step[] = []
  let i = 0
  let j = 0
  // Deletions before insertions between pairs, as a reader expects "old, then new".
  let pendingAdded: Step[] = []
  while (i < n || j < m) {
    const score = i < n && j < m ? scores[i]![j]! : -1
    if (score >= 0 && best[i]![j] === score + best[i + 1]![j + 1]!) {
      steps.push(...pendingAdded, { op: 'paired', from: removed[i]!, to: added[j]! })
      pendingAdded = []
      i++
      j++
    } else if (j >= m || (i < n && best[i]![j] === best[i + 1]![j])) {
      steps.push({ op: 'removed', from: removed[i]! })
      i++
    } else {
      pendingAdded.push({ op: 'added', to: added[j]! })
      j++
    }
  }
  steps.push(...pendingAdded)
  return steps
}

/** How alike two texts are by their words: twice the shared words over all words (1 when both are empty). */
export function wordLikeness(a: string, b: string): number {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const left = words(a)
  const right = words(b)
  if (left.length === 0 && right.length === 0) return 1
  const counts = new Map<string, number>()
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1)
  let shared = 0
  for (const word of right) {
    const count = counts.get(word) ?? 0
    if (count > 0) {
      shared++
      counts.set(word, count - 1)
    }
  }
  return (2 * shared) / (left.length + right.length)
}
