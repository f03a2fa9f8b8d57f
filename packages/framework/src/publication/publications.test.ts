// The HTML page and the Word document: structure a reader and a screen reader rely on, escaping, archived rows left out.
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { frameworkToDocx } from './docx-publication.ts'
import { frameworkToHtml } from './html-publication.ts'
import { hostileName, publicationFixture } from './publication-fixture.ts'

describe('the HTML publication', () => {
  const html = frameworkToHtml(publicationFixture(), { generatedOn: '6 December 2026' })

  it('escapes every name and description: no markup from the framework reaches the page', () => {
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>board</b>')
    expect(html).toContain('Risk &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; issues')
    expect(html).toContain('Line one<br>Line &#60;two&#62; &#38; three')
    expect(hostileName).toContain('<script>')
  })

  it('has a language, one h1, a skip link to main, and headings that never skip a level', () => {
    expect(html).toMatch(/<html lang="en-GB">/)
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
    expect(html).toContain('<a class="skip-link" href="#main">')
    expect(html).toContain('<main id="main">')
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]))
    levels.forEach((level, index) => {
      if (index > 0) expect(level).toBeLessThanOrEqual(levels[index - 1]! + 1)
    })
  })

  it('links every contents entry to a heading on the page', () => {
    const targets = [...html.matchAll(/<nav[\s\S]*?<\/nav>/g)][0]![0].matchAll(/href="#([^"]+)"/g)
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]))
    const hrefs = [...targets].map((match) => match[1])
    expect(hrefs.length).toBeGreaterThan(40)
    for (const href of hrefs) expect(ids.has(href), href).toBe(true)
  })

  it('shows descriptors and indicators per level, references as links, and expected levels in a captioned table with scoped headers', () => {
    expect(html).toContain('<dt>3 Independent</dt><dd><p>Governance support at Independent: summary.</p><ul><li>Indicator one at 3 &#38; more</li>')
    expect(html).toContain('<a href="https://sfia-online.org/en/sfia-9/skills/prof">SFIA 9 PROF: Portfolio, programme and project support</a> (close match)')
    expect(html).toContain('<li>House style: No address (related)</li>')
    expect(html).toContain('<caption>Expected level of D1.C1 Governance support for each role, and where a PMO type differs</caption>')
    expect(html).toContain('<th scope="col">In a Portfolio office</th>')
    expect(html).toContain('<tr><th scope="row">PMO Analyst</th><td>3 Independent</td><td>4 Advanced<span class="note">Portfolio boards are heavier &#38; more frequent.</span></td></tr>')
  })

  it('prints on A4 with each domain on a new page and no competency split', () => {
    expect(html).toContain('@page{size:A4')
    expect(html).toContain('.domain{break-before:page}')
    expect(html).toContain('.competency{break-inside:avoid}')
  })

  it('leaves archived domains and competencies out', () => {
    expect(html).not.toContain('Retired')
  })
})

describe('the Word publication', () => {
  it('is a .docx whose document has real headings, the expected-levels tables and bulleted indicators', async () => {
    const docx = await frameworkToDocx(publicationFixture())
    const files = unzipSync(new Uint8Array(docx))
    expect(Object.keys(files)).toContain('word/document.xml')
    const xml = strFromU8(files['word/document.xml']!)
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>')
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*?D1 Governance and assurance|<w:t[^>]*>D1 /)
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>')
    expect(xml).toContain('>D1.C1 Governance support<')
    expect(xml).toContain('<w:tblHeader/>')
    expect(xml).toContain('>In a Portfolio office<')
    expect(xml).toContain('<w:numPr>')
    expect(xml).toContain('>Indicator one at 3 &amp; more<')
    // Text is text: the hostile name is escaped XML, never markup.
    expect(xml).toContain('Risk &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; issues')
    expect(xml).not.toContain('Retired')
  })

  it('lists every domain and competency at the start, each a link to its heading\'s bookmark', async () => {
    const framework = publicationFixture()
    const xml = strFromU8(unzipSync(new Uint8Array(await frameworkToDocx(framework)))['word/document.xml']!)
    const bookmarks = new Set([...xml.matchAll(/<w:bookmarkStart [^>]*w:name="([^"]+)"/g)].map((match) => match[1]))
    const links = [...xml.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((match) => match[1])
    const shown = framework.domains.filter((domain) => !domain.archived)
    const codes = shown.flatMap((domain, d) => [`D${d + 1}`, ...domain.competencies.filter((c) => !c.archived).map((_, c) => `D${d + 1}_C${c + 1}`)])
    expect(links).toEqual(codes)
    for (const code of codes) expect(bookmarks, code).toContain(code)
    // The contents come before the first domain's heading.
    expect(xml.indexOf('w:anchor="D1"')).toBeLessThan(xml.indexOf('w:name="D1"'))
  })
})
