/**
 * Markdown to and from the Yjs rich-text fragment, with no DOM, for seeding and exports.
 * @tiptap/markdown does the parsing and serialising; @tiptap/y-tiptap maps ProseMirror
 * JSON onto Yjs.
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import { MarkdownManager } from '@tiptap/markdown'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { FencedCodeBlock } from './fenced-code-block.ts'
import { richTextExtensions, richTextField } from './rich-text-extensions.ts'
import type { MemberNames } from './member-mentions.ts'
import { readRichTextJSON } from './rich-text-json.ts'
import { withSafeLinks } from './safe-links.ts'

let manager: MarkdownManager | undefined

function markdownManager(): MarkdownManager {
  manager ??= new MarkdownManager({ extensions: richTextExtensions({ codeBlock: FencedCodeBlock }) })
  return manager
}

export function markdownToJSON(markdown: string): JSONContent {
  return markdownManager().parse(markdown)
}

/** A Yjs update that fills an empty document's rich-text fragment with `markdown`. */
export function markdownToYUpdate(markdown: string): Uint8Array {
  const schema = getSchema(richTextExtensions())
  const doc = prosemirrorJSONToYDoc(schema, markdownToJSON(markdown), richTextField)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/**
 * Markdown for a rich-text fragment: the document's main one unless `field` names another.
 * The serialiser writes a link's target as it is, so links are made safe first. A mention
 * reads "@" and the member's name in `names`, else the name written at the time.
 */
export function yDocToMarkdown(doc: Y.Doc, field: string = richTextField, names?: MemberNames): string {
  // Only what the editor's schema knows: an entry logged before the model was enforced is left out.
  const json = readRichTextJSON(doc, field, names)
  return markdownManager().serialize(withSafeLinks(json))
}
