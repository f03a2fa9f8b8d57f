/**
 * The competency matrix as a Yjs document. Flat maps keyed by stable ids, so concurrent
 * edits touch different keys (ARCHITECTURE.md, "The competency matrix document"), with one
 * change recorded in docs/decisions.md: a cell's note is a top-level Y.Text named
 * `note:<cell key>` rather than a Y.Text inside a per-cell map. Top-level types are found
 * by name, so two people who start the same empty note at the same moment write into one
 * text; a map created lazily by each of them would keep only one of the two.
 *
 * - `meta`: title, status, licence, version, schemaVersion
 * - `levels`: rank -> Y.Map { name: Y.Text, description: Y.Text }
 * - `roles`, `pmoTypes`, `domains`: id -> Y.Map { name: Y.Text, description: Y.Text, order, archived }
 * - `competencies`: id -> Y.Map { domainId, name, description, order, archived }
 * - `expectations`: `<competencyId>|<roleId>` or `<competencyId>|<roleId>|<pmoTypeId>` -> level (rank or null)
 * - `note:<cell key>`: the cell's note
 */
import * as Y from 'yjs'

export const matrixSchemaVersion = 1

export type EntityKind = 'domain' | 'competency' | 'role' | 'pmoType'

export const collectionOf = {
  domain: 'domains',
  competency: 'competencies',
  role: 'roles',
  pmoType: 'pmoTypes',
} as const satisfies Record<EntityKind, string>

export type Collection = (typeof collectionOf)[EntityKind]

/** A field of an entity's map. Names and descriptions are texts; the rest are plain values. */
export interface EntityFields {
  name: Y.Text
  description: Y.Text
  order: string
  archived: boolean
  /** Competencies only. */
  domainId?: string
}

export type EntityMap = Y.Map<EntityFields[keyof EntityFields]>

/** Where an expected level sits: a competency and a role, optionally overridden for one PMO type. */
export interface CellRef {
  competencyId: string
  roleId: string
  pmoTypeId?: string | null
}

export function cellKey(ref: CellRef): string {
  return ref.pmoTypeId ? `${ref.competencyId}|${ref.roleId}|${ref.pmoTypeId}` : `${ref.competencyId}|${ref.roleId}`
}

export function parseCellKey(key: string): CellRef {
  const [competencyId = '', roleId = '', pmoTypeId] = key.split('|')
  return pmoTypeId ? { competencyId, roleId, pmoTypeId } : { competencyId, roleId }
}

const notePrefix = 'note:'

export const matrixMaps = (doc: Y.Doc) => ({
  meta: doc.getMap<string | number>('meta'),
  levels: doc.getMap<Y.Map<Y.Text>>('levels'),
  expectations: doc.getMap<number | null>('expectations'),
  entities: (kind: EntityKind) => doc.getMap<EntityMap>(collectionOf[kind]),
})

/** The cell's note. Reading it creates nothing in the document until something is written. */
export function noteText(doc: Y.Doc, ref: CellRef): Y.Text {
  return doc.getText(notePrefix + cellKey(ref))
}

/** Keys of every cell that has a note with content, in no particular order. */
export function notedCellKeys(doc: Y.Doc): string[] {
  return [...notesByCell(doc).keys()]
}

/**
 * Every note with content by its cell key. Only notes that exist are read: `noteText` on a
 * cell without one would create an empty root type, which a reader of the whole matrix (the
 * server's search index, every few seconds while people edit) would do thousands of times
 * on the live document.
 */
export function notesByCell(doc: Y.Doc): Map<string, string> {
  const notes = new Map<string, string>()
  for (const name of doc.share.keys()) {
    if (!name.startsWith(notePrefix)) continue
    const text = doc.getText(name)
    if (text.length > 0) notes.set(name.slice(notePrefix.length), text.toString())
  }
  return notes
}

/** The entity's map; undefined when there is none, or when what is stored under its id is not a map (see readers). */
export function entityMap(doc: Y.Doc, kind: EntityKind, id: string): EntityMap | undefined {
  const entity: unknown = matrixMaps(doc).entities(kind).get(id)
  return entity instanceof Y.Map ? (entity as EntityMap) : undefined
}

/** A level's name or description: shared text, like an entity's, so edits merge. */
export function levelText(doc: Y.Doc, rank: number, field: 'name' | 'description'): Y.Text | undefined {
  const level: unknown = matrixMaps(doc).levels.get(String(rank))
  const text: unknown = level instanceof Y.Map ? level.get(field) : undefined
  return text instanceof Y.Text ? text : undefined
}

/** The entity's name or description; undefined when what is stored there is not a text. */
export function textField(entity: EntityMap, field: 'name' | 'description'): Y.Text | undefined {
  const text = entity.get(field)
  return text instanceof Y.Text ? text : undefined
}

/**
 * The entity's name or description for writing: a field that is missing or not a text (an
 * entry logged before the model was enforced) is replaced by a new text holding what it showed.
 */
export function writableTextField(entity: EntityMap, field: 'name' | 'description'): Y.Text {
  const text = textField(entity, field)
  if (text) return text
  const replacement = new Y.Text(plainTextOf(entity.get(field)))
  entity.set(field, replacement)
  return replacement
}

/** What a reader shows for a field that should be text: the text, a plain string, or nothing. */
export function plainTextOf(value: unknown): string {
  if (typeof value === 'string') return value
  return value instanceof Y.Text ? value.toString() : ''
}
