/**
 * The terms of reference as Markdown and HTML downloads: the seeded text, a live edit made
 * through a real provider a moment before, the download headers, and who may export.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { ErrorCode } from '@studio/contract'
import { richTextField } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'
import { expectDownload } from '../support/downloads.ts'

describe.each(storeKinds)('terms of reference exports on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let carl: TestMember, oscar: TestMember, pat: TestMember
  const cookies: Record<string, string> = {}
  let provider: HocuspocusProvider | undefined

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[carl, oscar, pat] = (await createMembers(store, [
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember]
    running = await startStudio(store)
    for (const member of [carl, oscar, pat]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    if (provider) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  const get = (member: TestMember | null, path: string) => call(running, 'GET', path, member ? { cookie: cookies[member.name] } : {})

  it('exports the seeded terms of reference as Markdown for any approved member, observers included', async () => {
    const response = await get(oscar, '/api/export/terms-of-reference.md')
    expectDownload(response, { type: 'text/markdown; charset=utf-8', fileName: 'terms-of-reference.md' })
    const markdown = await response.text()
    expect(markdown).toMatch(/^# Terms of reference: PMO Competency Framework working group\n/)
    expect(markdown).toContain('## Deliverables and milestones')
    expect(markdown).toMatch(/\| Draft competency matrix\s+\| month 4\s+\|/)
  })

  it('exports an HTML page as a sandboxed download', async () => {
    const response = await get(carl, '/api/export/terms-of-reference.html')
    expectDownload(response, { type: 'text/html; charset=utf-8', fileName: 'terms-of-reference.html', sandboxed: true })
    const html = await response.text()
    expect(html).toContain('<title>Terms of reference: PMO Competency Framework working group</title>')
    expect(html).toContain('<h2>Decision-making</h2>')
    expect(html).toMatch(/<table>.*<p>Published framework and self-assessment<\/p>/s)
    expect(html).not.toContain('<script')
  })

  it('includes an edit made through a provider a moment before, escaped in the HTML', async () => {
    provider = connectProvider({ baseUrl: running.url, cookie: cookies[carl.name], document: 'terms-of-reference' })
    await waitFor(() => provider!.synced, 10_000, 'the contributor to sync')
    const fragment = provider.document.getXmlFragment(richTextField)
    provider.document.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Added live: <script>alert(1)</script> & more')])
      fragment.insert(fragment.length, [paragraph])
    })
    await waitFor(async () => (await (await get(oscar, '/api/export/terms-of-reference.md')).text()).includes('Added live:'), 10_000, 'the edit in the Markdown export')
    const html = await (await get(oscar, '/api/export/terms-of-reference.html')).text()
    expect(html).toContain('<p>Added live: &#60;script&#62;alert(1)&#60;/script&#62; &#38; more</p>')
  })

  it('answers 401 without a session and 403 to a member not yet approved', async () => {
    for (const path of ['/api/export/terms-of-reference.md', '/api/export/terms-of-reference.html']) {
      const anonymous = await get(null, path)
      expect(anonymous.status, path).toBe(401)
      expect((await errorOf(anonymous)).error.code).toBe(ErrorCode.unauthenticated)
      const pending = await get(pat, path)
      expect(pending.status, path).toBe(403)
      expect((await errorOf(pending)).error.code).toBe(ErrorCode.forbidden)
    }
  })
})
