/**
 * Highlights the passages that open comment threads are on, as ProseMirror decorations (never
 * marks: nothing is written into the shared document). Each passage's place is worked out
 * again from its Yjs relative positions whenever the document changes through Yjs (another
 * member's edit, an undo, the first sync) or the list of passages changes, so the highlight
 * follows concurrent edits. The member's own typing is mapped through the transaction, as
 * y-tiptap does for carets: the Yjs document catches up only after the transaction.
 * Clicking a highlight reports its thread; every change of places is reported too, so the
 * comments panel can say when a passage was deleted. Ctrl+Alt+M (Cmd+Alt+M) asks to comment
 * on the selection, as in other editors.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type { Editor } from '@tiptap/vue-3'
import { placePassage, type PassageBinding, type PassagePlace } from '../../lib/comments/passage-anchor.ts'

/** An open thread on a passage, or an open proposal to replace one (`threadId` is then `proposal:<id>`). */
export interface HighlightedPassage {
  threadId: string
  anchor: string
}

export const proposalPassagePrefix = 'proposal:'

/** Anchor -> where it is in this editor. */
export type PassagePlaces = ReadonlyMap<string, PassagePlace>

export interface PassageHighlightsOptions {
  onPlaces: (places: PassagePlaces) => void
  onOpenThread: (threadId: string) => void
  /** Comment on the editor's selection; false when there is nothing to comment on. */
  onComment: (editor: Editor) => boolean
}

interface HighlightState {
  passages: readonly HighlightedPassage[]
  /** The thread whose passage is marked for a moment ("Show the passage"), if any. */
  marked: string | null
  decorations: DecorationSet
  places: PassagePlaces
}

/** What the page tells the plugin: the passages to highlight, or the one to mark for a moment. */
type HighlightMeta = { passages: readonly HighlightedPassage[] } | { marked: string | null }

const passageHighlightsKey = new PluginKey<HighlightState>('passageHighlights')

/** Shows these passages (replacing the previous list) in `editor`. */
export function highlightPassages(editor: Editor, passages: readonly HighlightedPassage[]): void {
  if (editor.isDestroyed) return
  tell(editor, { passages })
}

/**
 * Marks the passage of `threadId` for a moment (null: no longer). The mark is part of the
 * decoration: a class put on the editor's DOM by hand would be undone by ProseMirror.
 */
export function markPassage(editor: Editor, threadId: string | null): void {
  if (editor.isDestroyed) return
  tell(editor, { marked: threadId })
}

function tell(editor: Editor, meta: HighlightMeta): void {
  editor.view.dispatch(editor.state.tr.setMeta(passageHighlightsKey, meta).setMeta('addToHistory', false))
}

/** The binding y-tiptap keeps in its plugin state, once it has rendered the document. */
export function passageBinding(state: EditorState): PassageBinding | null {
  const binding = ySyncPluginKey.getState(state)?.binding
  if (!binding || binding.mapping.size === 0) return null
  return { doc: binding.doc, type: binding.type, mapping: binding.mapping as PassageBinding['mapping'] }
}

function placeAll(state: EditorState, passages: readonly HighlightedPassage[], marked: string | null): HighlightState {
  const binding = passageBinding(state)
  const places = new Map<string, PassagePlace>()
  const decorations: Decoration[] = []
  for (const passage of passages) {
    const place = binding ? (placePassage(binding, passage.anchor) ?? { kind: 'deleted' as const }) : { kind: 'pending' as const }
    places.set(passage.anchor, place)
    if (place.kind === 'shown') decorations.push(highlight(place.from, place.to, passage, passage.threadId === marked))
  }
  return { passages, marked, decorations: DecorationSet.create(state.doc, decorations), places }
}

function highlight(from: number, to: number, passage: HighlightedPassage, marked: boolean): Decoration {
  const proposed = passage.threadId.startsWith(proposalPassagePrefix)
  const className = `passage-highlight${proposed ? ' passage-highlight--proposed' : ''}${marked ? ' passage-highlight--shown' : ''}`
  return Decoration.inline(from, to, { class: className, 'data-passage-thread': passage.threadId }, { threadId: passage.threadId, anchor: passage.anchor })
}

/** After the member's own edit: move the highlights with it; one whose words are all gone is deleted. */
function mapAll(previous: HighlightState, decorations: DecorationSet): HighlightState {
  const places = new Map<string, PassagePlace>(previous.places)
  for (const [anchor, place] of previous.places) {
    if (place.kind !== 'shown') continue
    const found = decorations.find(undefined, undefined, (spec) => spec.anchor === anchor)
    places.set(anchor, found.length > 0 ? { kind: 'shown', from: Math.min(...found.map((d) => d.from)), to: Math.max(...found.map((d) => d.to)) } : { kind: 'deleted' })
  }
  return { ...previous, decorations, places }
}

export const PassageHighlights = Extension.create<PassageHighlightsOptions>({
  name: 'passageHighlights',

  addOptions() {
    return { onPlaces: () => {}, onOpenThread: () => {}, onComment: () => false }
  },

  addKeyboardShortcuts() {
    return { 'Mod-Alt-m': ({ editor }) => this.options.onComment(editor as Editor) }
  },

  addProseMirrorPlugins() {
    const options = this.options
    return [
      new Plugin<HighlightState>({
        key: passageHighlightsKey,
        state: {
          init: (_, state) => placeAll(state, [], null),
          apply(tr, previous, _old, state) {
            const meta = tr.getMeta(passageHighlightsKey) as HighlightMeta | undefined
            if (meta && 'passages' in meta) return placeAll(state, meta.passages, previous.marked)
            if (meta) return placeAll(state, previous.passages, meta.marked)
            if (tr.getMeta(ySyncPluginKey) !== undefined) return placeAll(state, previous.passages, previous.marked)
            return tr.docChanged ? mapAll(previous, previous.decorations.map(tr.mapping, tr.doc)) : previous
          },
        },
        props: {
          decorations: (state) => passageHighlightsKey.getState(state)?.decorations,
          handleClick(view, position) {
            const found = passageHighlightsKey.getState(view.state)?.decorations.find(position, position)
            const threadId = found?.find((decoration) => decoration.from < position || decoration.to > position)?.spec.threadId as string | undefined
            if (threadId) options.onOpenThread(threadId)
            // The click still places the caret (or nothing, when read-only).
            return false
          },
        },
        view: () => ({
          update(view, previousState) {
            const places = passageHighlightsKey.getState(view.state)?.places
            if (places && places !== passageHighlightsKey.getState(previousState)?.places) options.onPlaces(places)
          },
        }),
      }),
    ]
  },
})
