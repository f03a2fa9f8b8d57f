/**
 * A rich-text fragment as ProseMirror JSON that the editor's schema can always take. The
 * server refuses nodes and marks the editor does not know (model/), but a document whose
 * log holds such entries from before still has to export: unknown nodes and marks are
 * left out, unknown attributes dropped, and a number attribute that is not a sensible
 * number falls back to its default, instead of the whole export failing.
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { yDocToProsemirrorJSON } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { markNameOf } from '../model/rich-text-model.ts'
import { withMemberNames, type MemberNames } from './member-mentions.ts'
import { richTextExtensions } from './rich-text-extensions.ts'

let schema: Schema | undefined

/** `names` (approved members' current names) replaces each mention's label where the member is known. */
export function readRichTextJSON(doc: Y.Doc, field: string, names?: MemberNames): JSONContent {
  schema ??= getSchema(richTextExtensions())
  const json = yDocToProsemirrorJSON(doc, field) as JSONContent
  return withMemberNames({ type: schema.topNodeType.name, content: cleanContent(schema, json.content) }, names)
}

function cleanContent(schema: Schema, content: unknown): JSONContent[] {
  if (!Array.isArray(content)) return []
  return content.flatMap((child: unknown) => {
    const cleaned = cleanNode(schema, child)
    return cleaned ? [cleaned] : []
  })
}

function cleanNode(schema: Schema, node: unknown): JSONContent | null {
  if (node === null || typeof node !== 'object') return null
  const { type, text, attrs, content, marks } = node as JSONContent
  if (type === 'text') {
    if (typeof text !== 'string' || text === '') return null
    const kept = cleanMarks(schema, marks)
    return kept.length > 0 ? { type, text, marks: kept } : { type, text }
  }
  const nodeType = typeof type === 'string' && Object.hasOwn(schema.nodes, type) ? schema.nodes[type] : undefined
  if (!nodeType || nodeType === schema.topNodeType) return null
  return { type, attrs: cleanAttributes(nodeType.spec.attrs, attrs), content: cleanContent(schema, content) }
}

function cleanMarks(schema: Schema, marks: unknown): NonNullable<JSONContent['marks']> {
  if (!Array.isArray(marks)) return []
  return marks.flatMap((mark: unknown) => {
    if (mark === null || typeof mark !== 'object') return []
    const name = markNameOf(String((mark as { type?: unknown }).type))
    const markType = Object.hasOwn(schema.marks, name) ? schema.marks[name] : undefined
    if (!markType) return []
    return [{ type: name, attrs: cleanAttributes(markType.spec.attrs, (mark as { attrs?: unknown }).attrs) }]
  })
}

function cleanAttributes(specs: Record<string, { default?: unknown }> | undefined, attrs: unknown): Record<string, unknown> {
  const cleaned: Record<string, unknown> = {}
  if (attrs === null || typeof attrs !== 'object') return cleaned
  for (const [name, spec] of Object.entries(specs ?? {})) {
    if (!Object.hasOwn(attrs, name)) continue
    const value = (attrs as Record<string, unknown>)[name]
    const fallback = spec.default
    if (typeof fallback === 'number' && !(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000)) continue
    if ((typeof fallback === 'string' || typeof fallback === 'boolean') && typeof value !== typeof fallback) continue
    cleaned[name] = value
  }
  return cleaned
}
