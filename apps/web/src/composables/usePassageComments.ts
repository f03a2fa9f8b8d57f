/**
 * Comments on a passage, for a page with rich-text editors and a comments panel: gives each
 * editor the highlights of the passages open threads are on (components/editor/
 * passage-highlights.ts), turns a selection into a passage to comment on, opens a thread when
 * its highlight is clicked, and tells the thread cards (through provide/inject, so the panel
 * needs no new props) whether their passage is still there and how to show it.
 */
import { commentRules, isPassageAnchor } from '@studio/contract'
import type { Editor } from '@tiptap/vue-3'
import { provide, shallowRef, watch } from 'vue'
import {
  highlightPassages,
  markPassage,
  PassageHighlights,
  passageBinding,
  proposalPassagePrefix,
  type HighlightedPassage,
  type PassagePlaces,
} from '../components/editor/passage-highlights.ts'
import { passageFromSelection, type PassageSelection } from '../lib/comments/passage-anchor.ts'
import type { CommentThread } from '../lib/comments/comment-threads.ts'
import type { ToolbarAction } from '../components/editor/toolbar-action.ts'
import type { Comments } from './useComments.ts'
import { passageLocatorKey, type PassageStatus } from './usePassageLocator.ts'

export interface PassageCommentsOptions {
  comments: Comments
  /** Opens the comments panel on `anchor`, with the passage's words for a new thread there. */
  open: (anchor: string, quote: string | null, threadId: string | null) => void
  /** Further passages to mark: open proposals to replace their words (threadId `proposal:<id>`). */
  proposed?: () => HighlightedPassage[]
  /** A proposal's marked passage was clicked. */
  openProposal?: (proposalId: string) => void
}

export function usePassageComments(options: PassageCommentsOptions) {
  const editors = new Map<string, Editor>()
  const places = shallowRef(new Map<string, PassagePlaces>())

  const passages = (): HighlightedPassage[] => [
    ...options.comments.openThreads.filter((thread) => isPassageAnchor(thread.anchor)).map((thread) => ({ threadId: thread.id, anchor: thread.anchor })),
    ...(options.proposed?.() ?? []),
  ]

  watch(passages, (list) => editors.forEach((editor) => highlightPassages(editor, list)), { deep: true })

  const commentOn = (passage: PassageSelection) => options.open(passage.anchor, passage.quote, null)

  function openThread(threadId: string): void {
    if (threadId.startsWith(proposalPassagePrefix)) return options.openProposal?.(threadId.slice(proposalPassagePrefix.length))
    const thread = options.comments.threads.find((candidate: CommentThread) => candidate.id === threadId)
    if (thread) options.open(thread.anchor, thread.first.quote, thread.id)
  }

  /** The extension for the editor named `key` (e.g. 'notes'); pass it to useCollabEditor's `extensions`. */
  function highlights(key: string) {
    return PassageHighlights.configure({
      onPlaces: (editorPlaces) => {
        const next = new Map(places.value)
        next.set(key, editorPlaces)
        places.value = next
      },
      onOpenThread: openThread,
      onComment: commentOnSelection,
    })
  }

  /** Comments on what is selected in `editor`; false when nothing with text is (or the member may not comment). */
  function commentOnSelection(editor: Editor): boolean {
    const passage = options.comments.canComment ? selectedPassage(editor) : null
    if (passage) commentOn(passage)
    return passage !== null
  }

  /**
   * "Comment" for the editor's toolbar, usable while text is selected: on a phone it is in
   * the toolbar's More menu, a second way to comment besides the button under the selection.
   */
  function toolbarAction(editor: Editor): ToolbarAction {
    return {
      label: 'Comment',
      run: () => commentOnSelection(editor),
      isDisabled: () => !options.comments.canComment || selectedPassage(editor) === null,
      keys: 'Control+Alt+M Meta+Alt+M',
    }
  }

  /** After useCollabEditor: the editor made with `highlights(key)`. */
  function attach(key: string, editor: Editor): void {
    editors.set(key, editor)
    highlightPassages(editor, passages())
  }

  /** The passage selected in `editor`, or null when nothing with text is selected. */
  function selectedPassage(editor: Editor): PassageSelection | null {
    const { from, to, empty } = editor.state.selection
    const binding = passageBinding(editor.state)
    if (empty || !binding) return null
    return passageFromSelection(binding, editor.state.doc, from, to, commentRules.maxQuote)
  }

  function statusOf(anchor: string): PassageStatus {
    const found = [...places.value.values()].map((editorPlaces) => editorPlaces.get(anchor)?.kind)
    if (found.includes('shown')) return 'shown'
    if (found.includes('deleted')) return 'deleted'
    return 'unknown'
  }

  let unmark: ReturnType<typeof setTimeout> | undefined
  function show(threadId: string): void {
    document.querySelector<HTMLElement>(`[data-passage-thread="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    clearTimeout(unmark)
    editors.forEach((editor) => markPassage(editor, threadId))
    unmark = setTimeout(() => editors.forEach((editor) => markPassage(editor, null)), 2000)
  }

  provide(passageLocatorKey, { statusOf, show })

  return { highlights, attach, selectedPassage, commentOn, toolbarAction }
}

export type PassageComments = ReturnType<typeof usePassageComments>
