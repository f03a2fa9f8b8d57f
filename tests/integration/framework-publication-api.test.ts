/**
 * The framework's publications over real HTTP on each store: the CASE 1.0 package (valid
 * against the CFPackage JSON Schema, read back by the import without changing the matrix),
 * the HTML page (escaped, sandboxed) and the Word document (headings and tables in
 * word/document.xml; docx-rendering.test.ts has LibreOffice lay it out), for approved members
 * only.
 */
import type { ImportReport } from '@studio/contract'
import type { ExchangeFramework } from '@studio/framework'
import { validateCasePackage, type CasePackage } from '@studio/framework/publication'
import { strFromU8, unzipSync } from 'fflate'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectDownload } from '../support/downloads.ts'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { repositoryRoot, startStudio, type RunningStudio } from '../support/studio.ts'

const paths = { case: '/api/export/framework.case.json', html: '/api/export/framework.html', docx: '/api/export/framework.docx' } as const
const hostileName = 'Risk <script>alert(1)</script> & issues'
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'


describe.each(storeKinds)('framework publications on %s', (kind) => {
  let store: StoreTarget
  let studio: RunningStudio
  let organiser: string
  let contributor: string
  let pending: string

  beforeAll(async () => {
    store = await freshStore(kind)
    const [olga, carl, pat] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember]
    studio = await startStudio(store)
    organiser = await signIn(studio.url, olga.email)
    contributor = await signIn(studio.url, carl.email)
    pending = await signIn(studio.url, pat.email)
    // A name that must come out as text in every publication.
    const starter = JSON.parse(await readFile(path.join(repositoryRoot, 'packages/framework/seed/starter-framework.json'), 'utf8')) as ExchangeFramework
    starter.domains[1]!.competencies[0]!.name = hostileName
    await importFile(JSON.stringify(starter), 'replace')
  })
  afterAll(async () => {
    await studio?.close()
    await store?.dispose()
  })

  const get = (path: string, cookie?: string) => fetch(`${studio.url}${path}`, { headers: cookie ? { cookie } : {} })
  async function importFile(body: string, mode: 'replace' | 'merge'): Promise<ImportReport> {
    const response = await fetch(`${studio.url}/api/import/framework?mode=${mode}`, {
      method: 'POST', headers: { origin: new URL(studio.url).origin, 'content-type': 'application/json', cookie: organiser }, body,
    })
    expect(response.status, await response.clone().text()).toBe(200)
    return ((await response.json()) as { report: ImportReport }).report
  }
  const exportedJson = async () => (await (await get('/api/export/framework.json', contributor)).json()) as ExchangeFramework

  it('serves each publication to approved members only: 401 without a session, 403 for a pending applicant', async () => {
    for (const path of Object.values(paths)) {
      expect((await get(path)).status, path).toBe(401)
      expect((await get(path, pending)).status, path).toBe(403)
      expect((await get(path, contributor)).status, path).toBe(200)
    }
  })

  it('serves a CASE 1.0 package the CFPackage JSON Schema accepts, with identifiers that stay put', async () => {
    const response = await get(paths.case, contributor)
    expectDownload(response, { type: 'application/json; charset=utf-8', fileName: 'pmo-competency-framework.case.json' })
    const casePackage = (await response.json()) as CasePackage
    const checked = validateCasePackage(casePackage)
    expect(checked.ok ? [] : checked.problems).toEqual([])
    expect(casePackage.CFDocument.uri.startsWith(`${studio.url}/api/case/v1p0/CFDocuments/`)).toBe(true)
    expect(casePackage.CFItems!.find((item) => item.humanCodingScheme === 'D2.C1')!.fullStatement).toBe(hostileName)
    expect(casePackage.CFRubrics!.map((rubric) => rubric.title)).toEqual(['PMO Administrator', 'PMO Analyst', 'Senior PMO Analyst', 'PMO Manager', 'Head of PMO'])
    const again = (await (await get(paths.case, contributor)).json()) as CasePackage
    expect(again.CFItems!.map((item) => item.identifier)).toEqual(casePackage.CFItems!.map((item) => item.identifier))
  })

  it('imports its own CASE package back onto the same rows: nothing added, archived or changed', async () => {
    const before = await exportedJson()
    const casePackage = await (await get(paths.case, contributor)).text()
    const report = await importFile(casePackage, 'replace')
    for (const collection of ['domains', 'competencies', 'roles', 'pmoTypes'] as const) {
      expect(report.added[collection], collection).toEqual([])
      expect(report.archived[collection], collection).toEqual([])
      expect(report.updated[collection], collection).toEqual([])
    }
    expect(report.levelsChanged).toEqual([])
    expect(await exportedJson()).toEqual(before)
  })

  it('refuses a CASE package the schema rejects, naming the place, and changes nothing', async () => {
    const before = await exportedJson()
    const casePackage = (await (await get(paths.case, contributor)).json()) as { CFDocument: Record<string, unknown> }
    delete casePackage.CFDocument.creator
    const response = await fetch(`${studio.url}/api/import/framework?mode=replace`, {
      method: 'POST', headers: { origin: new URL(studio.url).origin, 'content-type': 'application/json', cookie: organiser }, body: JSON.stringify(casePackage),
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { message: string }; errors: Array<{ field: string }> }
    expect(body.error.message).toContain('not a valid CASE 1.0 package')
    expect(body.errors.map((error) => error.field)).toContain('/CFDocument/creator')
    expect(await exportedJson()).toEqual(before)
  })

  it('serves the HTML page sandboxed, with every name escaped', async () => {
    const response = await get(paths.html, contributor)
    expectDownload(response, { type: 'text/html; charset=utf-8', fileName: 'pmo-competency-framework.html', sandboxed: true })
    const html = await response.text()
    expect(html).not.toContain('<script>')
    expect(html).toContain('Risk &#60;script&#62;alert(1)&#60;/script&#62; &#38; issues')
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
    expect(html).toContain('<th scope="row">PMO Analyst</th>')
  })

  it('serves a Word document with headings and expected-level tables that LibreOffice can print', async () => {
    const response = await get(paths.docx, contributor)
    expectDownload(response, { type: docxType, fileName: 'pmo-competency-framework.docx' })
    const docx = new Uint8Array(await response.arrayBuffer())
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!)
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>')
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>')
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>')
    expect(xml).toContain('<w:tbl>')
    expect(xml).toContain('<w:tblHeader/>')
    expect(xml).toContain('Risk &lt;script&gt;alert(1)&lt;/script&gt; &amp; issues')
    // How LibreOffice lays it out on A4 is docx-rendering.test.ts's part.
  })

  it('names the three routes in the OpenAPI document', async () => {
    const document = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, { get?: unknown }> }
    for (const path of Object.values(paths)) expect(document.paths[path]?.get, path).toBeDefined()
  })
})
