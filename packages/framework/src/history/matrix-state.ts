/**
 * The competency matrix read as it is stored, for the history: every entity with its order
 * key, domain and archived flag, every level, the meta fields, and every cell as stored (a
 * level set, even to "none yet", or a note), overrides included and nothing resolved. The
 * compare reports differences between two of these; the restore writes one into the live
 * document; `visibleMatrix` is what a person sees (archived rows and their cells left out),
 * which a restore must reproduce.
 */
import * as Y from 'yjs'
import { collectionOf, matrixMaps, noteText, notedCellKeys, parseCellKey, plainTextOf, type EntityKind, type EntityMap } from '../matrix/schema.ts'
import { isEntity } from '../matrix/read.ts'
import { byOrder } from '../matrix/order.ts'

export const entityKinds: readonly EntityKind[] = ['domain', 'competency', 'role', 'pmoType']
export const metaFields = ['title', 'status', 'licence', 'version'] as const

export interface StoredEntity {
  id: string
  name: string
  description: string
  /** Null while a remote move is half-way (see matrix/read.ts, isPlaced). */
  order: string | null
  archived: boolean
  /** Competencies only. */
  domainId: string | null
  map: EntityMap
}

export interface StoredLevel {
  rank: number
  name: string
  description: string
  map: Y.Map<unknown>
}

export interface StoredCell {
  key: string
  competencyId: string
  roleId: string
  pmoTypeId: string | null
  /** The stored level, when the cell has one (null: "no level yet"); undefined when it has none. */
  level: number | null | undefined
  note: string
}

export interface StoredMatrix {
  entities: Record<EntityKind, Map<string, StoredEntity>>
  levels: Map<number, StoredLevel>
  meta: Record<(typeof metaFields)[number], string>
  cells: Map<string, StoredCell>
}

export function readStoredMatrix(doc: Y.Doc): StoredMatrix {
  const maps = matrixMaps(doc)
  const entities = {} as Record<EntityKind, Map<string, StoredEntity>>
  for (const kind of entityKinds) {
    const stored = new Map<string, StoredEntity>()
    maps.entities(kind).forEach((entity: unknown, id) => {
      if (!isEntity(entity)) return
      const order = entity.get('order')
      const domainId = entity.get('domainId')
      stored.set(id, {
        id,
        name: plainTextOf(entity.get('name')),
        description: plainTextOf(entity.get('description')),
        order: typeof order === 'string' ? order : null,
        archived: entity.get('archived') === true,
        domainId: kind === 'competency' && typeof domainId === 'string' ? domainId : null,
        map: entity,
      })
    })
    entities[kind] = stored
  }
  const levels = new Map<number, StoredLevel>()
  maps.levels.forEach((level: unknown, rank) => {
    if (!(level instanceof Y.Map) || String(Number(rank)) !== rank) return
    levels.set(Number(rank), { rank: Number(rank), name: plainTextOf(level.get('name')), description: plainTextOf(level.get('description')), map: level as Y.Map<unknown> })
  })
  const meta = Object.fromEntries(metaFields.map((field) => [field, plainTextOf(maps.meta.get(field))])) as StoredMatrix['meta']
  const cells = new Map<string, StoredCell>()
  for (const key of new Set([...maps.expectations.keys(), ...notedCellKeys(doc)])) {
    const ref = parseCellKey(key)
    const stored: unknown = maps.expectations.get(key)
    cells.set(key, {
      key,
      competencyId: ref.competencyId,
      roleId: ref.roleId,
      pmoTypeId: ref.pmoTypeId ?? null,
      level: maps.expectations.has(key) ? (typeof stored === 'number' ? stored : null) : undefined,
      note: noteText(doc, ref).toString(),
    })
  }
  return { entities, levels, meta, cells }
}

/** Siblings in display order: competencies by domain, the rest by kind. */
export function siblingOrder(matrix: StoredMatrix, kind: EntityKind, domainId: string | null): StoredEntity[] {
  return [...matrix.entities[kind].values()]
    .filter((entity) => entity.order !== null && (kind !== 'competency' || entity.domainId === domainId))
    .sort((a, b) => byOrder({ id: a.id, order: a.order! }, { id: b.id, order: b.order! }))
}

/** Whether every row and column a cell names exists in the matrix (archived or not). */
export function cellIsSpokenFor(matrix: StoredMatrix, cell: Pick<StoredCell, 'competencyId' | 'roleId' | 'pmoTypeId'>): boolean {
  return matrix.entities.competency.has(cell.competencyId) && matrix.entities.role.has(cell.roleId) && (cell.pmoTypeId === null || matrix.entities.pmoType.has(cell.pmoTypeId))
}

/**
 * What a person sees of the matrix, as plain data: the meta, the levels, the rows and columns
 * that are not archived in order (with their order keys) and the cells among them as stored.
 */
export function visibleMatrix(doc: Y.Doc): unknown {
  const matrix = readStoredMatrix(doc)
  const visible = (kind: EntityKind) =>
    [...matrix.entities[kind].values()]
      .filter((entity) => !entity.archived && entity.order !== null)
      .sort((a, b) => byOrder({ id: a.id, order: a.order! }, { id: b.id, order: b.order! }))
      .map(({ id, name, description, order, domainId }) => ({ id, name, description, order, domainId }))
  const shown = Object.fromEntries(entityKinds.map((kind) => [collectionOf[kind], visible(kind)])) as Record<string, Array<{ id: string }>>
  const ids = (collection: string) => new Set(shown[collection]!.map((entity) => entity.id))
  const [competencies, roles, pmoTypes] = [ids('competencies'), ids('roles'), ids('pmoTypes')]
  const cells = [...matrix.cells.values()]
    .filter((cell) => competencies.has(cell.competencyId) && roles.has(cell.roleId) && (cell.pmoTypeId === null || pmoTypes.has(cell.pmoTypeId)))
    .filter((cell) => cell.level !== undefined || cell.note !== '')
    .map((cell) => ({ key: cell.key, level: cell.level ?? 'unset', note: cell.note }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
  const levels = [...matrix.levels.values()].sort((a, b) => a.rank - b.rank).map(({ rank, name, description }) => ({ rank, name, description }))
  return { meta: matrix.meta, levels, ...shown, cells }
}
