/**
 * A collaborative rich-text editor bound to one XML fragment of a Hocuspocus document: a
 * Tiptap editor with the shared schema, collaboration and named, coloured carets; follows
 * the member's access (observers read only); destroyed when the component unmounts. It
 * opens its own document (useCollabDocument) or shares one the page already opened, so a
 * meeting's agenda and notes are two editors on one `meeting:<id>` document.
 * Undo and redo take back this person's own last word or step, never another person's
 * (lib/editor/undo-steps.ts): each editor keeps its own Yjs UndoManager over its fragment,
 * tracking only the origin y-prosemirror gives this editor's own changes.
 */
import type { DocumentAccess, Member } from '@studio/contract'
import { richTextExtensions, richTextField } from '@studio/framework'
import { Collaboration } from '@tiptap/extension-collaboration'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import type { AnyExtension } from '@tiptap/core'
import { Placeholder } from '@tiptap/extensions'
import type { DecorationAttrs } from '@tiptap/pm/view'
import { Editor } from '@tiptap/vue-3'
import { defaultDeleteFilter, defaultProtectedNodes, ySyncPluginKey } from '@tiptap/y-tiptap'
import { onBeforeUnmount, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { editorMention } from '../components/editor/mentions/editor-mention.ts'
import { NestedHeadings } from '../components/editor/nested-headings.ts'
import { UndoByWord } from '../components/editor/undo-by-word.ts'
import { memberColour } from '../lib/presence/member-colour.ts'
import { createUndoSteps } from '../lib/editor/undo-steps.ts'
import { useCollabDocument, type CollabDocument } from './useCollabDocument.ts'

interface CollabEditorCommonOptions {
  /** The signed-in member: their name and colour label their caret; their role sets access. */
  member: MaybeRefOrGetter<Member | null>
  /** Accessible name of the editable area. */
  label: string
  /** The XML fragment to edit; the document's main text (richTextField) when omitted. */
  field?: string
  /** What the empty editor shows to someone who may write in it. */
  placeholder?: string
  /** Behaviour for this editor only, e.g. OwnLines for a meeting's notes. */
  extensions?: AnyExtension[]
}

export type CollabEditorOptions = CollabEditorCommonOptions &
  (
    | {
        /** The Hocuspocus document to open, e.g. DocumentName.termsOfReference. */
        documentName: string
        document?: never
      }
    | {
        /** A document the page has already opened with useCollabDocument. */
        document: CollabDocument
        documentName?: never
      }
  )

export interface CollabEditor {
  editor: Editor
  access: ComputedRef<DocumentAccess>
  editable: ComputedRef<boolean>
  /** True once the server's copy has arrived; before that the editor shows local state only. */
  synced: Ref<boolean>
  /** A reason the document cannot be used, in words for the member. */
  problem: Ref<string | null>
  /** The document the editor is bound to. */
  document: CollabDocument
}

interface CaretUser {
  name: string
  color: string
}

export function useCollabEditor(options: CollabEditorOptions): CollabEditor {
  const shared =
    options.document ?? useCollabDocument({ documentName: options.documentName, member: options.member })
  const { provider, access, writable: editable, synced, problem } = shared
  const field = options.field ?? richTextField
  const undoSteps = createUndoSteps(provider.document.getXmlFragment(field), {
    trackedOrigins: [ySyncPluginKey],
    // As y-prosemirror's own manager: changes marked not for history, and protected nodes, stay out.
    captureTransaction: (transaction) => transaction.meta.get('addToHistory') !== false,
    deleteFilter: (item) => defaultDeleteFilter(item, defaultProtectedNodes),
  })

  const editor = new Editor({
    editable: editable.value,
    extensions: [
      // Mentions: the shared node with the "@" picker and the chip of the member's current name.
      ...richTextExtensions({ mention: editorMention() }),
      NestedHeadings,
      Collaboration.configure({ document: provider.document, field, yUndoOptions: { undoManager: undoSteps.undoManager } }),
      UndoByWord,
      // Shown while the whole editor has no text (a seeded empty bullet included); the
      // stylesheet shows it in the first line only (RichTextEditor.vue).
      Placeholder.configure({
        placeholder: ({ editor: current }) => (current.state.doc.textContent === '' ? (options.placeholder ?? '') : ''),
        includeChildren: true,
        showOnlyCurrent: false,
      }),
      ...(options.extensions ?? []),
      CollaborationCaret.configure({ provider, user: caretUser(toValue(options.member)), selectionRender }),
    ],
    editorProps: {
      // role=textbox makes the label valid ARIA on a contenteditable div and tells
      // screen readers it is a multi-line editing area.
      attributes: () => ({
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.label,
        'aria-readonly': editable.value ? 'false' : 'true',
        class: 'rich-text',
      }),
    },
  })

  watch(editable, (value) => editor.setEditable(value))
  watch(
    () => caretUser(toValue(options.member)),
    (user, previous) => {
      if (user.name !== previous.name || user.color !== previous.color) editor.commands.updateUser(user)
    },
  )

  // Before the document's own clean-up, so the caret plugin stops listening to its awareness first.
  onBeforeUnmount(() => {
    editor.destroy()
    undoSteps.release()
  })

  return { editor, access, editable, synced, problem, document: shared }
}

function caretUser(member: Member | null): CaretUser {
  return member ? { name: member.name, color: memberColour(member.id) } : { name: 'Someone', color: '#52606d' }
}

/**
 * Another member's selection as a light tint of their colour: the default (the colour at
 * 44% opacity) would put dark text on a dark background.
 */
function selectionRender(user: Record<string, unknown>): DecorationAttrs {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#52606d'
  return {
    nodeName: 'span',
    class: 'collaboration-carets__selection',
    style: `background-color: ${color}2e`,
    'data-user': typeof user.name === 'string' ? user.name : '',
  }
}
