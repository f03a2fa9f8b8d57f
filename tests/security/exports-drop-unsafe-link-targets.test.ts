/**
 * A contributor can give a link any target through a raw Yjs update (the editor's own
 * check is in the browser). Exports are opened elsewhere by people who trust them, so the
 * terms-of-reference and meeting exports (Markdown and HTML) and the matrix Markdown keep
 * http(s), mailto and relative link targets and drop javascript:, data:, vbscript: and
 * file:, however they are spelled. Links in the Markdown are read back with the studio's
 * own Markdown parser, so a target that breaks out of its brackets is caught too.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { addEntity, markdownToJSON, readMatrix, renameEntity, richTextField } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const safeTargets = ['https://example.org/charter', 'http://example.org/a', 'mailto:group@example.org', '/meetings/kick-off', 'notes/draft.md', '#purpose']
/** A relative target that tries to close its Markdown link and open another: it must stay one path. */
const breakout = '/x)[escaped](javascript:alert(7)'
const unsafeTargets = [
  'javascript:alert(1)', ' JavaScript:alert(2)', 'java\tscript:alert(3)', 'data:text/html,<script>alert(4)</script>',
  'vbscript:msgbox(5)', 'file:///etc/passwd', '&#x6A;avascript&#58;alert(6)', breakout,
]
const unsafeScheme = /^\s*(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|data|vbscript|file)\s*:/i

/** The part of ProseMirror JSON that holds links. */
interface JSONNode {
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
  content?: JSONNode[]
}

/** Every link target in a Markdown text, as a Markdown reader sees it. */
function markdownLinkTargets(markdown: string): string[] {
  const targets: string[] = []
  const walk = (node: JSONNode) => {
    for (const mark of node.marks ?? []) if (mark.type === 'link') targets.push(String(mark.attrs?.href))
    node.content?.forEach(walk)
  }
  walk(markdownToJSON(markdown) as JSONNode)
  return targets
}

const htmlLinkTargets = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((match) => match[1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))))

/** A paragraph with one link per target, each link's text naming its target's index. */
function addLinks(provider: HocuspocusProvider, field: string, targets: string[]): void {
  provider.document.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    targets.forEach((href, index) => {
      text.insert(text.length, `link ${index}`, { link: { href } })
      text.insert(text.length, ' ', {})
    })
    paragraph.insert(0, [text])
    provider.document.getXmlFragment(field).insert(0, [paragraph])
  })
}

function expectOnlySafeTargets(targets: string[], what: string): void {
  for (const target of targets) expect(target, `${what}: ${target}`).not.toMatch(unsafeScheme)
}

describe.each(storeKinds)('link targets in exports on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let carl: TestMember
  let cookie: string
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[carl] = (await createMembers(store, [{ name: 'Carl Contributor', role: 'contributor' }])) as [TestMember]
    running = await startStudio(store)
    cookie = await signIn(running.url, carl.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  async function open(document: string): Promise<HocuspocusProvider> {
    const provider = connectProvider({ baseUrl: running.url, cookie, document })
    providers.push(provider)
    await waitFor(() => provider.synced, 10_000, `${document} to sync`)
    return provider
  }

  const download = async (path: string) => (await call(running, 'GET', path, { cookie })).text()

  async function expectExportsSafe(document: string, field: string, markdownPath: string, htmlPath: string): Promise<void> {
    addLinks(await open(document), field, [...safeTargets, ...unsafeTargets])
    await waitFor(async () => (await download(markdownPath)).includes(`link ${safeTargets.length + unsafeTargets.length - 1}`), 10_000, 'the links in the export')

    const markdown = await download(markdownPath)
    const markdownTargets = markdownLinkTargets(markdown)
    expectOnlySafeTargets(markdownTargets, markdownPath)
    for (const target of safeTargets) expect(markdownTargets, `${markdownPath} keeps ${target}`).toContain(target)
    // The break-out attempt stays one relative path, its brackets encoded.
    expect(markdownTargets.filter((target) => !safeTargets.includes(target))).toEqual(['/x%29[escaped]%28javascript:alert%287%29'])
    expect(markdown).toContain('link 0') // the text of every link stays, linked or not
    expect(markdown).toContain(`link ${safeTargets.length}`)

    const htmlTargets = htmlLinkTargets(await download(htmlPath))
    expectOnlySafeTargets(htmlTargets, htmlPath)
    for (const target of safeTargets) expect(htmlTargets, `${htmlPath} keeps ${target}`).toContain(target)
    // Tiptap's own rendering already empties a target it does not allow: an empty href goes nowhere.
    expect(htmlTargets.filter((target) => target !== '' && !safeTargets.includes(target))).toEqual([breakout])
  }

  it('keeps http(s), mailto and relative links in the terms of reference exports and drops every other target', async () => {
    await expectExportsSafe('terms-of-reference', richTextField, '/api/export/terms-of-reference.md', '/api/export/terms-of-reference.html')
  })

  it('keeps http(s), mailto and relative links in a meeting\'s exports and drops every other target', async () => {
    await expectExportsSafe('meeting:kick-off', 'agenda', '/api/export/meetings/kick-off.md', '/api/export/meetings/kick-off.html')
  })

  it('writes no link from text typed into the matrix, whatever it looks like', async () => {
    const matrix = await open('competency-matrix')
    const domainId = readMatrix(matrix.document).domains[0]!.id
    const typed = '[click](javascript:alert(1)) <javascript:alert(2)> <data:text/html,x> [ok](vbscript:x) &#106;avascript:alert(3)'
    addEntity(matrix.document, 'competency', { name: typed, description: typed, domainId })
    renameEntity(matrix.document, 'domain', domainId, typed)
    await waitFor(async () => (await download('/api/export/framework.md')).includes('click'), 10_000, 'the competency in the export')
    expectOnlySafeTargets(markdownLinkTargets(await download('/api/export/framework.md')), 'framework.md')
    expect(markdownLinkTargets(await download('/api/export/framework.md'))).toEqual([])
  })
})
