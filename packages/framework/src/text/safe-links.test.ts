import { describe, expect, it } from 'vitest'
import { markdownLinkTarget, safeLinkTarget } from './safe-links.ts'

describe('safe link targets', () => {
  it('keeps http(s), mailto and relative targets', () => {
    for (const target of ['https://example.org/a?b=1&c=2', 'HTTP://example.org', 'mailto:a@example.org', '/meetings/x', 'notes/draft.md', '../up', '?q=1', '#purpose', '//cdn.example.org/x', '/a:b']) {
      expect(safeLinkTarget(target), target).toBe(target)
    }
  })

  it('drops every other scheme, however it is spelled', () => {
    for (const target of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:x', 'java\nscript:x', '\u0001javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'ftp://x', '&#x6A;avascript&#58;x', 'javascript&colon;x', 'java\\script:x']) {
      expect(safeLinkTarget(target), JSON.stringify(target)).toBeNull()
    }
    expect(safeLinkTarget(42)).toBeNull()
  })

  it('encodes what would end a Markdown destination or open markup', () => {
    expect(markdownLinkTarget('/x)[y](javascript:z) <a> "q"')).toBe('/x%29[y]%28javascript:z%29%20%3Ca%3E%20%22q%22')
  })
})
