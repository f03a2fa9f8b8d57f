/**
 * The competency matrix document for a page: the live document (useCollabDocument: the
 * provider on the shared socket, this device's copy, access, unsynced edits) and two
 * shallow snapshots the grid renders, the structure (levels, roles, domains, competencies)
 * and the cells for the PMO type being viewed. Transactions are collected as they end and
 * applied once per microtask, re-reading only what they touched (lib/matrix/matrix-snapshot.ts),
 * so typing in a note costs one cell, not the whole document.
 */
import { DocumentName, type Member } from '@studio/contract'
import type { Level } from '@studio/framework'
import { computed, onBeforeUnmount, shallowRef, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type ShallowRef } from 'vue'
import type * as Y from 'yjs'
import {
  collectChange,
  emptyChange,
  readCells,
  readStructure,
  TopLevelNames,
  type MatrixCells,
  type MatrixChange,
  type MatrixStructure,
} from '../lib/matrix/matrix-snapshot.ts'
import { useCollabDocument, type CollabDocument } from './useCollabDocument.ts'

export interface MatrixDocumentOptions {
  member: MaybeRefOrGetter<Member | null>
  /** The PMO type whose overrides the cells show; null for the general expectations. */
  pmoTypeId: MaybeRefOrGetter<string | null>
}

export interface MatrixDocument {
  collab: CollabDocument
  doc: Y.Doc
  structure: ShallowRef<MatrixStructure>
  cells: ShallowRef<MatrixCells>
  levelsByRank: ComputedRef<ReadonlyMap<number, Level>>
}

export function useMatrixDocument(options: MatrixDocumentOptions): MatrixDocument {
  const collab = useCollabDocument({ documentName: DocumentName.competencyMatrix, member: options.member })
  const doc = collab.document
  const names = new TopLevelNames(doc)
  const structure = shallowRef(readStructure(doc))
  const cells = shallowRef(readCells(doc, structure.value, toValue(options.pmoTypeId)))
  const levelsByRank = computed<ReadonlyMap<number, Level>>(() => new Map(structure.value.levels.map((level) => [level.rank, level])))

  let pending: MatrixChange | null = null

  function onTransaction(transaction: Y.Transaction): void {
    const first = pending === null
    pending ??= emptyChange()
    collectChange(doc, transaction, names, pending)
    if (first) queueMicrotask(flush)
  }

  function flush(): void {
    const change = pending
    pending = null
    if (!change || (!change.structure && change.cells.size === 0)) return
    if (change.structure) structure.value = readStructure(doc, structure.value)
    const next = readCells(doc, structure.value, toValue(options.pmoTypeId), cells.value, change.cells)
    if (!sameRows(next, cells.value)) cells.value = next
  }

  doc.on('afterTransaction', onTransaction)
  watch(
    () => toValue(options.pmoTypeId),
    (pmoTypeId) => {
      cells.value = readCells(doc, structure.value, pmoTypeId, cells.value, 'all')
    },
  )
  onBeforeUnmount(() => doc.off('afterTransaction', onTransaction))

  return { collab, doc, structure, cells, levelsByRank }
}

function sameRows(a: MatrixCells, b: MatrixCells): boolean {
  if (a.size !== b.size) return false
  for (const [id, row] of a) if (b.get(id) !== row) return false
  return true
}
