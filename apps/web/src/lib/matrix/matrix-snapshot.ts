/**
 * The matrix as the grid shows it, read from the Y.Doc and kept current cheaply. A change
 * re-reads only what it touched: a typed character in a note re-reads one cell; a renamed
 * competency re-reads the entities (a few hundred) but no cell. Unchanged entities, rows
 * and cells keep their object identity from the previous snapshot, so the grid's row
 * components see equal props and skip rendering.
 */
import {
  cellKey,
  matrixMaps,
  readCompetencies,
  readEntities,
  readExpectation,
  readLevels,
  readMeta,
  type Competency,
  type Entity,
  type Level,
  type MatrixMeta,
} from '@studio/framework'
import type * as Y from 'yjs'

export interface MatrixStructure {
  meta: MatrixMeta
  levels: readonly Level[]
  roles: readonly Entity[]
  pmoTypes: readonly Entity[]
  domains: readonly Entity[]
  /** Every competency in order, archived ones included. */
  competencies: readonly Competency[]
}

/** What one cell shows, for the PMO type being viewed (or the general expectation). */
export interface CellView {
  level: number | null
  note: string
  /** True when the viewed PMO type overrides this cell. */
  overridden: boolean
}

/** A competency's cells by role id. */
export type RowCells = Readonly<Record<string, CellView>>

/** Every competency's row by competency id. */
export type MatrixCells = ReadonlyMap<string, RowCells>

/** What a batch of transactions touched. `cells` holds `<competencyId>|<roleId>` keys. */
export interface MatrixChange {
  structure: boolean
  cells: Set<string>
}

export const emptyChange = (): MatrixChange => ({ structure: false, cells: new Set() })

export function readStructure(doc: Y.Doc, previous?: MatrixStructure): MatrixStructure {
  const next: MatrixStructure = {
    meta: readMeta(doc),
    levels: readLevels(doc),
    roles: readEntities(doc, 'role'),
    pmoTypes: readEntities(doc, 'pmoType'),
    domains: readEntities(doc, 'domain'),
    competencies: readCompetencies(doc),
  }
  if (!previous) return next
  return {
    meta: shallowEqual(previous.meta, next.meta) ? previous.meta : next.meta,
    levels: shareList(previous.levels, next.levels, (level) => String(level.rank)),
    roles: shareList(previous.roles, next.roles, (entity) => entity.id),
    pmoTypes: shareList(previous.pmoTypes, next.pmoTypes, (entity) => entity.id),
    domains: shareList(previous.domains, next.domains, (entity) => entity.id),
    competencies: shareList(previous.competencies, next.competencies, (entity) => entity.id),
  }
}

export function readCell(doc: Y.Doc, competencyId: string, roleId: string, pmoTypeId: string | null): CellView {
  const { level, note, overridden } = readExpectation(doc, { competencyId, roleId, pmoTypeId })
  return { level, note, overridden }
}

/**
 * Every competency's cells for `roles`. With a previous snapshot and a change, only the
 * changed cells (and rows whose set of roles differs) are read again.
 */
export function readCells(
  doc: Y.Doc,
  structure: MatrixStructure,
  pmoTypeId: string | null,
  previous?: MatrixCells,
  changedCells: ReadonlySet<string> | 'all' = 'all',
): MatrixCells {
  const next = new Map<string, RowCells>()
  const changedRows = changedCells === 'all' ? null : new Set([...changedCells].map((key) => key.split('|')[0]))
  for (const competency of structure.competencies) {
    const before = previous?.get(competency.id)
    const sameRoles = before !== undefined && hasExactlyRoles(before, structure.roles)
    if (sameRoles && changedRows && !changedRows.has(competency.id)) {
      next.set(competency.id, before)
      continue
    }
    const row: Record<string, CellView> = {}
    let changed = !sameRoles
    for (const role of structure.roles) {
      const old = before?.[role.id]
      if (old && changedCells !== 'all' && !changedCells.has(`${competency.id}|${role.id}`)) {
        row[role.id] = old
        continue
      }
      const cell = readCell(doc, competency.id, role.id, pmoTypeId)
      const kept = old && sameCell(old, cell) ? old : cell
      if (kept !== old) changed = true
      row[role.id] = kept
    }
    next.set(competency.id, changed || !before ? row : before)
  }
  return next
}

/**
 * Finds what a transaction changed. Notes are top-level texts named `note:<cell key>`;
 * their names are looked up through `names`, which learns new texts as they appear.
 */
export function collectChange(doc: Y.Doc, transaction: Y.Transaction, names: TopLevelNames, into: MatrixChange): void {
  const maps = matrixMaps(doc)
  const structural = new Set<unknown>([
    maps.meta,
    maps.levels,
    maps.entities('domain'),
    maps.entities('competency'),
    maps.entities('role'),
    maps.entities('pmoType'),
  ])
  for (const type of transaction.changedParentTypes.keys()) {
    if (structural.has(type)) into.structure = true
  }
  for (const [type, keys] of transaction.changed) {
    if ((type as unknown) === maps.expectations) {
      for (const key of keys) if (key !== null) into.cells.add(generalCellOf(key))
      continue
    }
    // Only top-level types: a note that arrived before this browser read it is still an
    // untyped placeholder, not yet a Y.Text, so the check is on position, not class.
    if (type._item !== null) continue
    const name = names.nameOf(type)
    if (name?.startsWith(notePrefix)) into.cells.add(generalCellOf(name.slice(notePrefix.length)))
  }
}

const notePrefix = 'note:'

/** `<competency>|<role>[|<pmo type>]` to `<competency>|<role>`: an override shows in its general cell. */
function generalCellOf(key: string): string {
  const [competencyId = '', roleId = ''] = key.split('|')
  return cellKey({ competencyId, roleId })
}

/** Names of a document's top-level types, found by identity; rebuilt when an unknown one appears. */
export class TopLevelNames {
  private readonly names = new WeakMap<object, string>()
  private readonly doc: Y.Doc

  constructor(doc: Y.Doc) {
    this.doc = doc
  }

  nameOf(type: object): string | undefined {
    let name = this.names.get(type)
    if (name === undefined) {
      for (const [key, shared] of this.doc.share) this.names.set(shared, key)
      name = this.names.get(type)
    }
    return name
  }
}

function hasExactlyRoles(row: RowCells, roles: readonly Entity[]): boolean {
  const keys = Object.keys(row)
  return keys.length === roles.length && roles.every((role) => role.id in row)
}

function sameCell(a: CellView, b: CellView): boolean {
  return a.level === b.level && a.note === b.note && a.overridden === b.overridden
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as Array<keyof T>
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/** `next` with each item replaced by its equal predecessor; the previous list itself when nothing differs. */
function shareList<T extends object>(previous: readonly T[], next: readonly T[], idOf: (item: T) => string): readonly T[] {
  const byId = new Map(previous.map((item) => [idOf(item), item]))
  let same = previous.length === next.length
  const shared = next.map((item, index) => {
    const old = byId.get(idOf(item))
    const kept = old && shallowEqual(old, item) ? old : item
    if (kept !== previous[index]) same = false
    return kept
  })
  return same ? previous : shared
}
