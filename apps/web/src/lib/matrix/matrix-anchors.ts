/**
 * Comment anchors for places in the grid, in the contract's forms: a cell
 * (`cell:<competencyId>|<roleId>[|<pmoTypeId>]`: a cell viewed for a PMO type is its own
 * anchor, so comments on an override stay with it), a competency, a role or a domain.
 */
import { cellAnchor, competencyAnchor, domainAnchor, parseAnchor, roleAnchor } from '@studio/contract'
import { untitled } from './matrix-labels.ts'
import type { GridLine } from './matrix-layout.ts'
import { headColumn, type GridPosition } from './matrix-navigation.ts'

/** The anchor of a grid position, or null where comments do not attach (the corner). */
export function anchorOf(line: GridLine | undefined, position: GridPosition, pmoTypeId: string | null): string | null {
  if (!line) return null
  if (line.kind === 'header') return position.columnId === headColumn ? null : roleAnchor(position.columnId)
  if (line.kind === 'domain') return domainAnchor(line.domainId)
  return position.columnId === headColumn ? competencyAnchor(line.competencyId) : cellAnchor(line.competencyId, position.columnId, pmoTypeId)
}

export interface AnchorNames {
  competency(id: string): string | undefined
  role(id: string): string | undefined
  domain(id: string): string | undefined
  pmoType(id: string): string | undefined
}

/** An anchor in words for the comments panel: "Governance support, PMO Analyst for Project office". */
export function describeMatrixAnchor(anchor: string, names: AnchorNames): string {
  const parsed = parseAnchor(anchor)
  if (!parsed) return anchor
  switch (parsed.kind) {
    case 'text':
      return 'the matrix as a whole'
    case 'cell': {
      const where = `${names.competency(parsed.competencyId) || untitled.competency}, ${names.role(parsed.roleId) || untitled.role}`
      return parsed.pmoTypeId ? `${where} for ${names.pmoType(parsed.pmoTypeId) ?? parsed.pmoTypeId}` : where
    }
    case 'competency':
      return names.competency(parsed.id) || untitled.competency
    case 'role':
      return `the role ${names.role(parsed.id) || untitled.role}`
    case 'domain':
      return `the domain ${names.domain(parsed.id) || untitled.domain}`
    case 'pmo-type':
      return `the PMO type ${names.pmoType(parsed.id) ?? parsed.id}`
    default:
      return anchor
  }
}
