/**
 * Compare and summary between two stored states of one document (either may be the live
 * document's current state, `Y.encodeStateAsUpdate(live)`). The states are read into fresh
 * documents, never into the live one. The answer is GET .../compare's `{"changes":[...]}`
 * (shapes in packages/contract/src/history.ts); the summary counts the same changes for
 * the version list.
 */
import type { HistoryChange, HistoryKind, VersionChangeCounts, VersionSummary } from '@studio/contract'
import * as Y from 'yjs'
import { richTextField } from '../text/rich-text-extensions.ts'
import { ChangeAuthors, noAttribution, type Attribution } from './attribution.ts'
import { compareMatrix } from './matrix-compare.ts'
import { compareMeeting } from './meeting-compare.ts'
import { readRichTextTree } from './rich-text-tree.ts'
import { compareRichText } from './text-compare.ts'
import { documentFromState } from './version-content.ts'

export interface CompareOptions {
  /** Who made what, from the update log (attributionFromLog); without it no change names an author. */
  attribution?: Attribution
}

/** What changed from `older` to `newer` (stored states); `older` null means an empty document. */
export function compareStates(kind: HistoryKind, older: Uint8Array | null, newer: Uint8Array, options: CompareOptions = {}): HistoryChange[] {
  // The same bytes are the same document: nothing to read. Most answers to "did anything
  // change?" are no (a visit recorded on leaving a page, "since you were here" after one), and
  // on the largest matrix reading both states costs 45-200 ms of the studio's one thread. A
  // document encodes to the same bytes while it is unchanged, as a rule also after a reload
  // (where it does not, the states are read and compared as before).
  if (older && sameBytes(older, newer)) return []
  const olderDoc = older ? documentFromState(older) : new Y.Doc()
  const newerDoc = documentFromState(newer)
  try {
    return compareDocuments(kind, olderDoc, newerDoc, options)
  } finally {
    olderDoc.destroy()
    newerDoc.destroy()
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  for (let index = 0; index < a.byteLength; index++) if (a[index] !== b[index]) return false
  return true
}

/** As compareStates, for two documents the caller owns and will not edit meanwhile (reading may create empty note texts). */
export function compareDocuments(kind: HistoryKind, olderDoc: Y.Doc, newerDoc: Y.Doc, options: CompareOptions = {}): HistoryChange[] {
  const authors = new ChangeAuthors(olderDoc, newerDoc, options.attribution ?? noAttribution)
  switch (kind) {
    case 'terms-of-reference': {
      const text = compareRichText(readRichTextTree(olderDoc, richTextField), readRichTextTree(newerDoc, richTextField), authors)
      return text ? [{ type: 'text', field: 'default', ...text }] : []
    }
    case 'competency-matrix':
      return compareMatrix(olderDoc, newerDoc, authors)
    case 'meeting':
      return compareMeeting(olderDoc, newerDoc, authors)
  }
}

/** The version list's summary of what changed since the version before (null: the first version). */
export function summarizeStates(kind: HistoryKind, older: Uint8Array | null, newer: Uint8Array): VersionSummary {
  return summarizeChanges(kind, compareStates(kind, older, newer))
}

const noCounts = (): VersionChangeCounts => ({ added: 0, changed: 0, archived: 0 })

export function summarizeChanges(kind: HistoryKind, changes: readonly HistoryChange[]): VersionSummary {
  let wordsAdded = 0
  let wordsRemoved = 0
  const counts = { cells: noCounts(), competencies: noCounts(), roles: noCounts(), domains: noCounts(), pmoTypes: noCounts(), decisions: noCounts(), actions: noCounts() }
  const collection = { competency: counts.competencies, role: counts.roles, domain: counts.domains, pmoType: counts.pmoTypes } as const
  for (const change of changes) {
    switch (change.type) {
      case 'text':
        wordsAdded += change.wordsAdded
        wordsRemoved += change.wordsRemoved
        break
      case 'cell':
        counts.cells[change.from === null ? 'added' : change.to === null ? 'archived' : 'changed']++
        break
      case 'entity':
        collection[change.entity][change.change === 'added' || change.change === 'archived' ? change.change : 'changed']++
        break
      case 'decision':
      case 'action':
        counts[change.type === 'decision' ? 'decisions' : 'actions'][change.change === 'added' || change.change === 'archived' ? change.change : 'changed']++
        break
    }
  }
  if (kind === 'terms-of-reference') return { kind: 'text', wordsAdded, wordsRemoved }
  if (kind === 'meeting') return { kind: 'meeting', wordsAdded, wordsRemoved, decisions: counts.decisions, actions: counts.actions }
  return { kind: 'matrix', cells: counts.cells, competencies: counts.competencies, roles: counts.roles, domains: counts.domains, pmoTypes: counts.pmoTypes }
}
