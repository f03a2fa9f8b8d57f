/**
 * What the notice about skipped entries says (components/layout/SkippedEntriesNotice.vue).
 * A document whose log holds entries written before the server checked its model shows
 * everything else and leaves those out; an organiser is told how many, where they are, and for
 * the matrix how to repair them (an import with Replace rewrites it and drops what it cannot read).
 */
import { DocumentName } from '@studio/contract'

export interface SkippedEntriesNotice {
  summary: string
  repair: string
  /** The entries' paths and problems, at most `shownEntries` of them. */
  lines: string[]
  /** How many more there are than `lines` shows. */
  more: number
}

export const shownEntries = 50

function documentWords(documentName: string): string {
  if (documentName === DocumentName.competencyMatrix) return 'the matrix'
  if (documentName === DocumentName.termsOfReference) return 'the terms of reference'
  if (documentName === DocumentName.meetings) return 'the meetings list'
  return 'this meeting'
}

export function describeSkippedEntries(documentName: string, lines: readonly string[]): SkippedEntriesNotice | null {
  const count = lines.length
  if (count === 0) return null
  // "Left out", not "hidden": the row or item an entry belongs to still shows, without it.
  const summary = `${count} ${count === 1 ? 'entry' : 'entries'} of ${documentWords(documentName)} could not be read and ${count === 1 ? 'is' : 'are'} left out, here and in downloads.`
  const repair = documentName === DocumentName.competencyMatrix
    ? 'An import (Replace) repairs them: download the framework as JSON, then import that file with Replace. Nothing that can be read is lost.'
    : 'They were written before the studio checked every edit; everything else is shown as usual.'
  return { summary, repair, lines: lines.slice(0, shownEntries), more: Math.max(0, count - shownEntries) }
}
