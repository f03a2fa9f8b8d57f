/**
 * A rich-text fragment read as the ProseMirror JSON the editor shows (as y-tiptap's
 * `yDocToProsemirrorJSON` reads it), keeping beside each node the Yjs items it came from:
 * the compare (text-compare.ts) names who wrote or deleted a word by those items. Nodes and
 * marks the editor does not know, and attributes a node does not take, are left out, as the
 * exports leave them out (text/rich-text-json.ts).
 */
import type { ProseMirrorJSON } from '@studio/contract'
import * as Y from 'yjs'
import { acceptsNodeAttribute, isRichTextMark, isRichTextNode, markNameOf } from '../model/rich-text-model.ts'

/** A stretch of characters written by one Yjs item (`offset` is within the text node). */
export interface TextRun {
  offset: number
  length: number
  id: Y.ID
}

export interface Mark {
  type: string
  attrs: Record<string, unknown>
}

export interface RichTextNode {
  type: 'text'
  text: string
  marks: Mark[]
  runs: TextRun[]
}

export interface RichElementNode {
  type: string
  attrs: Record<string, unknown>
  content: RichNode[]
  /** The Y.XmlElement's own item; null for the fragment. */
  id: Y.ID | null
  /** The items holding each attribute's value. */
  attrIds: Record<string, Y.ID>
}

export type RichNode = RichTextNode | RichElementNode

export const isText = (node: RichNode): node is RichTextNode => node.type === 'text'

/** The fragment as a `doc` node. */
export function readRichTextTree(doc: Y.Doc, field: string): RichElementNode {
  const fragment = doc.getXmlFragment(field)
  return { type: 'doc', attrs: {}, content: readChildren(fragment), id: null, attrIds: {} }
}

function readChildren(parent: Y.XmlFragment | Y.XmlElement): RichNode[] {
  const nodes: RichNode[] = []
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) nodes.push(...readText(child))
    else if (child instanceof Y.XmlElement && isRichTextNode(child.nodeName)) nodes.push(readElement(child))
  }
  return nodes
}

function readElement(element: Y.XmlElement): RichElementNode {
  const attrs: Record<string, unknown> = {}
  const attrIds: Record<string, Y.ID> = {}
  for (const [name, value] of Object.entries(element.getAttributes())) {
    if (!acceptsNodeAttribute(element.nodeName, name, value)) continue
    attrs[name] = value
    const item = element._map.get(name)
    if (item) attrIds[name] = item.id
  }
  return { type: element.nodeName, attrs, content: readChildren(element), id: element._item?.id ?? null, attrIds }
}

/** The text's characters grouped by formatting, as Yjs's `toDelta` groups them, with their items. */
function readText(text: Y.XmlText): RichTextNode[] {
  const nodes: RichTextNode[] = []
  const formatting = new Map<string, unknown>()
  let current: RichTextNode | undefined
  let currentKey = ''
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) formatting.delete(content.key)
      else formatting.set(content.key, content.value)
      continue
    }
    if (!(content instanceof Y.ContentString)) continue
    const marks = marksOf(formatting)
    const key = JSON.stringify(marks)
    if (!current || key !== currentKey) {
      current = { type: 'text', text: '', marks, runs: [] }
      currentKey = key
      nodes.push(current)
    }
    current.runs.push({ offset: current.text.length, length: content.str.length, id: item.id })
    current.text += content.str
  }
  return nodes
}

function marksOf(formatting: Map<string, unknown>): Mark[] {
  const marks: Mark[] = []
  for (const [key, value] of formatting) {
    if (!isRichTextMark(key)) continue
    marks.push({ type: markNameOf(key), attrs: value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {} })
  }
  return marks.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
}

/** ProseMirror JSON of a node, without the items. */
export function toProseMirrorJSON(node: RichNode): ProseMirrorJSON {
  if (isText(node)) return node.marks.length > 0 ? { type: 'text', text: node.text, marks: node.marks.map((mark) => ({ type: mark.type, attrs: mark.attrs })) } : { type: 'text', text: node.text }
  return { type: node.type, attrs: { ...node.attrs }, content: node.content.map(toProseMirrorJSON) }
}

/** A node's words and punctuation, for telling how alike two blocks are. */
export function textOf(node: RichNode): string {
  if (isText(node)) return node.text
  return node.content.map(textOf).join(' ')
}
