/**
 * A collaborative rich-text editor bound to one Hocuspocus document: creates the provider
 * on the shared socket and a Tiptap editor with the shared schema, collaboration and
 * named, coloured carets; reports unsynced edits to the connection store; follows the
 * member's access (observers read only); and destroys both when the component unmounts.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { documentAccess, type DocumentAccess, type Member } from '@studio/contract'
import { richTextExtensions, richTextField } from '@studio/framework'
import { Collaboration } from '@tiptap/extension-collaboration'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import type { DecorationAttrs } from '@tiptap/pm/view'
import { Editor } from '@tiptap/vue-3'
import { computed, onBeforeUnmount, ref, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref } from 'vue'
import { closeReasonOf } from '../collab/close-reason.ts'
import { collabToken } from '../collab/socket.ts'
import { NestedHeadings } from '../components/editor/nested-headings.ts'
import { memberColour } from '../lib/member-colour.ts'
import { useConnectionStore } from '../stores/connection.ts'

export interface CollabEditorOptions {
  /** The Hocuspocus document, e.g. DocumentName.termsOfReference. */
  documentName: string
  /** The signed-in member: their name and colour label their caret; their role sets access. */
  member: MaybeRefOrGetter<Member | null>
  /** Accessible name of the editable area. */
  label: string
}

export interface CollabEditor {
  editor: Editor
  access: ComputedRef<DocumentAccess>
  editable: ComputedRef<boolean>
  /** True once the server's copy has arrived; before that the editor shows local state only. */
  synced: Ref<boolean>
  /** A reason the document cannot be used, in words for the member. */
  problem: Ref<string | null>
}

interface CaretUser {
  name: string
  color: string
}

export function useCollabEditor(options: CollabEditorOptions): CollabEditor {
  const connection = useConnectionStore()
  const { documentName } = options
  const synced = ref(false)
  const problem = ref<string | null>(null)
  const serverSaysReadOnly = ref(false)

  const access = computed<DocumentAccess>(() => {
    const member = toValue(options.member)
    return member ? documentAccess(documentName, member.role, member.id) : 'none'
  })
  const editable = computed(
    () =>
      access.value === 'write' &&
      !serverSaysReadOnly.value &&
      problem.value === null &&
      connection.closeReason !== 'access-revoked',
  )

  const provider = new HocuspocusProvider({
    websocketProvider: connection.openSocket(),
    name: documentName,
    token: collabToken,
    onSynced: () => {
      synced.value = true
    },
    onUnsyncedChanges: ({ number }) => connection.reportUnsynced(documentName, number),
    onAuthenticated: ({ scope }) => {
      serverSaysReadOnly.value = scope === 'readonly'
    },
    onAuthenticationFailed: () => {
      problem.value = 'You do not have access to this document. If you think you should, contact an organiser.'
    },
    // The socket's own closes reach the connection store; this catches the server closing
    // just this document, which arrives as code 1000 with the reason in words.
    onClose: ({ event }) => {
      const reason = event.code === 1000 ? closeReasonOf(event) : null
      if (reason) connection.reportReason(reason)
    },
  })
  // A provider on a shared socket is not attached automatically.
  provider.attach()

  const editor = new Editor({
    editable: editable.value,
    extensions: [
      ...richTextExtensions(),
      NestedHeadings,
      Collaboration.configure({ document: provider.document, field: richTextField }),
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

  onBeforeUnmount(() => {
    // The editor first: its caret plugin stops listening to the provider's awareness.
    editor.destroy()
    provider.destroy()
    connection.forgetDocument(documentName)
  })

  return { editor, access, editable, synced, problem }
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
