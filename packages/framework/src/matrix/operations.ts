/**
 * Typed operations over the matrix document. Each runs in one Yjs transaction, so its
 * update reaches others whole. Nothing is ever deleted: archiving hides a row or column
 * and restoring brings it back, so an edit made elsewhere at the same moment is kept.
 */
import * as Y from 'yjs'
import { newId } from './ids.ts'
import { byOrder, keyAt, type Ordered } from './order.ts'
import { isEntity, isPlaced } from './read.ts'
import { replaceText } from './text.ts'
import { cellKey, entityMap, matrixMaps, noteText, writableTextField, type CellRef, type EntityKind, type EntityMap } from './schema.ts'

export interface NewEntity {
  name: string
  description?: string
  /** Position among its siblings; at the end when omitted. */
  index?: number
  /** Kept when given (imports keep ids); otherwise made from the name. */
  id?: string
  /** Competencies only: the domain they belong to. */
  domainId?: string
}

export class MatrixError extends Error {}

/**
 * The exchange format's limits. Edits are clipped to them, so the studio can always import
 * its own export; the grid's inputs carry the same limits, so nobody types past them unawares.
 */
export const textLimits = { name: 200, description: 4000, note: 4000 } as const

/** Siblings of an entity in display order: competencies share a domain, the rest share a kind. */
export function siblingsOf(doc: Y.Doc, kind: EntityKind, domainId?: string): Ordered[] {
  const siblings: Ordered[] = []
  matrixMaps(doc).entities(kind).forEach((entity, id) => {
    if (!isEntity(entity) || (kind === 'competency' && entity.get('domainId') !== domainId) || !isPlaced(entity)) return
    siblings.push({ id, order: entity.get('order') as string })
  })
  return siblings.sort(byOrder)
}

export function addEntity(doc: Y.Doc, kind: EntityKind, fields: NewEntity, origin?: unknown): string {
  if (kind === 'competency' && (!fields.domainId || !entityMap(doc, 'domain', fields.domainId))) {
    throw new MatrixError('A competency needs an existing domain.')
  }
  const id = fields.id ?? newId(fields.name)
  if (entityMap(doc, kind, id)) throw new MatrixError(`There is already a ${kind} with id ${id}.`)
  doc.transact(() => {
    const siblings = siblingsOf(doc, kind, fields.domainId)
    const entity: EntityMap = new Y.Map()
    entity.set('name', new Y.Text(fields.name))
    entity.set('description', new Y.Text(fields.description ?? ''))
    entity.set('order', keyAt(siblings, fields.index ?? siblings.length))
    entity.set('archived', false)
    if (kind === 'competency') entity.set('domainId', fields.domainId!)
    matrixMaps(doc).entities(kind).set(id, entity)
  }, origin)
  return id
}

function requireEntity(doc: Y.Doc, kind: EntityKind, id: string): EntityMap {
  const entity = entityMap(doc, kind, id)
  if (!entity) throw new MatrixError(`There is no ${kind} with id ${id}.`)
  return entity
}

export function renameEntity(doc: Y.Doc, kind: EntityKind, id: string, name: string, origin?: unknown): void {
  const entity = requireEntity(doc, kind, id)
  doc.transact(() => replaceText(writableTextField(entity, 'name'), name.slice(0, textLimits.name)), origin)
}

export function describeEntity(doc: Y.Doc, kind: EntityKind, id: string, description: string, origin?: unknown): void {
  const entity = requireEntity(doc, kind, id)
  doc.transact(() => replaceText(writableTextField(entity, 'description'), description.slice(0, textLimits.description)), origin)
}

/**
 * Moves an entity to `index` among its siblings; a competency may move to another domain.
 * Its order key and domain are single values, so concurrent moves of one row settle on one
 * place and a competency is never in two domains. A competency's move always writes both,
 * even when the domain stays: two concurrent moves then resolve both keys the same way, so
 * the row never ends in one person's domain at another person's position.
 */
export function moveEntity(doc: Y.Doc, kind: EntityKind, id: string, index: number, toDomainId?: string, origin?: unknown): void {
  const entity = requireEntity(doc, kind, id)
  const domainId = kind === 'competency' ? (toDomainId ?? (entity.get('domainId') as string)) : undefined
  if (kind === 'competency' && !entityMap(doc, 'domain', domainId!)) throw new MatrixError(`There is no domain with id ${domainId}.`)
  doc.transact(() => {
    const siblings = siblingsOf(doc, kind, domainId).filter((sibling) => sibling.id !== id)
    entity.set('order', keyAt(siblings, index))
    if (kind === 'competency') entity.set('domainId', domainId!)
  }, origin)
}

export function setArchived(doc: Y.Doc, kind: EntityKind, id: string, archived: boolean, origin?: unknown): void {
  const entity = requireEntity(doc, kind, id)
  if (entity.get('archived') === archived) return
  doc.transact(() => entity.set('archived', archived), origin)
}

export const archiveEntity = (doc: Y.Doc, kind: EntityKind, id: string, origin?: unknown) => setArchived(doc, kind, id, true, origin)
export const restoreEntity = (doc: Y.Doc, kind: EntityKind, id: string, origin?: unknown) => setArchived(doc, kind, id, false, origin)

/**
 * A cell must name a competency, a role and (for an override) a PMO type that exist, archived or
 * not; nothing is ever deleted, so a check here holds everywhere. A cell naming anything else
 * would be stored but never shown or exported.
 */
function requireCell(doc: Y.Doc, ref: CellRef): void {
  requireEntity(doc, 'competency', ref.competencyId)
  requireEntity(doc, 'role', ref.roleId)
  if (ref.pmoTypeId) requireEntity(doc, 'pmoType', ref.pmoTypeId)
}

/**
 * Sets a cell's expected level (a rank, or null for "no level yet"). With a PMO type this
 * writes an override for that type; `clearOverride` removes it again.
 */
export function setLevel(doc: Y.Doc, ref: CellRef, level: number | null, origin?: unknown): void {
  requireCell(doc, ref)
  if (level !== null && !matrixMaps(doc).levels.has(String(level))) throw new MatrixError(`There is no level ${level}.`)
  const expectations = matrixMaps(doc).expectations
  const key = cellKey(ref)
  if (expectations.has(key) && expectations.get(key) === level) return
  doc.transact(() => expectations.set(key, level), origin)
}

export function setNote(doc: Y.Doc, ref: CellRef, note: string, origin?: unknown): void {
  requireCell(doc, ref)
  const text = noteText(doc, ref)
  doc.transact(() => replaceText(text, note.slice(0, textLimits.note)), origin)
}

/** Removes a PMO type's override of a cell, so the cell shows the general expectation again. */
export function clearOverride(doc: Y.Doc, ref: CellRef, origin?: unknown): void {
  if (!ref.pmoTypeId) throw new MatrixError('Only an override for a PMO type can be cleared.')
  requireCell(doc, ref)
  doc.transact(() => {
    matrixMaps(doc).expectations.delete(cellKey(ref))
    replaceText(noteText(doc, ref), '')
  }, origin)
}

export function setMeta(doc: Y.Doc, field: 'title' | 'status' | 'licence' | 'version', value: string, origin?: unknown): void {
  doc.transact(() => matrixMaps(doc).meta.set(field, value), origin)
}

/** Defines or redefines a proficiency level. */
export function setLevelDefinition(doc: Y.Doc, rank: number, name: string, description: string, origin?: unknown): void {
  const levels = matrixMaps(doc).levels
  doc.transact(() => {
    // A level that is missing, or not a map of texts (logged before the model was enforced), is written afresh.
    let level: unknown = levels.get(String(rank))
    if (!(level instanceof Y.Map)) {
      level = new Y.Map<Y.Text>()
      levels.set(String(rank), level as Y.Map<Y.Text>)
    }
    const fields = level as Y.Map<Y.Text>
    for (const [field, value] of [['name', name], ['description', description]] as const) {
      let text: unknown = fields.get(field)
      if (!(text instanceof Y.Text)) fields.set(field, (text = new Y.Text()))
      replaceText(text as Y.Text, value)
    }
  }, origin)
}
