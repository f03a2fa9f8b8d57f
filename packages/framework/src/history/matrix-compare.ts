/**
 * The compare of two states of the competency matrix: the meta fields, the levels of the
 * scale, every domain, competency, role and PMO type (added, archived, restored, renamed,
 * described, moved to another domain or place), and every cell whose stored level or note
 * differs (overrides included), in the order a reader scans a list: meta, levels, columns,
 * rows, then cells by competency and role.
 */
import type { CellChange, CellValue, EntityChange, HistoryChange, LevelChange, MetaChange } from '@studio/contract'
import type * as Y from 'yjs'
import { noteText, type EntityKind } from '../matrix/schema.ts'
import { sortedAuthors, type ChangeAuthors } from './attribution.ts'
import { metaFields, readStoredMatrix, siblingOrder, type StoredCell, type StoredEntity, type StoredMatrix } from './matrix-state.ts'

export function compareMatrix(olderDoc: Y.Doc, newerDoc: Y.Doc, authors: ChangeAuthors): HistoryChange[] {
  const older = readStoredMatrix(olderDoc)
  const newer = readStoredMatrix(newerDoc)
  const changes: HistoryChange[] = []
  const metaOf = (doc: Y.Doc) => doc.getMap('meta')
  for (const field of metaFields) {
    if (older.meta[field] === newer.meta[field]) continue
    const change: MetaChange = { type: 'meta', field, from: older.meta[field], to: newer.meta[field], authors: sortedAuthors(authors.ofMapKey(metaOf(olderDoc), metaOf(newerDoc), field)) }
    changes.push(change)
  }
  changes.push(...compareLevels(older, newer, authors))
  for (const kind of ['role', 'pmoType', 'domain', 'competency'] as const) changes.push(...compareEntities(older, newer, kind, authors))
  changes.push(...compareCells(olderDoc, newerDoc, older, newer, authors))
  return changes
}

function compareLevels(older: StoredMatrix, newer: StoredMatrix, authors: ChangeAuthors): LevelChange[] {
  const changes: LevelChange[] = []
  const ranks = [...new Set([...older.levels.keys(), ...newer.levels.keys()])].sort((a, b) => a - b)
  for (const rank of ranks) {
    const before = older.levels.get(rank)
    const after = newer.levels.get(rank)
    const who = new Set<string>()
    if (!before || !after) {
      if (after) authors.addCreator(who, after.map._item?.id)
      else authors.addDeleter(who, before!.map._item?.id)
      changes.push({ type: 'level', rank, change: after ? 'added' : 'removed', name: { from: before?.name ?? '', to: after?.name ?? '' }, description: { from: before?.description ?? '', to: after?.description ?? '' }, authors: sortedAuthors(who) })
      continue
    }
    if (before.name === after.name && before.description === after.description) continue
    for (const field of ['name', 'description'] as const) authors.ofText(before.map.get(field) as Y.Text | undefined, after.map.get(field) as Y.Text | undefined, who)
    changes.push({
      type: 'level',
      rank,
      change: 'changed',
      ...(before.name !== after.name ? { name: { from: before.name, to: after.name } } : {}),
      ...(before.description !== after.description ? { description: { from: before.description, to: after.description } } : {}),
      authors: sortedAuthors(who),
    })
  }
  return changes
}

function compareEntities(older: StoredMatrix, newer: StoredMatrix, kind: EntityKind, authors: ChangeAuthors): EntityChange[] {
  const changes: EntityChange[] = []
  const position = (matrix: StoredMatrix, entity: StoredEntity) => ({
    domainId: entity.domainId,
    index: siblingOrder(matrix, kind, entity.domainId).findIndex((sibling) => sibling.id === entity.id),
  })
  // In the newer state's order, then what only the older state had.
  const ids = [...siblingIds(newer, kind), ...siblingIds(older, kind)]
  for (const id of new Set(ids)) {
    const before = older.entities[kind].get(id)
    const after = newer.entities[kind].get(id)
    const who = new Set<string>()
    if (!after) {
      // Archiving never deletes, so only a malformed entry repaired away ends here: shown as archived.
      authors.addDeleter(who, before!.map._item?.id)
      changes.push({ type: 'entity', entity: kind, id, name: before!.name, change: 'archived', authors: sortedAuthors(who) })
      continue
    }
    if (!before) {
      authors.addCreator(who, after.map._item?.id)
      changes.push({ type: 'entity', entity: kind, id, name: after.name, change: 'added', authors: sortedAuthors(who) })
      continue
    }
    const change: EntityChange = { type: 'entity', entity: kind, id, name: after.name, change: 'changed', authors: [] }
    if (before.archived !== after.archived) {
      change.change = after.archived ? 'archived' : 'restored'
      for (const author of authors.ofMapKey(before.map, after.map, 'archived')) who.add(author)
    }
    if (before.name !== after.name) {
      change.renamed = { from: before.name, to: after.name }
      authors.ofText(before.map.get('name') as Y.Text | undefined, after.map.get('name') as Y.Text | undefined, who)
    }
    if (before.description !== after.description) {
      change.described = { from: before.description, to: after.description }
      authors.ofText(before.map.get('description') as Y.Text | undefined, after.map.get('description') as Y.Text | undefined, who)
    }
    if (before.order !== after.order || before.domainId !== after.domainId) {
      change.moved = { from: position(older, before), to: position(newer, after) }
      for (const key of ['order', 'domainId']) for (const author of authors.ofMapKey(before.map, after.map, key)) who.add(author)
    }
    if (change.change === 'changed' && !change.renamed && !change.described && !change.moved) continue
    change.authors = sortedAuthors(who)
    changes.push(change)
  }
  return changes
}

/** Ids in display order (competencies domain by domain). */
function siblingIds(matrix: StoredMatrix, kind: EntityKind): string[] {
  const placed = kind === 'competency'
    ? siblingOrder(matrix, 'domain', null).flatMap((domain) => siblingOrder(matrix, kind, domain.id))
    : siblingOrder(matrix, kind, null)
  return [...new Set([...placed.map((entity) => entity.id), ...matrix.entities[kind].keys()])]
}

function compareCells(olderDoc: Y.Doc, newerDoc: Y.Doc, older: StoredMatrix, newer: StoredMatrix, authors: ChangeAuthors): CellChange[] {
  const changes: CellChange[] = []
  const valueOf = (cell: StoredCell | undefined): CellValue | null => (cell && (cell.level !== undefined || cell.note !== '') ? { level: cell.level ?? null, note: cell.note } : null)
  const nameOf = (kind: 'competency' | 'role' | 'pmoType', id: string) => newer.entities[kind].get(id)?.name ?? older.entities[kind].get(id)?.name ?? id
  const rowOrder = new Map(siblingIds(newer, 'competency').map((id, index) => [id, index]))
  const columnOrder = new Map(siblingIds(newer, 'role').map((id, index) => [id, index]))
  const keys = [...new Set([...older.cells.keys(), ...newer.cells.keys()])]
  for (const key of keys) {
    const before = older.cells.get(key)
    const after = newer.cells.get(key)
    const from = valueOf(before)
    const to = valueOf(after)
    if (from === null ? to === null : to !== null && from.level === to.level && from.note === to.note) continue
    const cell = (after ?? before)!
    const who = new Set<string>()
    if (before?.level !== after?.level) for (const author of authors.ofMapKey(olderDoc.getMap('expectations'), newerDoc.getMap('expectations'), key)) who.add(author)
    if ((before?.note ?? '') !== (after?.note ?? '')) authors.ofText(noteText(olderDoc, cell), noteText(newerDoc, cell), who)
    changes.push({
      type: 'cell',
      competencyId: cell.competencyId,
      roleId: cell.roleId,
      pmoTypeId: cell.pmoTypeId,
      competency: nameOf('competency', cell.competencyId),
      role: nameOf('role', cell.roleId),
      pmoType: cell.pmoTypeId === null ? null : nameOf('pmoType', cell.pmoTypeId),
      from,
      to,
      authors: sortedAuthors(who),
    })
  }
  const rank = (change: CellChange) => [rowOrder.get(change.competencyId) ?? Infinity, columnOrder.get(change.roleId) ?? Infinity, change.pmoTypeId ?? ''] as const
  return changes.sort((a, b) => {
    const [ra, ca, pa] = rank(a)
    const [rb, cb, pb] = rank(b)
    return ra - rb || ca - cb || (pa < pb ? -1 : pa > pb ? 1 : 0)
  })
}
