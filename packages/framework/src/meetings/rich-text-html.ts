/**
 * Rich text to an HTML string with no DOM. Tiptap's generateHTML needs a document (in Node,
 * @tiptap/html brings happy-dom), and @tiptap/static-renderer pulls React in as a peer; so
 * this walks the ProseMirror document and renders each node's own `toDOM` spec (the same
 * Tiptap `renderHTML` the editor uses) as text. Every text and attribute value is escaped,
 * only plain element and attribute names are written, event-handler and style attributes
 * are dropped, and links keep only http(s), mailto and relative addresses (safe-links.ts),
 * so a document can never carry script into an export.
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import type { DOMOutputSpec, Mark, Node as ProseMirrorNode, Schema } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import { richTextExtensions } from '../text/rich-text-extensions.ts'
import type { MemberNames } from '../text/member-mentions.ts'
import { readRichTextJSON } from '../text/rich-text-json.ts'
import { safeLinkTarget } from '../text/safe-links.ts'

const voidElements = new Set(['br', 'hr', 'img', 'input', 'col', 'wbr'])
const safeName = /^[a-z][a-z0-9-]*$/i
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href'])

let schema: Schema | undefined

function richTextSchema(): Schema {
  schema ??= getSchema(richTextExtensions())
  return schema
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/**
 * An absolute http(s) or mailto address, or an in-page `#fragment`, for addresses that must
 * stand alone (a meeting's join link, a calendar entry); anything else becomes no link.
 */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim()
  if (trimmed === '' || trimmed.startsWith('#')) return trimmed
  try {
    const parsed = new URL(trimmed)
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? trimmed : null
  } catch {
    return null
  }
}

function renderAttributes(attrs: Record<string, unknown>): string {
  let out = ''
  for (const [name, raw] of Object.entries(attrs)) {
    if (raw === null || raw === undefined || raw === false) continue
    const lower = name.toLowerCase()
    if (!safeName.test(name) || lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') continue
    let value = raw === true ? '' : String(raw)
    if (urlAttributes.has(lower)) {
      const safe = safeLinkTarget(value)
      if (safe === null) continue
      value = safe
    }
    out += raw === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`
  }
  if (attrs.target === '_blank' && !('rel' in attrs)) out += ' rel="noopener noreferrer nofollow"'
  return out
}

/** Renders a DOM output spec; `hole` fills its content hole (the `0`). */
function renderSpec(spec: DOMOutputSpec, hole: () => string): string {
  if (typeof spec === 'string') return escapeHtml(spec)
  if (!Array.isArray(spec)) throw new Error('A rich-text node rendered to a DOM node; only array specs can be exported.')
  const [tag, ...rest] = spec as readonly unknown[]
  if (typeof tag !== 'string' || !safeName.test(tag)) return hole()
  let attrs: Record<string, unknown> = {}
  let children = rest
  const first = rest[0]
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    attrs = first as Record<string, unknown>
    children = rest.slice(1)
  }
  const name = tag.toLowerCase()
  if (voidElements.has(name)) return `<${name}${renderAttributes(attrs)}>`
  let inner = ''
  for (const child of children) {
    if (child === 0) inner += hole()
    else inner += renderSpec(child as DOMOutputSpec, hole)
  }
  return `<${name}${renderAttributes(attrs)}>${inner}</${name}>`
}

function renderMarks(marks: readonly Mark[], inner: string): string {
  let html = inner
  for (let index = marks.length - 1; index >= 0; index--) {
    const mark = marks[index]!
    const toDOM = mark.type.spec.toDOM
    if (!toDOM) continue
    const content = html
    html = renderSpec(toDOM(mark, true), () => content)
  }
  return html
}

function renderNode(node: ProseMirrorNode): string {
  if (node.isText) return renderMarks(node.marks, escapeHtml(node.text ?? ''))
  const children = () => {
    let html = ''
    node.forEach((child) => {
      html += renderNode(child)
    })
    return html
  }
  const toDOM = node.type.spec.toDOM
  const html = toDOM ? renderSpec(toDOM(node), children) : children()
  return node.marks.length > 0 ? renderMarks(node.marks, html) : html
}

/** HTML for ProseMirror JSON in the studio's rich-text schema. */
export function richTextJSONToHtml(json: JSONContent): string {
  const node = richTextSchema().nodeFromJSON(json)
  // The top node (doc) renders as its children.
  let html = ''
  node.forEach((child) => {
    html += renderNode(child)
  })
  return html
}

/** HTML for one rich-text fragment of a Yjs document; mentions name members by `names` where known. */
export function fragmentToHtml(doc: Y.Doc, field: string, names?: MemberNames): string {
  // Only what the editor's schema knows: an entry logged before the model was enforced is left out.
  return richTextJSONToHtml(readRichTextJSON(doc, field, names))
}
