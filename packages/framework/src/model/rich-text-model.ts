/**
 * Rich text's model: the nodes, attributes and marks of the editor's schema
 * (text/rich-text-extensions.ts), as the collaboration binding (y-tiptap) writes them: a
 * node is a Y.XmlElement named after its type with its non-null attributes set on it; text
 * is a Y.XmlText formatted with mark names (an overlapping mark's name carries a `--<hash>`
 * suffix) whose values are the mark's attributes. The terms of reference is one such
 * fragment, named `default`.
 */
import { getSchema } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { isCodeLanguage } from '../text/fenced-code-block.ts'
import { acceptsMentionAttribute, mentionNodeName } from '../text/member-mentions.ts'
import { richTextExtensions, richTextField } from '../text/rich-text-extensions.ts'
import type { DocumentModel, RichTextShape } from './shape.ts'

export const richText: RichTextShape = { kind: 'fragment' }

interface RichTextVocabulary {
  /** Node name -> attribute name -> the type its values must have ('any' when the default says nothing). */
  nodes: Map<string, Map<string, string>>
  marks: Set<string>
}

let vocabulary: RichTextVocabulary | undefined

function richTextVocabulary(): RichTextVocabulary {
  if (vocabulary) return vocabulary
  const schema: Schema = getSchema(richTextExtensions())
  const nodes = new Map<string, Map<string, string>>()
  for (const [name, type] of Object.entries(schema.nodes)) {
    // The document is the fragment itself and text is a Y.XmlText: neither is ever an element.
    if (name === schema.topNodeType.name || type.isText) continue
    const attributes = new Map<string, string>()
    for (const [attribute, spec] of Object.entries(type.spec.attrs ?? {})) {
      const fallback = (spec as { default?: unknown }).default
      attributes.set(attribute, ['number', 'string', 'boolean'].includes(typeof fallback) ? typeof fallback : 'any')
    }
    nodes.set(name, attributes)
  }
  vocabulary = { nodes, marks: new Set(Object.keys(schema.marks)) }
  return vocabulary
}

export function isRichTextNode(name: string): boolean {
  return richTextVocabulary().nodes.has(name)
}

/** Whether a node may carry this attribute with this value (JSON of the type its default has). */
export function acceptsNodeAttribute(node: string, attribute: string, value: unknown): boolean {
  const type = richTextVocabulary().nodes.get(node)?.get(attribute)
  if (type === undefined) return false
  // Its default (null) says nothing of its type, and exports write it after a fence: a name, or nothing.
  if (node === 'codeBlock' && attribute === 'language') return value === null || isCodeLanguage(value)
  // A member's id and the name written (defaults null say nothing): strings of the studio's making only.
  if (node === mentionNodeName) return acceptsMentionAttribute(attribute, value)
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value)
  return type === 'any' || typeof value === type
}

const hashedMarkName = /^(.*)--[a-zA-Z0-9+/=]{8}$/

/** The mark a format key names, without the overlapping mark's hash. */
export const markNameOf = (key: string): string => hashedMarkName.exec(key)?.[1] ?? key

export function isRichTextMark(formatKey: string): boolean {
  return richTextVocabulary().marks.has(markNameOf(formatKey))
}

/** A mark's attributes as y-tiptap writes them (an object), or null where the mark ends. */
export const isMarkValue = (value: unknown): boolean => value === null || (typeof value === 'object' && !Array.isArray(value))

export const termsOfReferenceModel: DocumentModel = {
  kind: 'terms-of-reference',
  root: (name) => (name === richTextField ? richText : undefined),
  label: (name) => (name === richTextField ? 'terms-of-reference' : name),
}
