/**
 * The words behind a place in the grid, for the focus detail region and the hover card:
 * a cell's level descriptor, override and note and its competency's description; a
 * header's description.
 */
import type { Competency, Entity, Level } from '@studio/framework'
import { competenciesText, levelName, untitled } from './matrix-labels.ts'
import type { GridLine, MatrixLayout } from './matrix-layout.ts'
import { headColumn } from './matrix-navigation.ts'
import type { CellView, MatrixCells } from './matrix-snapshot.ts'

export interface MatrixDetail {
  title: string
  parts: Array<{ label: string; text: string }>
}

export function cellDetail(
  competency: Competency,
  role: Entity,
  cell: CellView,
  levels: ReadonlyMap<number, Level>,
  pmoType: Entity | null,
): MatrixDetail {
  const title = [competency.name || untitled.competency, role.name || untitled.role, ...(pmoType ? [pmoType.name] : [])].join(' · ')
  const parts: MatrixDetail['parts'] = []
  const level = cell.level === null ? undefined : levels.get(cell.level)
  if (cell.level === null) parts.push({ label: 'No level', text: 'No expected level has been set yet.' })
  else parts.push({ label: `${levelName(cell.level, levels)} (level ${cell.level})`, text: level?.description || 'This level has no descriptor yet.' })
  if (cell.overridden && pmoType) parts.push({ label: 'Override', text: `Set for ${pmoType.name}, in place of the general expectation.` })
  if (cell.note.trim()) parts.push({ label: 'Note', text: cell.note.trim() })
  if (competency.description) parts.push({ label: 'Competency', text: competency.description })
  return { title, parts }
}

export function entityDetail(entity: Entity, kind: keyof typeof untitled, competencies?: number): MatrixDetail {
  const parts: MatrixDetail['parts'] = []
  if (entity.description) parts.push({ label: 'Description', text: entity.description })
  if (competencies !== undefined) parts.push({ label: 'Holds', text: competenciesText(competencies) })
  return { title: entity.name || untitled[kind], parts }
}

/** Where a person is, in words: "on Governance support · PMO Analyst", "editing PMO Analyst". */
export function describePlace(
  position: { lineId: string; columnId: string } | null,
  editing: boolean,
  names: { competency(id: string): string | undefined; role(id: string): string | undefined; domain(id: string): string | undefined },
): string {
  if (!position) return 'looking around'
  const verb = editing ? 'editing' : 'on'
  const [kind, id = ''] = splitLine(position.lineId)
  const role = position.columnId.startsWith('#') ? undefined : names.role(position.columnId)
  if (kind === 'domain') return `${verb} ${names.domain(id) ?? untitled.domain}`
  if (kind === 'header') return role ? `${verb} the column ${role}` : 'at the top of the grid'
  const competency = names.competency(id) ?? untitled.competency
  return role ? `${verb} ${competency} · ${role}` : `${verb} ${competency}`
}

function splitLine(lineId: string): [string, string?] {
  const colon = lineId.indexOf(':')
  return colon < 0 ? [lineId] : [lineId.slice(0, colon), lineId.slice(colon + 1)]
}

export interface DetailContext {
  line: GridLine | undefined
  groups: MatrixLayout['groups']
  roles: ReadonlyMap<string, Entity>
  competencies: ReadonlyMap<string, Competency>
  domains: ReadonlyMap<string, Entity>
  cells: MatrixCells
  levels: ReadonlyMap<number, Level>
  pmoType: Entity | null
}

/** The words behind any position of the grid; null where there is nothing to say. */
export function positionDetail(columnId: string, context: DetailContext): MatrixDetail | null {
  const { line } = context
  if (!line) return null
  if (line.kind === 'domain') {
    const group = context.groups.find((candidate) => candidate.domain.id === line.domainId)
    return group ? entityDetail(group.domain, 'domain', group.matching) : null
  }
  if (line.kind === 'header') {
    const role = context.roles.get(columnId)
    return role ? entityDetail(role, 'role') : { title: 'Competencies by role', parts: [] }
  }
  const competency = context.competencies.get(line.competencyId)
  if (!competency) return null
  if (columnId === headColumn) {
    const detail = entityDetail(competency, 'competency')
    const domain = context.domains.get(competency.domainId)
    if (domain) detail.parts.push({ label: 'Domain', text: domain.name || untitled.domain })
    return detail
  }
  const role = context.roles.get(columnId)
  const cell = context.cells.get(competency.id)?.[columnId]
  return role && cell ? cellDetail(competency, role, cell, context.levels, context.pmoType) : null
}
