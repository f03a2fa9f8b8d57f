/**
 * What a version holds, per document kind. A version is stored as a Yjs state update
 * (`Y.encodeStateAsUpdate` of the document at that moment); its content, as the API's
 * GET /api/documents/:name/versions/:id answers it, is read from that state:
 * - terms-of-reference: ProseMirror JSON of the `default` fragment;
 * - competency-matrix: `pmo-framework/v1` JSON (toExchange), archived rows flagged;
 * - meeting: `{ agenda, notes }` as ProseMirror JSON, and every decision and action (archived
 *   ones flagged), in order.
 * `renderedContent` is what a person sees of a document (archived rows and items left out):
 * a restore makes the live document's rendered content equal the version's.
 */
import type { HistoryKind, ProseMirrorJSON } from '@studio/contract'
import * as Y from 'yjs'
import { toExchange } from '../matrix/exchange.ts'
import type { ExchangeFramework } from '../matrix/exchange-format.ts'
import { readActions, readDecisions, type Action, type Decision } from '../meetings/meeting-document.ts'
import { readRichTextJSON } from '../text/rich-text-json.ts'
import { richTextField } from '../text/rich-text-extensions.ts'
import { visibleMatrix } from './matrix-state.ts'

export interface MeetingContent {
  agenda: ProseMirrorJSON
  notes: ProseMirrorJSON
  decisions: Decision[]
  actions: Action[]
}

export type VersionContent = ProseMirrorJSON | ExchangeFramework | MeetingContent

/** A fresh document holding a stored state. */
export function documentFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

export function versionContent(kind: 'terms-of-reference', doc: Y.Doc): ProseMirrorJSON
export function versionContent(kind: 'competency-matrix', doc: Y.Doc): ExchangeFramework
export function versionContent(kind: 'meeting', doc: Y.Doc): MeetingContent
export function versionContent(kind: HistoryKind, doc: Y.Doc): VersionContent
export function versionContent(kind: HistoryKind, doc: Y.Doc): VersionContent {
  switch (kind) {
    case 'terms-of-reference':
      return readRichTextJSON(doc, richTextField) as ProseMirrorJSON
    case 'competency-matrix':
      return toExchange(doc)
    case 'meeting':
      return {
        agenda: readRichTextJSON(doc, 'agenda') as ProseMirrorJSON,
        notes: readRichTextJSON(doc, 'notes') as ProseMirrorJSON,
        decisions: readDecisions(doc, { includeArchived: true }),
        actions: readActions(doc, { includeArchived: true }),
      }
  }
}

/** The content of a stored version state. */
export function contentOfState(kind: HistoryKind, state: Uint8Array): VersionContent {
  const doc = documentFromState(state)
  try {
    return versionContent(kind, doc)
  } finally {
    doc.destroy()
  }
}

/** What a person sees of the document, as plain data to compare (see the restore's property test). */
export function renderedContent(kind: HistoryKind, doc: Y.Doc): unknown {
  switch (kind) {
    case 'terms-of-reference':
      return renderedRichText(doc, richTextField)
    case 'competency-matrix':
      return visibleMatrix(doc)
    case 'meeting':
      return {
        agenda: renderedRichText(doc, 'agenda'),
        notes: renderedRichText(doc, 'notes'),
        decisions: readDecisions(doc).map(({ id, text, order, createdAt }) => ({ id, text, order, createdAt })),
        actions: readActions(doc).map(({ id, text, ownerId, due, done, order, createdAt }) => ({ id, text, ownerId, due, done, order, createdAt })),
      }
  }
}

/**
 * Rich text as the editor shows it. Yjs splits a run of text at every formatting item, even one
 * that changes nothing, and the editor joins the pieces again: so do adjacent texts here (with
 * their marks in one order).
 */
function renderedRichText(doc: Y.Doc, field: string): ProseMirrorJSON {
  return joinTexts(readRichTextJSON(doc, field) as ProseMirrorJSON)
}

function joinTexts(node: ProseMirrorJSON): ProseMirrorJSON {
  // The editor orders marks by its schema; Yjs by when each was first applied.
  if (node.marks) return { ...node, marks: [...node.marks].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)) }
  if (!node.content) return node
  const content: ProseMirrorJSON[] = []
  for (const child of node.content.map(joinTexts)) {
    const last = content.at(-1)
    if (last?.type === 'text' && child.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(child.marks ?? [])) {
      content[content.length - 1] = { ...last, text: `${last.text ?? ''}${child.text ?? ''}` }
    } else content.push(child)
  }
  return { ...node, content }
}
