/**
 * Rich text as ProseMirror JSON, rendered read-only: a version of the terms of reference or
 * a meeting's notes, or a compare's merged document, where inserted text carries the mark
 * `insertion` and deleted text `deletion` (shown underlined green and struck red), and whole
 * blocks a compare lists (`blocks`, by path) are marked inserted, deleted or changed.
 * A render function rather than an editor: nothing here is editable, and the view needs
 * no Yjs document.
 *
 * Props: doc (ProseMirror JSON), blocks (optional TextBlockChange[]), names (optional member
 * id -> name, for the "Added by Ana" a change's tooltip reads). A mention shows "@" and the
 * member's current name (the people store), else the name written at the time.
 */
import { changeMarks, type ProseMirrorJSON, type TextBlockChange } from '@studio/contract'
import { mentionText } from '@studio/framework'
import { defineComponent, h, onBeforeUnmount, type PropType, type VNode } from 'vue'
import { usePeopleStore } from '../../stores/people.ts'

const blockTags: Record<string, string> = {
  paragraph: 'p', blockquote: 'blockquote', bulletList: 'ul', orderedList: 'ol', listItem: 'li', taskList: 'ul', taskItem: 'li',
  table: 'table', tableRow: 'tr', tableHeader: 'th', tableCell: 'td', codeBlock: 'pre', horizontalRule: 'hr', hardBreak: 'br',
}

const markTags: Record<string, string> = { bold: 'strong', italic: 'em', underline: 'u', strike: 's', code: 'code', highlight: 'mark', subscript: 'sub', superscript: 'sup' }

type Names = ReadonlyMap<string, string>

function authorsTitle(attrs: Record<string, unknown> | undefined, what: string, names: Names): string | undefined {
  const authors = attrs?.authors
  if (!Array.isArray(authors) || authors.length === 0) return undefined
  return `${what} by ${authors.map((id) => names.get(String(id)) ?? 'a member').join(', ')}`
}

function renderText(node: ProseMirrorJSON, names: Names): VNode | string {
  let out: VNode | string = node.text ?? ''
  for (const mark of [...(node.marks ?? [])].reverse()) {
    if (mark.type === changeMarks.insertion) out = h('ins', { class: 'history-insertion', title: authorsTitle(mark.attrs, 'Added', names) }, [out])
    else if (mark.type === changeMarks.deletion) out = h('del', { class: 'history-deletion', title: authorsTitle(mark.attrs, 'Removed', names) }, [out])
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') out = h('a', { href: mark.attrs.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, [out])
    else if (markTags[mark.type]) out = h(markTags[mark.type]!, [out])
  }
  return out
}

function renderNode(node: ProseMirrorJSON, path: number[], changes: Map<string, TextBlockChange>, names: Names): VNode | string {
  if (node.type === 'text') return renderText(node, names)
  if (node.type === 'mention') {
    const current = usePeopleStore().nameOf(typeof node.attrs?.id === 'string' ? node.attrs.id : null)
    return h('span', { class: 'history-mention' }, current ? `@${current}` : mentionText(node.attrs))
  }
  const children = (node.content ?? []).map((child, index) => renderNode(child, [...path, index], changes, names))
  const change = changes.get(path.join('.'))
  const className = change ? `history-block history-block--${change.change}` : undefined
  if (node.type === 'doc') return h('div', { class: 'history-document' }, children)
  if (node.type === 'heading') {
    const level = Math.min(Math.max(Number(node.attrs?.level ?? 2), 1), 6)
    return h(`h${level}`, { class: className }, children)
  }
  if (node.type === 'table') return h('table', { class: className }, [h('tbody', children)])
  if (node.type === 'taskItem') {
    return h('li', { class: className }, [h('input', { type: 'checkbox', checked: Boolean(node.attrs?.checked), disabled: true, 'aria-label': 'Done' }), ...children])
  }
  if (node.type === 'codeBlock') return h('pre', { class: className }, [h('code', children)])
  return h(blockTags[node.type] ?? 'div', { class: className }, children)
}

export default defineComponent({
  name: 'ProseMirrorView',
  props: {
    doc: { type: Object as PropType<ProseMirrorJSON>, required: true },
    blocks: { type: Array as PropType<TextBlockChange[]>, default: () => [] },
    names: { type: Object as PropType<Names>, default: () => new Map() },
  },
  setup(props) {
    onBeforeUnmount(usePeopleStore().follow())
    return () => renderNode(props.doc, [], new Map(props.blocks.map((block) => [block.path.join('.'), block])), props.names)
  },
})
