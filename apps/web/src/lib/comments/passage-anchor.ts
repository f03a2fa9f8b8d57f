/**
 * Passage anchors (`passage:<start>.<end>`, packages/contract comments.ts) from a ProseMirror
 * selection, and back to ProseMirror positions in the document as it is now. The two ends are
 * Yjs relative positions, so they follow every edit made anywhere, by anyone: the start sticks
 * to the passage's first character and the end to its last, so text typed just before or just
 * after the passage stays outside it. y-tiptap converts between ProseMirror and Yjs positions
 * through the binding's mapping (Yjs type -> ProseMirror node).
 */
import { passageAnchor, parseAnchor } from '@studio/contract'
import { decodePassagePosition, encodePassagePosition } from '@studio/framework'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** What y-tiptap's binding holds: the shared document, the bound fragment, and Yjs type -> ProseMirror node. */
export interface PassageBinding {
  doc: Y.Doc
  type: Y.XmlFragment
  mapping: Map<Y.AbstractType<unknown>, ProseMirrorNode | ProseMirrorNode[]>
}

/**
 * Where a passage is in one editor now:
 * - shown: it is in this editor's text, between `from` and `to`;
 * - deleted: every character of it was deleted (or both ends meet);
 * - elsewhere: it is in another text of the same document (a meeting's agenda, not its notes);
 * - pending: this copy of the document has not yet received the passage's text.
 */
export type PassagePlace =
  | { kind: 'shown'; from: number; to: number }
  | { kind: 'deleted' }
  | { kind: 'elsewhere' }
  | { kind: 'pending' }

export interface PassageSelection {
  anchor: string
  /** The passage's words, whitespace folded, cut to `maxQuote` characters. */
  quote: string
}

/**
 * The passage between ProseMirror positions `from` and `to`, or null when the selection holds
 * no text (an image, an empty paragraph). The ends move inwards to the first and last character.
 */
export function passageFromSelection(binding: PassageBinding, doc: ProseMirrorNode, from: number, to: number, maxQuote: number): PassageSelection | null {
  const characters = textRange(doc, from, to)
  if (!characters) return null
  // One past the first character, associated to the left, names that character; re-associate it
  // to the right so the position sits just before it, whatever is later typed in front.
  const afterFirst = absolutePositionToRelativePosition(characters.from + 1, binding.type, binding.mapping) as Y.RelativePosition
  const start = new Y.RelativePosition(afterFirst.type, afterFirst.tname, afterFirst.item, 0)
  const end = absolutePositionToRelativePosition(characters.to, binding.type, binding.mapping) as Y.RelativePosition
  if (start.item === null || end.item === null) return null
  const words = doc.textBetween(characters.from, characters.to, ' ', ' ').replace(/\s+/g, ' ').trim()
  const quote = words.length > maxQuote ? `${words.slice(0, maxQuote - 1).trimEnd()}…` : words
  return { anchor: passageAnchor(encodePassagePosition(start), encodePassagePosition(end)), quote }
}

/** Where the passage of `anchor` is in the editor bound by `binding`; null for another kind of anchor. */
export function placePassage(binding: PassageBinding, anchor: string): PassagePlace | null {
  const parsed = parseAnchor(anchor)
  if (parsed?.kind !== 'passage') return null
  const start = decodePassagePosition(parsed.start)
  const end = decodePassagePosition(parsed.end)
  if (!start || !end) return { kind: 'deleted' }
  const ends = [whereInDocument(binding, start), whereInDocument(binding, end)]
  if (ends.includes('pending')) return { kind: 'pending' }
  if (ends.includes('elsewhere')) return { kind: 'elsewhere' }
  if (ends.includes('gone')) return { kind: 'deleted' }
  const from = toProseMirror(binding, start)
  const to = toProseMirror(binding, end)
  if (from === null || to === null || from >= to) return { kind: 'deleted' }
  return { kind: 'shown', from, to }
}

/**
 * The ProseMirror position of a Yjs relative position, the same on every copy of the document.
 * Yjs follows a deletion that was undone to the words the undo brought back, but only on the
 * copy whose UndoManager did it (the link is not shared), so the position is first resolved
 * without following and named again by the live character it lands on.
 * y-tiptap answers null for a text position resolving to 1 or less (a guard against positions
 * misplaced by moving blocks), which is also where a passage at the very start of the text
 * begins. There, ask for the position one character further on and step back.
 */
function toProseMirror(binding: PassageBinding, position: Y.RelativePosition): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, binding.doc, false)
  if (!absolute) return null
  const live = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, position.assoc)
  const direct = relativePositionToAbsolutePosition(binding.doc, binding.type, live, binding.mapping)
  if (direct !== null) return direct
  if (!(absolute.type instanceof Y.XmlText) || absolute.index >= absolute.type.length) return null
  const next = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index + 1, -1)
  const after = relativePositionToAbsolutePosition(binding.doc, binding.type, next, binding.mapping)
  return after === null ? null : after - 1
}

/**
 * Whether a position's character is known here, and in this editor's fragment. A character
 * this copy has not received yet is pending; one the document's garbage collection already
 * removed (deleted long ago) cannot be resolved, and counts as gone.
 */
function whereInDocument(binding: PassageBinding, position: Y.RelativePosition): 'here' | 'elsewhere' | 'pending' | 'gone' {
  if (position.item && position.item.clock >= Y.getState(binding.doc.store, position.item.client)) return 'pending'
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, binding.doc, false)
  if (!absolute) return 'gone'
  const type = absolute.type as Y.AbstractType<unknown>
  if (type === binding.type || (type._item !== null && Y.isParentOf(binding.type, type._item))) return 'here'
  return 'elsewhere'
}

/** The first and last character positions between `from` and `to`, or null when there is no text. */
function textRange(doc: ProseMirrorNode, from: number, to: number): { from: number; to: number } | null {
  let first: number | null = null
  let last: number | null = null
  doc.nodesBetween(from, to, (node, position) => {
    if (!node.isText) return true
    const start = Math.max(from, position)
    const end = Math.min(to, position + node.nodeSize)
    if (end <= start || node.textBetween(start - position, end - position).trim() === '') return false
    first ??= start
    last = end
    return false
  })
  return first !== null && last !== null ? { from: first, to: last } : null
}
