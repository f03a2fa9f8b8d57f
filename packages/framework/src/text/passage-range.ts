/**
 * A passage of a rich text (`passage:<start>.<end>`, as passage comments name one) read and
 * replaced without an editor: the two ends are Yjs relative positions, the start naming the
 * passage's first character and the end its last (apps/web passage-anchor.ts makes them).
 * A proposal replaces a passage's words, so the passage must lie within one text (one
 * paragraph, heading or list item): across paragraphs "replace these words" has no single
 * meaning, and the proposer is asked to choose words within one.
 */
import * as Y from 'yjs'

export type PassageRange =
  | { ok: true; text: Y.XmlText; from: number; to: number; content: string }
  | { ok: false; reason: 'unreadable' | 'unknown' | 'deleted' | 'elsewhere' | 'across-paragraphs' }

/** A relative position as a passage anchor writes it: URL-safe base64, no padding. */
export function encodePassagePosition(position: Y.RelativePosition): string {
  let binary = ''
  for (const byte of Y.encodeRelativePosition(position)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The relative position an anchor's end names, or null when it is not one. */
export function decodePassagePosition(encoded: string): Y.RelativePosition | null {
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'))
    return Y.decodeRelativePosition(Uint8Array.from(binary, (character) => character.charCodeAt(0)))
  } catch {
    return null
  }
}

/** Where the passage between the encoded ends is in `fragment` now. */
export function passageRange(doc: Y.Doc, fragment: Y.XmlFragment, start: string, end: string): PassageRange {
  const startPosition = decodePassagePosition(start)
  const endPosition = decodePassagePosition(end)
  if (!startPosition?.item || !endPosition?.item) return { ok: false, reason: 'unreadable' }
  // A character this copy never received names nothing here.
  for (const position of [startPosition, endPosition]) {
    if (position.item!.clock >= Y.getState(doc.store, position.item!.client)) return { ok: false, reason: 'unknown' }
  }
  const from = Y.createAbsolutePositionFromRelativePosition(startPosition, doc, false)
  const to = Y.createAbsolutePositionFromRelativePosition(endPosition, doc, false)
  if (!from || !to) return { ok: false, reason: 'deleted' }
  if (from.type !== to.type) return { ok: false, reason: 'across-paragraphs' }
  const type = from.type
  if (!(type instanceof Y.XmlText) || type._item === null || !Y.isParentOf(fragment, type._item)) return { ok: false, reason: 'elsewhere' }
  if (from.index >= to.index) return { ok: false, reason: 'deleted' }
  return { ok: true, text: type, from: from.index, to: to.index, content: plainText(type).slice(from.index, to.index) }
}

/** The text's characters, embeds (a mention) counted as one character each, as Yjs indexes them. */
function plainText(text: Y.XmlText): string {
  return text.toDelta().map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('')
}

/** Replaces the passage's characters with `replacement`, keeping the formatting of its first character. */
export function replacePassage(range: Extract<PassageRange, { ok: true }>, replacement: string): void {
  const { text, from, to } = range
  const attributes = attributesAt(text, from)
  text.doc!.transact(() => {
    text.delete(from, to - from)
    if (replacement.length > 0) text.insert(from, replacement, attributes)
  })
}

function attributesAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let position = 0
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1
    if (index < position + length) return op.attributes ?? {}
    position += length
  }
  return {}
}
