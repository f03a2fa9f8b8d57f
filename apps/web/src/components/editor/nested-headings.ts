/**
 * Renders a document's headings one level below their stored level (a level-1 heading
 * shows as <h2>), because every document sits under its page's own <h1> and a page has
 * one h1. Only the on-screen view changes: the schema, the Yjs content, Markdown exports
 * and the clipboard (which serialises from the schema) keep the document's own levels.
 */
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { NodeView } from '@tiptap/pm/view'

export function displayedHeadingLevel(storedLevel: number): number {
  return Math.min(Math.max(storedLevel, 1) + 1, 6)
}

function headingView(node: ProseMirrorNode): NodeView {
  const dom = document.createElement(`h${displayedHeadingLevel(Number(node.attrs.level))}`)
  return {
    dom,
    contentDOM: dom,
    // A level change needs a different tag, so ProseMirror rebuilds the view.
    update: (next) => next.type === node.type && next.attrs.level === node.attrs.level,
    // The outline makes a heading focusable while it holds focus (DocumentOutline.vue);
    // that is not a change to the document.
    ignoreMutation: (mutation) => mutation.type === 'attributes' && mutation.attributeName === 'tabindex',
  }
}

export const NestedHeadings = Extension.create({
  name: 'nestedHeadings',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('nestedHeadings'),
        // ProseMirror merges plugin node views under the editor's own; the editor defines
        // none for headings, so this one applies.
        props: { nodeViews: { heading: headingView } },
      }),
    ]
  },
})
