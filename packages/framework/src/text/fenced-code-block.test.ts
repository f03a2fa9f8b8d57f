/**
 * A code block cannot end early in a Markdown export: text holding a fence and a language
 * holding a line break stay inside the block, and the server refuses such a language.
 */
import { getSchema } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate } from '../model/check-update.ts'
import { termsOfReferenceModel } from '../model/rich-text-model.ts'
import { fenceFor, isCodeLanguage } from './fenced-code-block.ts'
import { markdownToJSON, yDocToMarkdown } from './markdown.ts'
import { richTextExtensions, richTextField } from './rich-text-extensions.ts'

const schema = getSchema(richTextExtensions())
const escapingText = 'before\n```\n<img src=x onerror=alert(2)>\n````\nafter'

function documentWithCodeBlock(language: unknown, text: string): Y.Doc {
  return prosemirrorJSONToYDoc(schema, { type: 'doc', content: [{ type: 'codeBlock', attrs: { language }, content: [{ type: 'text', text }] }] }, richTextField)
}

describe('code blocks in Markdown exports', () => {
  it('fences the text with more backticks than any run inside it', () => {
    expect(fenceFor('plain')).toBe('```')
    expect(fenceFor('a ``` b ```` c')).toBe('`````')
  })

  it('keeps text that holds fences inside one code block, read back as it was', () => {
    const markdown = yDocToMarkdown(documentWithCodeBlock('ts', escapingText))
    const parsed = markdownToJSON(markdown)
    expect(parsed.content).toHaveLength(1)
    expect(parsed.content?.[0]).toMatchObject({ type: 'codeBlock', attrs: { language: 'ts' } })
    expect(parsed.content?.[0]?.content?.[0]?.text).toBe(escapingText)
  })

  it('leaves out a language that could end the fence line', () => {
    const markdown = yDocToMarkdown(documentWithCodeBlock('js\n<script>alert(1)</script>\n', 'x'))
    expect(markdown).not.toContain('<script>')
    expect(markdownToJSON(markdown).content).toHaveLength(1)
  })

  it('accepts language names people write, and nothing with spaces, breaks or backticks', () => {
    for (const name of ['ts', 'c++', 'c#', 'objective-c', 'python3', 'x.y_z']) expect(isCodeLanguage(name)).toBe(true)
    for (const value of ['', 'js\n<script>', 'a b', 'js`', 'x'.repeat(33), 3, null]) expect(isCodeLanguage(value)).toBe(false)
  })

  it('is refused by the server when a language holds a line break, and accepted when it is a name', () => {
    const live = new Y.Doc()
    const update = (language: string) => Y.encodeStateAsUpdate(documentWithCodeBlock(language, 'x'))
    expect(checkUpdate(live, update('ts'), termsOfReferenceModel)).toEqual({ ok: true })
    expect(checkUpdate(live, update('js\n<script>'), termsOfReferenceModel).ok).toBe(false)
  })
})
