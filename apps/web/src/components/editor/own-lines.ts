/**
 * Meeting notes where each person writes on a line of their own: typing into an empty
 * bullet that someone else made (or that the notes started with, the seed) starts a new
 * bullet of this person's just after it, and the text goes there. Three people who all
 * click into the empty notes and type at once therefore end with three bullets, where
 * typing into the one shared bullet would run their words together in one paragraph.
 *
 * Who made a bullet is read from Yjs: each bullet is a shared element whose id names the
 * client that created it, found through y-prosemirror's mapping from shared types to
 * editor nodes. The seed's own empty bullet is removed as the first line replaces it
 * (through Yjs, so people replacing it at once all agree); anyone else's empty bullet is
 * left alone, because its owner may be about to type into it.
 *
 * Someone whose caret sat in that seed bullet when another person's first line removed it
 * finds the caret moved by the removal into that person's line. Their first
 * keystroke after such a move also starts a line of their own, instead of running on
 * from someone else's words; once they type, move or click, the caret is theirs again.
 */
import { meetingSeedClientId } from '@studio/framework'
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { ResolvedPos } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** The origin of the seed bullet's removal: not a step of anyone's undo. */
const seedRemoval = Symbol('seed-removal')

const ownLinesKey = new PluginKey<boolean>('ownLines')

export const OwnLines = Extension.create({
  name: 'ownLines',

  addProseMirrorPlugins() {
    return [
      new Plugin<boolean>({
        key: ownLinesKey,
        // Whether a remote change just moved the caret out of an empty bullet it was in.
        state: {
          init: () => false,
          apply(tr, displaced, oldState, newState) {
            if (tr.getMeta(keepDisplaced)) return displaced
            if (!isRemote(tr)) return tr.docChanged || tr.selectionSet ? false : displaced
            return displaced || (inEmptyBullet(oldState.selection.$from) && !inEmptyBullet(newState.selection.$from))
          },
        },
        // The removal may also leave the caret after the list, outside any bullet: put it back at
        // the end of the bullet before, where the next keystroke starts a line of its own.
        appendTransaction(transactions, oldState, newState) {
          if (!transactions.some(isRemote) || !ownLinesKey.getState(newState) || !newState.selection.empty) return null
          if (newState.selection.$from.parent.type.name === 'paragraph' && newState.selection.$from.depth > 1) return null
          const end = lastBulletEndBefore(newState.doc, newState.selection.from)
          if (end === null || !inEmptyBullet(oldState.selection.$from)) return null
          return newState.tr.setSelection(TextSelection.create(newState.doc, end)).setMeta(keepDisplaced, true)
        },
        props: {
          handleTextInput(view, from, to, text) {
            return startOwnLine(view, from, to, text)
          },
        },
      }),
    ]
  },
})

/** Marks the plugin's own caret move, which keeps the caret counted as displaced. */
const keepDisplaced = 'ownLinesKeepDisplaced'

/** Where the text of the last bullet paragraph ending at or before `position` ends, or null. */
function lastBulletEndBefore(doc: ProseMirrorNode, position: number): number | null {
  let end: number | null = null
  doc.descendants((node, at, parent) => {
    if (at > position) return false
    if (node.type.name === 'paragraph' && parent?.type.name === 'listItem' && at + node.nodeSize <= position) end = at + node.nodeSize - 1
    return true
  })
  return end
}

/** A transaction y-prosemirror made from someone else's change to the shared document. */
function isRemote(tr: Transaction): boolean {
  return (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true
}

function inEmptyBullet($pos: ResolvedPos): boolean {
  return $pos.parent.type.name === 'paragraph' && $pos.parent.content.size === 0 && $pos.depth > 1 && $pos.node($pos.depth - 1).type.name === 'listItem'
}

function startOwnLine(view: EditorView, from: number, to: number, text: string): boolean {
  const { state } = view
  const $from = state.doc.resolve(from)
  if (from !== to || $from.parent.type.name !== 'paragraph') return false
  const itemDepth = $from.depth - 1
  const item = itemDepth > 0 ? $from.node(itemDepth) : null
  if (!item || item.type.name !== 'listItem' || item.childCount !== 1) return false
  const displaced = ownLinesKey.getState(state) === true
  if ($from.parent.content.size > 0 && !displaced) return false
  const shared = sharedElementOf(view, item)
  if (!shared?._item) return false
  const creator = shared._item.id.client
  if (creator === shared.doc?.clientID) return false

  const after = $from.after(itemDepth)
  const line = item.type.create(null, state.schema.nodes.paragraph!.create(null, state.schema.text(text)))
  const tr = state.tr.insert(after, line)
  // Inside the new bullet and its paragraph, after the text.
  tr.setSelection(TextSelection.create(tr.doc, after + 2 + text.length))
  view.dispatch(tr.scrollIntoView())
  if (creator === meetingSeedClientId && item.content.size === 2) removeShared(shared)
  return true
}

/** The shared element an editor node is rendered from, or null when the binding has none. */
function sharedElementOf(view: EditorView, node: ProseMirrorNode): Y.XmlElement | null {
  const binding = (ySyncPluginKey.getState(view.state) as { binding?: { mapping: Map<Y.AbstractType<unknown>, unknown> } } | undefined)?.binding
  if (!binding) return null
  for (const [type, mapped] of binding.mapping) {
    if (mapped === node) return type instanceof Y.XmlElement ? type : null
  }
  return null
}

function removeShared(element: Y.XmlElement): void {
  const parent = element.parent
  const doc = element.doc
  if (!(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment) || !doc || element._item?.deleted) return
  const index = parent.toArray().indexOf(element)
  if (index >= 0) doc.transact(() => parent.delete(index, 1), seedRemoval)
}
