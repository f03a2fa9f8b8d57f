/**
 * The one list of Tiptap extensions that defines the rich-text schema. The web editor
 * adds its collaboration extensions on top; the server uses the same list to convert
 * Markdown to and from the Yjs fragment, so both sides always agree on the schema.
 */
import type { AnyExtension } from '@tiptap/core'
import { Link } from '@tiptap/extension-link'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import { StarterKit } from '@tiptap/starter-kit'
import { MemberMention } from './member-mentions.ts'

/** Yjs XML fragment the editor binds to (Tiptap's Collaboration default). */
export const richTextField = 'default'

export interface RichTextExtensionOptions {
  /** Replaces StarterKit's code block (same node and attributes), e.g. with one that serialises differently. */
  codeBlock?: AnyExtension
  /** Replaces the mention node (same node and attributes), e.g. with the web editor's picker and chip. */
  mention?: AnyExtension
}

export function richTextExtensions(options: RichTextExtensionOptions = {}): AnyExtension[] {
  return [
    // Undo is Yjs-aware in the collaboration extension; StarterKit's own history would fight it.
    StarterKit.configure({ undoRedo: false, link: false, ...(options.codeBlock ? { codeBlock: false } : {}) }),
    ...(options.codeBlock ? [options.codeBlock] : []),
    Link.configure({ openOnClick: false, autolink: true }),
    TableKit.configure({ table: { resizable: false } }),
    TaskList,
    TaskItem.configure({ nested: true }),
    options.mention ?? MemberMention,
  ]
}
