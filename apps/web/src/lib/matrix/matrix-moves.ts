/**
 * Reordering from the grid, by keyboard (Alt+arrows) and by drag and drop, through the
 * framework's typed operations. Each returns the sentence to announce, or null when the
 * move cannot happen (already first or last, or not something that moves). Also which
 * editor a grid position opens beside the grid.
 */
import { moveEntity, siblingsOf, type EntityKind } from '@studio/framework'
import type * as Y from 'yjs'
import type { GridLine, MatrixLayout } from './matrix-layout.ts'
import { untitled } from './matrix-labels.ts'
import { headColumn, type GridPosition } from './matrix-navigation.ts'
import { competencyMove, dropIndex, neighbourMoveIndex, type Direction } from './matrix-reorder.ts'

export type MovableKind = Exclude<EntityKind, 'pmoType'>

export interface MoveSubject {
  kind: MovableKind
  id: string
}

export interface DropTarget extends MoveSubject {
  /** The target competency's domain (or the domain itself). */
  domainId: string | null
  after: boolean
}

/** What moves when a grid position is moved: the competency, domain or role it heads. */
export function subjectAt(line: GridLine | undefined, columnId: string): MoveSubject | null {
  if (!line) return null
  if (line.kind === 'domain') return { kind: 'domain', id: line.domainId }
  if (line.kind === 'competency' && columnId === headColumn) return { kind: 'competency', id: line.competencyId }
  if (line.kind === 'header' && columnId !== headColumn) return { kind: 'role', id: columnId }
  return null
}

function nameIn(layout: MatrixLayout, subject: MoveSubject): string {
  if (subject.kind === 'role') return layout.columns.find((role) => role.id === subject.id)?.name || untitled.role
  for (const group of layout.groups) {
    if (subject.kind === 'domain' && group.domain.id === subject.id) return group.domain.name || untitled.domain
    const competency = group.competencies.find((candidate) => candidate.id === subject.id)
    if (competency) return competency.name || untitled.competency
  }
  return untitled[subject.kind]
}

export function moveByKey(doc: Y.Doc, layout: MatrixLayout, subject: MoveSubject, direction: Direction): string | null {
  const name = nameIn(layout, subject)
  const way = subject.kind === 'role' ? (direction < 0 ? 'left' : 'right') : direction < 0 ? 'up' : 'down'
  if (subject.kind === 'competency') {
    const groups = layout.groups.map((group) => ({ domainId: group.domain.id, competencyIds: group.competencies.map((competency) => competency.id) }))
    const move = competencyMove(groups, (domainId) => siblingsOf(doc, 'competency', domainId), subject.id, direction)
    if (!move) return null
    const from = groups.find((group) => group.competencyIds.includes(subject.id))?.domainId
    moveEntity(doc, 'competency', subject.id, move.index, move.domainId)
    if (move.domainId === from) return `Moved ${name} ${way}.`
    const domain = layout.groups.find((group) => group.domain.id === move.domainId)
    return `Moved ${name} to ${domain?.domain.name || untitled.domain}${domain?.collapsed ? ', which is collapsed' : ''}.`
  }
  const visible = subject.kind === 'domain' ? layout.groups.map((group) => group.domain.id) : layout.columns.map((role) => role.id)
  const index = neighbourMoveIndex(siblingsOf(doc, subject.kind), visible, subject.id, direction)
  if (index === null) return null
  moveEntity(doc, subject.kind, subject.id, index)
  return `Moved ${name} ${way}.`
}

/** Whether `subject` can be dropped on `target`: a row on a row (or a competency on a domain), a column on a column. */
export function canDrop(subject: MoveSubject, target: MoveSubject): boolean {
  if (subject.id === target.id && subject.kind === target.kind) return false
  if (subject.kind === 'competency') return target.kind === 'competency' || target.kind === 'domain'
  return subject.kind === target.kind
}

export function moveByDrop(doc: Y.Doc, layout: MatrixLayout, subject: MoveSubject, target: DropTarget): string | null {
  if (!canDrop(subject, target)) return null
  const name = nameIn(layout, subject)
  if (subject.kind === 'competency') {
    if (target.kind === 'domain') {
      moveEntity(doc, 'competency', subject.id, 0, target.id)
    } else {
      const domainId = target.domainId!
      moveEntity(doc, 'competency', subject.id, dropIndex(siblingsOf(doc, 'competency', domainId), subject.id, target.id, target.after), domainId)
    }
    return `Moved ${name}.`
  }
  moveEntity(doc, subject.kind, subject.id, dropIndex(siblingsOf(doc, subject.kind), subject.id, target.id, target.after))
  return `Moved ${name}.`
}

/**
 * Where a drag would drop `subject` when the pointer is over `columnId` of `line`, whose
 * cell occupies `box`: before or after the row (by the pointer's height in the cell) or
 * the column (by its side). A competency dropped on a domain heading goes to its top.
 */
export function dropTargetFor(
  subject: MoveSubject,
  line: GridLine,
  columnId: string,
  box: { left: number; top: number; width: number; height: number },
  pointer: { x: number; y: number },
): DropTarget | null {
  let target: DropTarget | null = null
  if (subject.kind === 'role') {
    // Any cell of a column stands for the column.
    if (columnId !== headColumn) target = { kind: 'role', id: columnId, domainId: null, after: pointer.x > box.left + box.width / 2 }
  } else {
    const after = pointer.y > box.top + box.height / 2
    if (line.kind === 'domain') target = { kind: 'domain', id: line.domainId, domainId: line.domainId, after: subject.kind === 'competency' || after }
    else if (line.kind === 'competency' && subject.kind === 'competency') target = { kind: 'competency', id: line.competencyId, domainId: line.domainId, after }
  }
  return target && canDrop(subject, target) ? target : null
}

/** The editor open beside the grid: a cell's (level and note) or a header's (name, description, moves). */
export type MatrixEditorState =
  | { kind: 'cell'; position: GridPosition; focusNote: boolean }
  | { kind: 'entity'; entityKind: MovableKind; id: string; position: GridPosition; selectName: boolean }

/** The editor a position opens, or null where there is none (the corner). */
export function editorAt(line: GridLine | undefined, position: GridPosition, options: { focusNote: boolean; selectName: boolean }): MatrixEditorState | null {
  if (!line) return null
  if (line.kind === 'competency' && position.columnId !== headColumn) return { kind: 'cell', position, focusNote: options.focusNote }
  const subject = subjectAt(line, position.columnId)
  return subject ? { kind: 'entity', entityKind: subject.kind, id: subject.id, position, selectName: options.selectName } : null
}
