/**
 * A plain snapshot of the matrix for display and export: entities in order, levels by
 * rank, and each cell's expectation with PMO-type overrides resolved.
 */
import * as Y from 'yjs'
import { byOrder } from './order.ts'
import { cellKey, matrixMaps, noteText, plainTextOf, type CellRef, type EntityKind, type EntityMap } from './schema.ts'

export interface Level {
  rank: number
  name: string
  description: string
}

export interface Entity {
  id: string
  name: string
  description: string
  order: string
  archived: boolean
}

export interface Competency extends Entity {
  domainId: string
}

export interface Domain extends Entity {
  competencies: Competency[]
}

export interface Expectation {
  level: number | null
  note: string
  /** True when a PMO type's override supplies this expectation. */
  overridden: boolean
}

export interface MatrixMeta {
  title: string
  status: string
  licence: string
  version: string
}

export interface MatrixSnapshot {
  meta: MatrixMeta
  levels: Level[]
  roles: Entity[]
  pmoTypes: Entity[]
  /** Every domain, each with every competency whose domain it is, archived ones included. */
  domains: Domain[]
}

/**
 * An entity without an order key is half-way through a remote change: Yjs applies an update's
 * deletions at once but holds its insertions until what they build on has arrived, so a moved
 * row can briefly have neither its old key nor its new one. Such a row is left out until the
 * rest arrives rather than sorted (and positioned against) as if its key were valid.
 */
export const isPlaced = (entity: EntityMap): boolean => typeof entity.get('order') === 'string'

/**
 * Readers skip an entry that is not a map (the server refuses one, but a log may hold one
 * from before: model/malformed-entries.ts lists them) rather than fail on it: the rest of
 * the matrix still shows and exports, and an import (replace) writes the entry afresh.
 */
export const isEntity = (entity: unknown): entity is EntityMap => entity instanceof Y.Map

export function readEntities(doc: Y.Doc, kind: EntityKind): Entity[] {
  const entities: Entity[] = []
  matrixMaps(doc).entities(kind).forEach((entity, id) => {
    if (!isEntity(entity) || !isPlaced(entity)) return
    entities.push({
      id,
      name: plainTextOf(entity.get('name')),
      description: plainTextOf(entity.get('description')),
      order: entity.get('order') as string,
      archived: entity.get('archived') === true,
    })
  })
  return entities.sort(byOrder)
}

export function readCompetencies(doc: Y.Doc): Competency[] {
  const competencies: Competency[] = []
  matrixMaps(doc).entities('competency').forEach((entity, id) => {
    if (!isEntity(entity) || !isPlaced(entity)) return
    const domainId = entity.get('domainId')
    competencies.push({
      id,
      domainId: typeof domainId === 'string' ? domainId : '',
      name: plainTextOf(entity.get('name')),
      description: plainTextOf(entity.get('description')),
      order: entity.get('order') as string,
      archived: entity.get('archived') === true,
    })
  })
  return competencies.sort(byOrder)
}

export function readLevels(doc: Y.Doc): Level[] {
  const levels: Level[] = []
  matrixMaps(doc).levels.forEach((level: unknown, rank) => {
    if (!(level instanceof Y.Map) || !Number.isSafeInteger(Number(rank)) || String(Number(rank)) !== rank) return
    levels.push({ rank: Number(rank), name: plainTextOf(level.get('name')), description: plainTextOf(level.get('description')) })
  })
  return levels.sort((a, b) => a.rank - b.rank)
}

export function readMeta(doc: Y.Doc): MatrixMeta {
  const meta = matrixMaps(doc).meta
  const text = (field: string) => plainTextOf(meta.get(field))
  return { title: text('title'), status: text('status'), licence: text('licence'), version: text('version') }
}

export function readMatrix(doc: Y.Doc): MatrixSnapshot {
  const competencies = readCompetencies(doc)
  const domains = readEntities(doc, 'domain').map((domain) => ({
    ...domain,
    competencies: competencies.filter((competency) => competency.domainId === domain.id),
  }))
  return { meta: readMeta(doc), levels: readLevels(doc), roles: readEntities(doc, 'role'), pmoTypes: readEntities(doc, 'pmoType'), domains }
}

/** Whether a PMO type overrides this cell: it has its own level or its own note. */
export function hasOverride(doc: Y.Doc, ref: CellRef & { pmoTypeId: string }): boolean {
  return matrixMaps(doc).expectations.has(cellKey(ref)) || noteText(doc, ref).length > 0
}

/**
 * What is expected of a role in a competency, for one PMO type when given: its override
 * where there is one (a note-only override keeps the general level), else the general one.
 */
export function readExpectation(doc: Y.Doc, ref: CellRef): Expectation {
  const expectations = matrixMaps(doc).expectations
  const general = { competencyId: ref.competencyId, roleId: ref.roleId }
  const generalLevel = levelIn(doc, expectations.get(cellKey(general)))
  if (ref.pmoTypeId && hasOverride(doc, { ...general, pmoTypeId: ref.pmoTypeId })) {
    const key = cellKey(ref)
    return { level: expectations.has(key) ? levelIn(doc, expectations.get(key)) : generalLevel, note: noteText(doc, ref).toString(), overridden: true }
  }
  return { level: generalLevel, note: noteText(doc, general).toString(), overridden: false }
}

/** A stored level as readers show it: a rank the scale defines, else "no level yet". */
function levelIn(doc: Y.Doc, stored: unknown): number | null {
  if (typeof stored !== 'number') return null
  const level: unknown = matrixMaps(doc).levels.get(String(stored))
  return level instanceof Y.Map ? stored : null
}
