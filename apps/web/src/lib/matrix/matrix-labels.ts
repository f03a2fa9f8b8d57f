/**
 * What the grid says to people who cannot see it: each cell's accessible name (competency,
 * role, level, override, note, comments), the row and column headers' names, and the short
 * announcements that confirm an action made with the keyboard.
 */
import type { Level } from '@studio/framework'

export const noLevelName = 'No level'
export const untitled = { domain: 'Untitled domain', competency: 'Untitled competency', role: 'Untitled role', pmoType: 'Untitled PMO type' } as const

export function levelName(rank: number | null, levels: ReadonlyMap<number, Level>): string {
  if (rank === null) return noLevelName
  return levels.get(rank)?.name || `Level ${rank}`
}

export interface CellLabelParts {
  competency: string
  role: string
  level: string
  note: string
  /** The PMO type's name when its override supplies this cell. */
  overrideFor?: string | null
  comments?: number
}

/**
 * e.g. "Governance support, PMO Analyst: Independent. Note: Chairs the monthly board."
 * The comment count follows the level, in the order the cell shows them, so the visible
 * text is part of the name (WCAG 2.5.3, for people who speak to their computer).
 */
export function cellLabel(parts: CellLabelParts): string {
  let label = `${parts.competency || untitled.competency}, ${parts.role || untitled.role}: ${parts.level}`
  if (parts.overrideFor) label += ` (override for ${parts.overrideFor})`
  if (parts.comments) label += `, ${commentsText(parts.comments)}`
  label += '.'
  const note = parts.note.trim().replace(/\s+/g, ' ')
  if (note) label += ` Note: ${note}${/[.!?]$/.test(note) ? '' : '.'}`
  return label
}

export function commentsText(count: number): string {
  return count === 1 ? '1 comment' : `${count} comments`
}

export function competenciesText(count: number): string {
  return count === 1 ? '1 competency' : `${count} competencies`
}

export function headerLabel(name: string, kind: keyof typeof untitled, comments = 0): string {
  const base = name || untitled[kind]
  return comments ? `${base}, ${commentsText(comments)}` : base
}

export function domainLabel(name: string, matching: number, comments = 0): string {
  return `${headerLabel(name, 'domain', comments)}, domain, ${competenciesText(matching)}`
}

export function levelSetAnnouncement(competency: string, role: string, level: string, overrideFor?: string | null): string {
  const where = `${competency || untitled.competency}, ${role || untitled.role}`
  return overrideFor ? `${where} for ${overrideFor} set to ${level}.` : `${where} set to ${level}.`
}
