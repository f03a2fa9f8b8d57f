/**
 * Which rows and columns the grid shows: archived ones are hidden, the search and the
 * domain and role filters narrow them, and collapsed domains show only their heading.
 * The result also lists the grid's lines in order, which keyboard navigation walks.
 */
import type { Competency, Entity } from '@studio/framework'
import type { MatrixStructure } from './matrix-snapshot.ts'

export interface MatrixFilters {
  search: string
  domainId: string | null
  roleId: string | null
}

export const noFilters: MatrixFilters = { search: '', domainId: null, roleId: null }

export interface LayoutGroup {
  domain: Entity
  /** The competencies shown (none when collapsed). */
  competencies: readonly Competency[]
  /** How many competencies match, shown or collapsed. */
  matching: number
  collapsed: boolean
}

/** One row of the grid: the column headers, a domain's heading, or a competency. */
export type GridLine =
  | { kind: 'header'; id: typeof headerLineId }
  | { kind: 'domain'; id: string; domainId: string }
  | { kind: 'competency'; id: string; competencyId: string; domainId: string }

export interface MatrixLayout {
  columns: readonly Entity[]
  groups: readonly LayoutGroup[]
  lines: readonly GridLine[]
}

export const headerLineId = 'header'
export const domainLineId = (domainId: string) => `domain:${domainId}`
export const competencyLineId = (competencyId: string) => `competency:${competencyId}`

export function isFiltering(filters: MatrixFilters): boolean {
  return filters.search.trim() !== '' || filters.domainId !== null || filters.roleId !== null
}

export function layoutMatrix(structure: MatrixStructure, filters: MatrixFilters, collapsed: ReadonlySet<string>): MatrixLayout {
  const searching = normalise(filters.search).trim() !== ''
  const columns = structure.roles.filter((role) => !role.archived && (filters.roleId === null || role.id === filters.roleId))
  const byDomain = new Map<string, Competency[]>()
  for (const competency of structure.competencies) {
    if (competency.archived || !matchesSearch(competency, filters.search)) continue
    const list = byDomain.get(competency.domainId) ?? []
    list.push(competency)
    byDomain.set(competency.domainId, list)
  }
  const groups: LayoutGroup[] = []
  const lines: GridLine[] = [{ kind: 'header', id: headerLineId }]
  for (const domain of structure.domains) {
    if (domain.archived || (filters.domainId !== null && domain.id !== filters.domainId)) continue
    const matching = byDomain.get(domain.id) ?? []
    // An empty domain is shown (so people can fill it) unless a search is looking for something else.
    if (searching && matching.length === 0) continue
    // A search looks inside collapsed domains too: hiding what it found would look like no match.
    const isCollapsed = collapsed.has(domain.id) && !searching
    const shown = isCollapsed ? [] : matching
    groups.push({ domain, competencies: shown, matching: matching.length, collapsed: isCollapsed })
    lines.push({ kind: 'domain', id: domainLineId(domain.id), domainId: domain.id })
    for (const competency of shown) {
      lines.push({ kind: 'competency', id: competencyLineId(competency.id), competencyId: competency.id, domainId: domain.id })
    }
  }
  return { columns, groups, lines }
}

/** Every word of the query appears in the competency's name or description, ignoring case and accents. */
export function matchesSearch(competency: Pick<Competency, 'name' | 'description'>, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = normalise(`${competency.name} ${competency.description}`)
  return words.every((word) => haystack.includes(word))
}

function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}
