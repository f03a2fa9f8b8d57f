/**
 * Releases and the public framework page over real HTTP and real providers, on each store
 * (issue 16): who may list, release and withdraw; a release of the matrix now and of a
 * chosen version; the public page without a session (notes escaped, changes from the release
 * before, credits as each member chose) and every download, byte for byte the members'
 * export of the released version; drafts never public; ETag and 304; a withdrawn release
 * 404s and leaves the list; a released version survives history thinning.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { DocumentName, frameworkFileFormats, historyPaths, releasePaths, type Account, type AuditEntry, type Release, type ReleaseList, type Version } from '@studio/contract'
import { readMatrix, richTextField, setLevel } from '@studio/framework'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { memberCalls } from '../support/member-calls.ts'
import { errorOf } from '../support/membership.ts'
import { destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const matrix = DocumentName.competencyMatrix
const terms = DocumentName.termsOfReference
const hostile = '<script>alert(1)</script> & co'
const fileTypes: Record<(typeof frameworkFileFormats)[number], string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'case.json': 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}
const memberExport: Record<(typeof frameworkFileFormats)[number], string> = {
  json: '/api/export/framework.json', csv: '/api/export/framework.csv', xlsx: '/api/export/framework.xlsx',
  'case.json': '/api/export/framework.case.json', html: '/api/export/framework.html', docx: '/api/export/framework.docx',
}

describe.each(storeKinds)('releases on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, carl: TestMember, dana: TestMember, eve: TestMember, oscar: TestMember, pat: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[olga, carl, dana, eve, oscar, pat] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Cellwright', role: 'contributor' },
      { name: 'Dana Discreet', role: 'contributor' },
      { name: 'Eve Editor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store)
    for (const member of [olga, carl, dana, eve, oscar, pat]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  const { as, json, open } = memberCalls(() => running, cookies, providers)
  const publicGet = (path: string, headers: Record<string, string> = {}) => fetch(`${running.url}${path}`, { headers })
  const page = async (path: string) => {
    const response = await publicGet(path)
    expect(response.status, path).toBe(200)
    return response.text()
  }

  let first: Release
  let second: Release

  it('lets members list releases, only organisers release and withdraw, and says what to fix', async () => {
    expect((await as(null, 'GET', releasePaths.list)).status).toBe(401)
    expect((await as(pat, 'GET', releasePaths.list)).status).toBe(403)
    expect(await json<ReleaseList>(await as(oscar, 'GET', releasePaths.list))).toEqual({ releases: [] })
    expect((await as(null, 'POST', releasePaths.list, { versionId: 'now', name: '0.1' })).status).toBe(401)
    expect((await as(carl, 'POST', releasePaths.list, { versionId: 'now', name: '0.1' })).status).toBe(403)
    expect((await as(oscar, 'POST', releasePaths.list, { versionId: 'now', name: '0.1' })).status).toBe(403)
    expect((await as(carl, 'POST', releasePaths.withdraw(randomUUID()))).status).toBe(403)
    expect((await as(olga, 'POST', releasePaths.withdraw(randomUUID()))).status).toBe(404)

    const invalid = await as(olga, 'POST', releasePaths.list, { versionId: '', name: '  ', notes: 'x'.repeat(5001) })
    expect(invalid.status).toBe(400)
    expect([...new Set((await errorOf(invalid)).errors.map((error) => error.field))].sort()).toEqual(['name', 'notes', 'versionId'])
    expect((await as(olga, 'POST', releasePaths.list, { versionId: randomUUID(), name: '0.1' })).status).toBe(404)
    const termsVersion = (await json<{ version: Version }>(await as(olga, 'POST', historyPaths.versions(terms), { name: 'Terms before any release' }), 201)).version
    const wrongDocument = await as(olga, 'POST', releasePaths.list, { versionId: termsVersion.id, name: '0.1' })
    expect(wrongDocument.status).toBe(400)
    expect((await errorOf(wrongDocument)).error.field).toBe('versionId')
    expect(await json<ReleaseList>(await as(oscar, 'GET', releasePaths.list))).toEqual({ releases: [] })
  })

  it('keeps each member\'s choice of how releases credit them', async () => {
    expect((await json<{ user: Account }>(await as(eve, 'GET', '/api/me'))).user.credit).toBe('name')
    expect((await json<{ user: Account }>(await as(carl, 'PATCH', '/api/me', { credit: 'initials' }))).user.credit).toBe('initials')
    expect((await json<{ user: Account }>(await as(dana, 'PATCH', '/api/me', { credit: 'none' }))).user.credit).toBe('none')
    const wrong = await as(dana, 'PATCH', '/api/me', { credit: 'pseudonym' })
    expect(wrong.status).toBe(400)
    expect((await errorOf(wrong)).error.field).toBe('credit')
  })

  it('releases the matrix as it is now with the terms, and shows it on the public page with its credits', async () => {
    const [byCarl, byDana, byEve] = [await open(carl, matrix), await open(dana, matrix), await open(eve, matrix)]
    const snapshot = readMatrix(byCarl.document)
    const competency = snapshot.domains[0]!.competencies[0]!
    const roles = snapshot.roles.map((role) => role.id)
    const top = snapshot.levels.at(-1)!.rank
    setLevel(byCarl.document, { competencyId: competency.id, roleId: roles[0]! }, top)
    setLevel(byDana.document, { competencyId: competency.id, roleId: roles[1]! }, top)
    setLevel(byEve.document, { competencyId: competency.id, roleId: roles[2]! }, top)
    const termsByEve = await open(eve, terms)
    termsByEve.document.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Eve added a clause on releases.')])
      termsByEve.document.getXmlFragment(richTextField).push([paragraph])
    })
    const cellKey = (roleId: string) => `${competency.id}|${roleId}`
    await waitFor(() => roles.slice(0, 3).every((role) => byEve.document.getMap('expectations').get(cellKey(role)) === top), 10_000, 'the three cells to sync')
    // The edits are in the log before the release reads them.
    await waitFor(async () => (await running.studio.serverChanges.read(terms, (doc) => doc.getXmlFragment(richTextField).toString())).includes('Eve added'), 10_000, 'the terms edit on the server')
    await waitFor(async () => (await running.studio.serverChanges.read(matrix, (doc) => roles.slice(0, 3).every((role) => doc.getMap('expectations').get(cellKey(role)) === top))), 10_000, 'the cells on the server')

    first = (await json<{ release: Release }>(await as(olga, 'POST', releasePaths.list, { versionId: 'now', name: '0.1 consultation draft', notes: `First draft ${hostile}\n\nComments welcome.` }), 201)).release
    expect(first).toMatchObject({ slug: '0-1-consultation-draft', name: '0.1 consultation draft', publicPath: '/framework/0-1-consultation-draft', createdBy: { id: olga.id, name: olga.name } })
    expect(first.termsVersionId).not.toBeNull()
    const audit = (await json<{ entries: AuditEntry[] }>(await as(olga, 'GET', '/api/audit'))).entries
    expect(audit[0]).toMatchObject({ action: 'release', actor: { id: olga.id } })
    expect((await json<ReleaseList>(await as(oscar, 'GET', releasePaths.list))).releases.map((release) => release.id)).toEqual([first.id])

    const html = await page('/framework')
    expect(html).toContain('0.1 consultation draft')
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('First draft &#60;script&#62;alert(1)&#60;/script&#62; &#38; co')
    expect(html).toContain('<h3>Changed the competency matrix</h3><p>C. C., Eve Editor, 1 person not named</p>')
    expect(html).toContain('<h3>Changed the terms of reference</h3><p>Eve Editor')
    expect(html).toContain('What this first release holds')
    expect(html).not.toContain('Carl Cellwright')
    expect(html).not.toContain('Dana Discreet')
    expect(await page(first.publicPath)).toContain('0.1 consultation draft')
    expect(await page(`/framework/${first.id}`)).toContain('0.1 consultation draft')
  })

  it('serves every download of the release, the same bytes as the members\' export of its version, cached with an ETag', async () => {
    for (const format of frameworkFileFormats) {
      const response = await publicGet(releasePaths.publicFile(first.slug, format))
      expect(response.status, format).toBe(200)
      expect(response.headers.get('content-type')).toBe(fileTypes[format])
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="pmo-competency-framework-${first.slug}.${format}"`)
      expect(response.headers.get('cache-control')).toBe('public, max-age=3600')
      if (format === 'html') expect(response.headers.get('content-security-policy')).toBe('sandbox')
      const body = Buffer.from(await response.arrayBuffer())
      expect(body.length).toBeGreaterThan(100)
      if (['json', 'csv'].includes(format)) {
        const members = await as(oscar, 'GET', `${memberExport[format]}?version=${first.matrixVersionId}`)
        // Bytes, not text: a text() reading drops the CSV's byte order mark.
        expect(body.equals(Buffer.from(await members.arrayBuffer())), format).toBe(true)
      }
      const etag = response.headers.get('etag')!
      expect(etag).toMatch(/^"[\w-]+"$/)
      const again = await publicGet(releasePaths.publicFile(first.slug, format), { 'if-none-match': etag })
      expect(again.status, format).toBe(304)
    }
    const pageResponse = await publicGet('/framework')
    expect(pageResponse.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(pageResponse.headers.get('cache-control')).toBe('public, max-age=60')
    expect((await publicGet('/framework', { 'if-none-match': pageResponse.headers.get('etag')! })).status).toBe(304)
    expect((await publicGet('/framework', { 'if-none-match': '"something-else"' })).status).toBe(200)
  })

  it('never shows drafts: later edits stay out of the release, and unreleased versions have no public address', async () => {
    const byEve = await open(eve, matrix)
    const snapshot = readMatrix(byEve.document)
    const competency = snapshot.domains[0]!.competencies[0]!
    setLevel(byEve.document, { competencyId: competency.id, roleId: snapshot.roles[3]!.id }, snapshot.levels[0]!.rank)
    await waitFor(async () => (await as(oscar, 'GET', '/api/export/framework.json')).text().then(async (now) => now !== (await publicGet(releasePaths.publicFile(first.slug, 'json')).then((r) => r.text()))), 10_000, 'the draft to differ from the release')
    const draft = (await json<{ version: Version }>(await as(olga, 'POST', historyPaths.versions(matrix), { name: 'Draft for 1.0' }), 201)).version
    expect((await publicGet(`/framework/${draft.id}`)).status).toBe(404)
    expect((await publicGet(`/framework/${draft.id}/framework.json`)).status).toBe(404)
    expect((await publicGet('/framework/no-such-release')).status).toBe(404)

    // Released later as 1.0: the latest, with the changes since 0.1 and 0.1 among the earlier releases.
    second = (await json<{ release: Release }>(await as(olga, 'POST', releasePaths.list, { versionId: draft.id, name: '1.0', notes: '' }), 201)).release
    expect(second.matrixVersionId).toBe(draft.id)
    const taken = await as(olga, 'POST', releasePaths.list, { versionId: 'now', name: '1.0' })
    expect(taken.status).toBe(409)
    expect((await errorOf(taken)).error.field).toBe('name')
    const html = await page('/framework')
    expect(html).toContain('Release <strong>1.0</strong>')
    expect(html).toContain('Changes since 0.1 consultation draft')
    expect(html).toContain('<h3>Changed the competency matrix</h3><p>Eve Editor</p>')
    expect(html).toContain('Earlier releases')
    expect(html).toContain(`href="${first.publicPath}"`)
  })

  it('withdraws a release: its page and files 404 and it leaves the list; the one before is the latest again', async () => {
    const withdrawn = await json<{ release: Release }>(await as(olga, 'POST', releasePaths.withdraw(second.id)))
    expect(withdrawn.release.id).toBe(second.id)
    expect((await as(olga, 'POST', releasePaths.withdraw(second.id))).status).toBe(404)
    expect((await publicGet(second.publicPath)).status).toBe(404)
    expect((await publicGet(releasePaths.publicFile(second.slug, 'json'))).status).toBe(404)
    expect((await json<ReleaseList>(await as(oscar, 'GET', releasePaths.list))).releases.map((release) => release.id)).toEqual([first.id])
    const html = await page('/framework')
    expect(html).toContain('Release <strong>0.1 consultation draft</strong>')
    expect(html).not.toContain('Release <strong>1.0')
    expect(html).not.toContain(`href="${second.publicPath}"`)
    const audit = (await json<{ entries: AuditEntry[] }>(await as(olga, 'GET', '/api/audit'))).entries
    expect(audit[0]).toMatchObject({ action: 'release-withdraw', actor: { id: olga.id } })
  })

  it('keeps a released version when the history thins automatic versions around it, and the credits of those it thins', async () => {
    const db = running.studio.store.db
    const source = await db.selectFrom('document_versions').selectAll().where('id', '=', first.matrixVersionId).executeTakeFirstOrThrow()
    // Three automatic versions in one week two months ago: thinning keeps only the newest of the week.
    const weekStart = Date.UTC(2026, 8, 7, 9) // a Monday
    const old = [0, 1, 2].map((hours) => ({
      ...source, id: randomUUID(), kind: 'auto', name: null, restored_from: null, restored_by: null,
      created_at: new Date(weekStart + hours * 3_600_000).toISOString(),
    }))
    // The one thinning takes was someone else's work: the version it leaves for the week credits them.
    old[1]!.contributors = JSON.stringify([pat.id])
    await db.insertInto('document_versions').values(old).execute()
    const [released, doomed, newest] = old as [typeof source, typeof source, typeof source]
    const oldRelease = (await json<{ release: Release }>(await as(olga, 'POST', releasePaths.list, { versionId: released.id, name: 'Archive copy' }), 201)).release
    expect(oldRelease.matrixVersionId).toBe(released.id)
    // A capture thins the document.
    await json(await as(olga, 'POST', historyPaths.versions(matrix), { name: 'After the archive release' }), 201)
    expect((await as(oscar, 'GET', historyPaths.version(matrix, doomed.id))).status).toBe(404)
    const kept = await json<{ version: Version }>(await as(oscar, 'GET', historyPaths.version(matrix, newest.id)))
    expect(kept.version.contributors.map((person) => person.id)).toContain(pat.id)
    expect((await as(oscar, 'GET', historyPaths.version(matrix, released.id))).status).toBe(200)
    expect((await publicGet(releasePaths.publicFile(oldRelease.slug, 'json'))).status).toBe(200)
  })
})
