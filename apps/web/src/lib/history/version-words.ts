/**
 * Words for the history panel: a version's title (its name, or what made it), who changed the
 * document since the version before, and its summary ("12 words added, 3 removed";
 * "4 cells changed, 1 competency added").
 */
import type { Version, VersionChangeCounts, VersionKind, VersionSummary } from '@studio/contract'

const kindTitles: Record<VersionKind, string> = {
  auto: 'Saved automatically',
  named: 'Named version',
  'before-import': 'Before an import',
  'before-restore': 'Before a restore',
  'meeting-end': 'At the meeting’s end',
}

export function versionTitle(version: Pick<Version, 'name' | 'kind'>): string {
  return version.name ?? kindTitles[version.kind]
}

/** "Ana, Ben and Carl"; null when the log names no one (the studio's own starting text, or long ago). */
export function peopleList(names: readonly string[]): string | null {
  if (names.length === 0) return null
  if (names.length === 1) return names[0]!
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

function countsWords(counts: VersionChangeCounts, one: string, many?: string, archived = 'archived'): string[] {
  const words: string[] = []
  if (counts.added) words.push(`${plural(counts.added, one, many)} added`)
  if (counts.changed) words.push(`${plural(counts.changed, one, many)} changed`)
  if (counts.archived) words.push(`${plural(counts.archived, one, many)} ${archived}`)
  return words
}

export function summaryWords(summary: VersionSummary): string {
  const parts: string[] = []
  if (summary.kind === 'text' || summary.kind === 'meeting') {
    if (summary.wordsAdded) parts.push(`${plural(summary.wordsAdded, 'word')} added`)
    if (summary.wordsRemoved) parts.push(`${plural(summary.wordsRemoved, 'word')} removed`)
  }
  if (summary.kind === 'matrix') {
    parts.push(
      ...countsWords(summary.cells, 'cell', undefined, 'cleared'),
      ...countsWords(summary.competencies, 'competency', 'competencies'),
      ...countsWords(summary.roles, 'role'),
      ...countsWords(summary.domains, 'domain'),
      ...countsWords(summary.pmoTypes, 'PMO type'),
    )
  }
  if (summary.kind === 'meeting') parts.push(...countsWords(summary.decisions, 'decision'), ...countsWords(summary.actions, 'action'))
  return parts.length > 0 ? parts.join(', ') : 'No visible change'
}
