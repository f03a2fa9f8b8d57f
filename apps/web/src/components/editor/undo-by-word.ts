/**
 * Ends the editor's current undo step whenever the person starts a new word, so Undo
 * takes back their last word as a whole (lib/editor/undo-steps.ts), and only then. The step is
 * kept by the collaboration extension's Yjs UndoManager, which records only this
 * person's own changes.
 *
 * y-prosemirror marks a change from someone else "not for history" and leaves that mark
 * in its state until this person next changes the text; any transaction in between (a
 * caret moving, another member's caret arriving) then looks like a local change kept out
 * of history, and y-prosemirror ends the undo step. While someone else types, that cut
 * the person's word into pieces of one to four characters. After a remote change this
 * extension puts the mark back, so only a real change kept out of history ends a step.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { startsNewWord } from '../../lib/editor/undo-steps.ts'

export const UndoByWord = Extension.create({
  name: 'undoByWord',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('undoByWord'),
        props: {
          handleTextInput(view, from, _to, text) {
            const $from = view.state.doc.resolve(from)
            const offset = $from.parentOffset
            const before = offset > 0 ? $from.parent.textBetween(offset - 1, offset, undefined, ' ') : ''
            if (startsNewWord(before, text)) {
              const undoManager = (yUndoPluginKey.getState(view.state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager
              undoManager?.stopCapturing()
            }
            // Let the editor insert the text as usual.
            return false
          },
        },
      }),
      new Plugin({
        key: new PluginKey('undoAcrossRemoteChanges'),
        appendTransaction(transactions, _oldState, newState) {
          const remote = transactions.some((transaction) => transaction.docChanged && isChangeFromElsewhere(transaction.getMeta(ySyncPluginKey)))
          const syncState = ySyncPluginKey.getState(newState) as { addToHistory?: boolean } | undefined
          if (!remote || syncState?.addToHistory !== false) return null
          return newState.tr.setMeta(ySyncPluginKey, { addToHistory: true }).setMeta('addToHistory', false)
        },
      }),
    ]
  },
})

function isChangeFromElsewhere(meta: unknown): boolean {
  return typeof meta === 'object' && meta !== null && (meta as { isChangeOrigin?: unknown }).isChangeOrigin === true
}
