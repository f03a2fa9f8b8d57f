/**
 * The matrix document to and from `pmo-framework/v1`. Exports keep archived rows (flagged),
 * so nothing is lost in a round trip. Imports keep the file's ids and run in one Yjs
 * transaction:
 * - replace: the matrix becomes the file. What the file lacks is archived (never deleted,
 *   so it can be restored) and cells it lacks are cleared.
 * - merge: only what is new is added: entities whose id is unknown, and cells not yet set.
 */
import * as Y from 'yjs'
import { generateNKeysBetween } from 'fractional-indexing'
import { exchangeFormat, type ExchangeCompetency, type ExchangeExpectation, type ExchangeFramework, type ExchangeNamed } from './exchange-format.ts'
import { byOrder } from './order.ts'
import { readEntities, readCompetencies, readExpectation, readLevels, readMeta, hasOverride, isEntity, isPlaced } from './read.ts'
import { cellKey, collectionOf, entityMap, matrixMaps, matrixSchemaVersion, noteText, notedCellKeys, parseCellKey, plainTextOf, writableTextField, type CellRef, type Collection, type EntityKind, type EntityMap } from './schema.ts'
import { setLevelDefinition } from './operations.ts'
import { replaceText } from './text.ts'

/**
 * The document as `pmo-framework/v1`. A name left empty (two people deleting its two halves at
 * the same moment is enough) is exported as the id, or "Level <rank>", because the format
 * requires a name and the studio must be able to import its own export.
 */
export function toExchange(doc: Y.Doc): ExchangeFramework {
  const meta = readMeta(doc)
  const named = (entity: { id: string; name: string; description: string; archived: boolean }): ExchangeNamed => ({
    id: entity.id,
    name: entity.name || entity.id,
    description: entity.description,
    ...(entity.archived ? { archived: true } : {}),
  })
  const roles = readEntities(doc, 'role')
  const pmoTypes = readEntities(doc, 'pmoType')
  const competencies = readCompetencies(doc)
  const expectationOf = (ref: CellRef): ExchangeExpectation => {
    const { level, note } = readExpectation(doc, ref)
    return { level, note }
  }
  return {
    format: exchangeFormat,
    title: meta.title || 'PMO Competency Framework',
    ...(meta.status ? { status: meta.status } : {}),
    ...(meta.licence ? { licence: meta.licence } : {}),
    ...(meta.version ? { version: meta.version } : {}),
    levels: readLevels(doc).map((level) => ({ rank: level.rank, name: level.name || `Level ${level.rank}`, description: level.description })),
    roles: roles.map(named),
    pmoTypes: pmoTypes.map(named),
    domains: readEntities(doc, 'domain').map((domain) => ({
      ...named(domain),
      competencies: competencies
        .filter((competency) => competency.domainId === domain.id)
        .map((competency): ExchangeCompetency => {
          const expectations: Record<string, ExchangeExpectation> = {}
          for (const role of roles) {
            if (isSet(doc, { competencyId: competency.id, roleId: role.id })) expectations[role.id] = expectationOf({ competencyId: competency.id, roleId: role.id })
          }
          const overrides: Record<string, Record<string, ExchangeExpectation>> = {}
          for (const pmoType of pmoTypes) {
            for (const role of roles) {
              const ref = { competencyId: competency.id, roleId: role.id, pmoTypeId: pmoType.id }
              if (!hasOverride(doc, ref)) continue
              ;(overrides[pmoType.id] ??= {})[role.id] = expectationOf(ref)
            }
          }
          return { ...named(competency), expectations, overrides }
        }),
    })),
  }
}

/** A general cell counts as set when it has a level (even "none yet") or a note. */
function isSet(doc: Y.Doc, ref: CellRef): boolean {
  return matrixMaps(doc).expectations.has(cellKey(ref)) || noteText(doc, ref).length > 0
}

export type ImportMode = 'replace' | 'merge'

export interface ImportReport {
  mode: ImportMode
  added: Record<Collection, string[]>
  updated: Record<Collection, string[]>
  archived: Record<Collection, string[]>
  restored: Record<Collection, string[]>
  /** Cells whose level or note the import set. */
  cellsSet: number
  /** Cells the import cleared (replace only). */
  cellsCleared: number
  levelsChanged: number[]
  metaChanged: string[]
}

const emptyLists = (): Record<Collection, string[]> => ({ domains: [], competencies: [], roles: [], pmoTypes: [] })

/** Applies a validated framework (see validateExchange) to the document; returns what changed. */
export function importFramework(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode, origin?: unknown): ImportReport {
  const report: ImportReport = { mode, added: emptyLists(), updated: emptyLists(), archived: emptyLists(), restored: emptyLists(), cellsSet: 0, cellsCleared: 0, levelsChanged: [], metaChanged: [] }
  doc.transact(() => {
    importMeta(doc, framework, mode, report)
    importLevels(doc, framework, mode, report)
    importEntities(doc, 'role', framework.roles, mode, report)
    importEntities(doc, 'pmoType', framework.pmoTypes ?? [], mode, report)
    importEntities(doc, 'domain', framework.domains, mode, report)
    for (const domain of framework.domains) {
      importEntities(doc, 'competency', domain.competencies, mode, report, domain.id)
    }
    if (mode === 'replace') archiveMissingCompetencies(doc, framework, report)
    importCells(doc, framework, mode, report)
  }, origin)
  return report
}

function importMeta(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode, report: ImportReport): void {
  const meta = matrixMaps(doc).meta
  if (!meta.has('schemaVersion')) meta.set('schemaVersion', matrixSchemaVersion)
  for (const field of ['title', 'status', 'licence', 'version'] as const) {
    const value = framework[field]
    if (value === undefined || meta.get(field) === value) continue
    if (mode === 'merge' && meta.has(field)) continue
    meta.set(field, value)
    report.metaChanged.push(field)
  }
}

function importLevels(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode, report: ImportReport): void {
  const current = new Map(readLevels(doc).map((level) => [level.rank, level]))
  for (const level of framework.levels) {
    const existing = current.get(level.rank)
    if (existing && (mode === 'merge' || (existing.name === level.name && existing.description === (level.description ?? '')))) continue
    setLevelDefinition(doc, level.rank, level.name, level.description ?? '')
    report.levelsChanged.push(level.rank)
  }
}

/**
 * Adds, updates (replace) and orders one sibling group as the file lists it. In replace
 * mode, siblings the file does not list are archived (competencies: see below).
 */
function importEntities(doc: Y.Doc, kind: EntityKind, items: ExchangeNamed[], mode: ImportMode, report: ImportReport, domainId?: string): void {
  const collection = collectionOf[kind]
  const entities = matrixMaps(doc).entities(kind)
  const existingSiblings = readSiblings(doc, kind, domainId)
  const lastKey = existingSiblings.at(-1)?.order ?? null
  // Replace lays the group out in the file's order; merge appends what is new after what is there.
  const keys = mode === 'replace' ? generateNKeysBetween(null, null, items.length) : generateNKeysBetween(lastKey, null, items.length)
  items.forEach((item, index) => {
    const existing = entityMap(doc, kind, item.id)
    if (!existing) {
      const entity: EntityMap = new Y.Map()
      entity.set('name', new Y.Text(item.name))
      entity.set('description', new Y.Text(item.description ?? ''))
      entity.set('order', keys[index]!)
      entity.set('archived', item.archived === true)
      if (domainId) entity.set('domainId', domainId)
      entities.set(item.id, entity)
      report.added[collection].push(item.name)
      return
    }
    if (mode === 'merge') return
    let changed = false
    const update = (field: 'name' | 'description', value: string) => {
      const text = writableTextField(existing, field)
      if (text.toString() === value) return
      replaceText(text, value)
      changed = true
    }
    update('name', item.name)
    update('description', item.description ?? '')
    // A competency's order and domain are written together, as a move writes them (see moveEntity).
    const moved = domainId !== undefined && existing.get('domainId') !== domainId
    if (existing.get('order') !== keys[index] || moved) {
      existing.set('order', keys[index]!)
      if (domainId) existing.set('domainId', domainId)
    }
    if (moved) changed = true
    const archived = item.archived === true
    if (existing.get('archived') !== archived) {
      existing.set('archived', archived)
      ;(archived ? report.archived : report.restored)[collection].push(item.name)
    }
    if (changed) report.updated[collection].push(item.name)
  })
  if (mode === 'replace' && kind !== 'competency') {
    const listed = new Set(items.map((item) => item.id))
    entities.forEach((entity, id) => {
      if (listed.has(id) || !isEntity(entity) || entity.get('archived') === true) return
      entity.set('archived', true)
      report.archived[collection].push(plainTextOf(entity.get('name')))
    })
  }
}

function archiveMissingCompetencies(doc: Y.Doc, framework: ExchangeFramework, report: ImportReport): void {
  const listed = new Set(framework.domains.flatMap((domain) => domain.competencies.map((competency) => competency.id)))
  matrixMaps(doc).entities('competency').forEach((entity, id) => {
    if (listed.has(id) || !isEntity(entity) || entity.get('archived') === true) return
    entity.set('archived', true)
    report.archived.competencies.push(plainTextOf(entity.get('name')))
  })
}

function readSiblings(doc: Y.Doc, kind: EntityKind, domainId?: string) {
  const siblings: Array<{ id: string; order: string }> = []
  matrixMaps(doc).entities(kind).forEach((entity, id) => {
    if (!isEntity(entity) || (kind === 'competency' && entity.get('domainId') !== domainId) || !isPlaced(entity)) return
    siblings.push({ id, order: entity.get('order') as string })
  })
  return siblings.sort(byOrder)
}

function importCells(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode, report: ImportReport): void {
  const expectations = matrixMaps(doc).expectations
  const inFile = new Set<string>()
  const write = (ref: CellRef, expectation: ExchangeExpectation) => {
    const key = cellKey(ref)
    inFile.add(key)
    const note = noteText(doc, ref)
    if (mode === 'merge' && (expectations.has(key) || note.length > 0)) return
    const noteChanged = note.toString() !== (expectation.note ?? '')
    const levelChanged = !expectations.has(key) || expectations.get(key) !== expectation.level
    if (!noteChanged && !levelChanged) return
    if (levelChanged) expectations.set(key, expectation.level)
    if (noteChanged) replaceText(note, expectation.note ?? '')
    report.cellsSet++
  }
  for (const domain of framework.domains) {
    for (const competency of domain.competencies) {
      for (const [roleId, expectation] of Object.entries(competency.expectations)) write({ competencyId: competency.id, roleId }, expectation)
      for (const [pmoTypeId, byRole] of Object.entries(competency.overrides ?? {})) {
        for (const [roleId, expectation] of Object.entries(byRole)) write({ competencyId: competency.id, roleId, pmoTypeId }, expectation)
      }
    }
  }
  if (mode !== 'replace') return
  // The file speaks only for its own rows and columns: the cells of what it archives are kept,
  // so a competency or role restored later comes back with its levels and notes.
  const listed = new Set([
    ...framework.roles.map((role) => role.id),
    ...(framework.pmoTypes ?? []).map((pmoType) => pmoType.id),
    ...framework.domains.flatMap((domain) => domain.competencies.map((competency) => competency.id)),
  ])
  const spokenFor = (key: string) => {
    const ref = parseCellKey(key)
    return listed.has(ref.competencyId) && listed.has(ref.roleId) && (!ref.pmoTypeId || listed.has(ref.pmoTypeId))
  }
  const stale = new Set([...expectations.keys(), ...notedCellKeys(doc)].filter((key) => !inFile.has(key) && spokenFor(key)))
  for (const key of stale) {
    expectations.delete(key)
    replaceText(noteText(doc, parseCellKey(key)), '')
    report.cellsCleared++
  }
}
