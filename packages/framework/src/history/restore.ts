/**
 * Restore: one Yjs update that, applied to the live document (through the server's one append
 * path, like any other edit), makes what people see equal the version's, as one new change on
 * top of whatever was edited since. Nothing is deleted that the version's absence would not
 * delete in the editor either: rows, columns, decisions and actions the version lacks are
 * archived (they stay in the history, and comments on them keep their anchors); ids are kept;
 * names, notes and texts change by their smallest edit; rich text only where blocks differ.
 * The live document is read, never edited: the update is made on a copy.
 */
import type { HistoryKind } from '@studio/contract'
import * as Y from 'yjs'
import { matrixMaps, noteText, parseCellKey, writableTextField, type EntityKind, type EntityMap } from '../matrix/schema.ts'
import { replaceText } from '../matrix/text.ts'
import { richTextField } from '../text/rich-text-extensions.ts'
import { cellIsSpokenFor, entityKinds, metaFields, readStoredMatrix } from './matrix-state.ts'
import { meetingTextFields } from './meeting-compare.ts'
import { restoreRichText } from './rich-text-restore.ts'
import { documentFromState } from './version-content.ts'

/** The update that brings `live` to the content of `versionState`; `origin` tags the transaction on the copy. */
export function restoreUpdate(kind: HistoryKind, live: Y.Doc, versionState: Uint8Array): Uint8Array {
  const copy = documentFromState(Y.encodeStateAsUpdate(live))
  const version = documentFromState(versionState)
  try {
    const before = Y.encodeStateVector(copy)
    copy.transact(() => restoreInto(kind, copy, version))
    return Y.encodeStateAsUpdate(copy, before)
  } finally {
    copy.destroy()
    version.destroy()
  }
}

/** Edits `doc` into `version`'s content; call inside one transaction. */
export function restoreInto(kind: HistoryKind, doc: Y.Doc, version: Y.Doc): void {
  switch (kind) {
    case 'terms-of-reference':
      restoreRichText(doc.getXmlFragment(richTextField), version.getXmlFragment(richTextField))
      return
    case 'competency-matrix':
      restoreMatrix(doc, version)
      return
    case 'meeting':
      for (const field of meetingTextFields) restoreRichText(doc.getXmlFragment(field), version.getXmlFragment(field))
      restoreRows(doc, version, 'decisions')
      restoreRows(doc, version, 'actions')
  }
}

/** Sets a plain value only when it differs, so an unchanged field writes nothing. */
function setValue(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    if (map.has(key)) map.delete(key)
  } else if (!map.has(key) || map.get(key) !== value) map.set(key, value)
}

function restoreMatrix(doc: Y.Doc, version: Y.Doc): void {
  const maps = matrixMaps(doc)
  const target = readStoredMatrix(version)
  const current = readStoredMatrix(doc)
  const versionMeta = version.getMap('meta')
  for (const field of metaFields) {
    const value: unknown = versionMeta.get(field)
    setValue(maps.meta as Y.Map<unknown>, field, typeof value === 'string' ? value : undefined)
  }
  for (const level of target.levels.values()) {
    let map: unknown = maps.levels.get(String(level.rank))
    if (!(map instanceof Y.Map)) maps.levels.set(String(level.rank), (map = new Y.Map<Y.Text>()) as Y.Map<Y.Text>)
    for (const field of ['name', 'description'] as const) replaceText(writableTextField(map as EntityMap, field), level[field])
  }
  for (const rank of current.levels.keys()) if (!target.levels.has(rank)) maps.levels.delete(String(rank))
  for (const kind of entityKinds) restoreEntities(doc, kind, target.entities[kind], current.entities[kind])
  const expectations = maps.expectations as Y.Map<unknown>
  for (const key of new Set([...target.cells.keys(), ...current.cells.keys()])) {
    const ref = parseCellKey(key)
    if (!cellIsSpokenFor(target, { competencyId: ref.competencyId, roleId: ref.roleId, pmoTypeId: ref.pmoTypeId ?? null })) continue
    const wanted = target.cells.get(key)
    setValue(expectations, key, wanted?.level)
    replaceText(noteText(doc, ref), wanted?.note ?? '')
  }
}

function restoreEntities(doc: Y.Doc, kind: EntityKind, wanted: ReturnType<typeof readStoredMatrix>['entities'][EntityKind], present: ReturnType<typeof readStoredMatrix>['entities'][EntityKind]): void {
  const collection = matrixMaps(doc).entities(kind)
  for (const entity of wanted.values()) {
    let map: unknown = collection.get(entity.id)
    if (!(map instanceof Y.Map)) {
      // Its id is kept, so comments on it find it again.
      const fresh: EntityMap = new Y.Map()
      fresh.set('name', new Y.Text(entity.name))
      fresh.set('description', new Y.Text(entity.description))
      collection.set(entity.id, (map = fresh))
    }
    const live = map as EntityMap
    replaceText(writableTextField(live, 'name'), entity.name)
    replaceText(writableTextField(live, 'description'), entity.description)
    if (entity.order !== null) setValue(live as Y.Map<unknown>, 'order', entity.order)
    setValue(live as Y.Map<unknown>, 'archived', entity.archived)
    if (kind === 'competency' && entity.domainId !== null) setValue(live as Y.Map<unknown>, 'domainId', entity.domainId)
  }
  for (const entity of present.values()) if (!wanted.has(entity.id)) setValue(entity.map as Y.Map<unknown>, 'archived', true)
}

/** Decisions or actions: every row the version has, as it has it; the rest archived. */
function restoreRows(doc: Y.Doc, version: Y.Doc, kind: 'decisions' | 'actions'): void {
  const rows = doc.getMap<unknown>(kind)
  const wanted = version.getMap<unknown>(kind)
  wanted.forEach((row, id) => {
    if (!(row instanceof Y.Map)) return
    let live: unknown = rows.get(id)
    if (!(live instanceof Y.Map)) rows.set(id, (live = new Y.Map<unknown>()))
    const target = live as Y.Map<unknown>
    row.forEach((value: unknown, key: string) => {
      if (value instanceof Y.Text) {
        let text: unknown = target.get(key)
        if (!(text instanceof Y.Text)) target.set(key, (text = new Y.Text()))
        replaceText(text as Y.Text, value.toString())
      } else if (!(value instanceof Y.AbstractType)) setValue(target, key, value)
    })
    for (const key of [...target.keys()]) if (!row.has(key)) target.delete(key)
  })
  rows.forEach((row, id) => {
    if (row instanceof Y.Map && !wanted.has(id)) setValue(row as Y.Map<unknown>, 'archived', true)
  })
}
