import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { richTextJSONToHtml, safeUrl } from './rich-text-html.ts'

const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content: [{ type: 'paragraph', content }] })
const link = (href: string, text = 'here'): JSONContent => ({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] })

describe('rich text to HTML without a DOM', () => {
  it('renders nested marks, headings, lists and hard breaks from the editor’s own schema', () => {
    const html = richTextJSONToHtml({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Scope' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'bold' }, { type: 'italic' }] }] }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] },
      ],
    })
    expect(html).toBe('<h2>Scope</h2><ul><li><p><strong><em>bold</em></strong></p></li></ul><p>a<br>b</p>')
  })

  it('keeps http(s) and mailto links, and drops the address of any other kind', () => {
    expect(richTextJSONToHtml(paragraph(link('https://example.org/a?b=1&c="2"')))).toContain('href="https://example.org/a?b=1&#38;c=&#34;2&#34;"')
    expect(richTextJSONToHtml(paragraph(link('mailto:group@example.org')))).toContain('href="mailto:group@example.org"')
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x']) {
      expect(richTextJSONToHtml(paragraph(link(href))), href).not.toMatch(/script:|data:/i)
    }
    expect(safeUrl('#purpose')).toBe('#purpose')
    expect(safeUrl('javascript:alert(1)')).toBeNull()
  })

  it('escapes text so that markup typed into a document stays text', () => {
    expect(richTextJSONToHtml(paragraph({ type: 'text', text: '<img src=x onerror="alert(1)"> & \'quotes\'' })))
      .toBe('<p>&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; &#39;quotes&#39;</p>')
  })
})
