/**
 * History over real HTTP and real providers (issue 13): two people edit the terms of
 * reference, a version is named, more edits, a compare names insertions, deletions and their
 * authors, and a restore while a third person types converges everywhere on the version plus
 * the third person's later lines; the matrix's cells the same way; who may do what; an
 * automatic version once a document falls quiet; a version before every import; exports of
 * a version.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { ErrorCode, historyPaths, meetingLimits, type CompareResponse, type ProseMirrorJSON, type Version, type VersionList, type VersionWithContent } from '@studio/contract'
import { addDecision, addMeeting, readMatrix, richTextField, setLevel, setNote, versionContent } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { memberCalls } from '../support/member-calls.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const terms = 'terms-of-reference'
const matrix = 'competency-matrix'

function appendParagraph(provider: HocuspocusProvider, text: string): void {
  const fragment = provider.document.getXmlFragment(richTextField)
  provider.document.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    fragment.insert(fragment.length, [paragraph])
  })
}

/** The paragraph whose text starts with `start`, as a Y.XmlText, for editing in place. */
function paragraphText(provider: HocuspocusProvider, start: string): Y.XmlText {
  for (const block of provider.document.getXmlFragment(richTextField).toArray()) {
    if (block instanceof Y.XmlElement && block.firstChild instanceof Y.XmlText && block.firstChild.toString().startsWith(start)) return block.firstChild
  }
  throw new Error(`no paragraph starting ${start}`)
}

const plain = (node: ProseMirrorJSON): string => node.text ?? (node.content ?? []).map(plain).join('')
const blocksOf = (doc: ProseMirrorJSON): string[] => (doc.content ?? []).map((block) => JSON.stringify(block))
const hasText = (provider: HocuspocusProvider, text: string) => provider.document.getXmlFragment(richTextField).toString().includes(text)

/** Text carrying a mark of this type, anywhere in the merged document. */
function markedText(node: ProseMirrorJSON, mark: string): string {
  const own = node.text && node.marks?.some((m) => m.type === mark) ? node.text : ''
  return own + (node.content ?? []).map((child) => markedText(child, mark)).join('')
}

describe.each(storeKinds)('history on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let tess: TestMember, uma: TestMember, vic: TestMember, oscar: TestMember, pat: TestMember, olga: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[tess, uma, vic, oscar, pat, olga] = (await createMembers(store, [
      { name: 'Tess Terms', role: 'contributor' },
      { name: 'Uma Writer', role: 'contributor' },
      { name: 'Vic Typist', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
      { name: 'Olga Organiser', role: 'organiser' },
    ])) as [TestMember, TestMember, TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store)
    for (const member of [tess, uma, vic, oscar, pat, olga]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  const { as, json, open } = memberCalls(() => running, cookies, providers)

  let named: Version

  it('names a version of what two people wrote, compares it with later edits and names who made them', async () => {
    const [byTess, byUma] = [await open(tess, terms), await open(uma, terms)]
    appendParagraph(byTess, 'Tess wrote alpha here.')
    appendParagraph(byUma, 'Uma wrote beta here.')
    await waitFor(() => hasText(byTess, 'Uma wrote beta') && hasText(byUma, 'Tess wrote alpha'), 10_000, 'both edits everywhere')

    named = (await json<{ version: Version }>(await as(tess, 'POST', historyPaths.versions(terms), { name: 'Consultation draft 1' }), 201)).version
    expect(named).toMatchObject({ document: terms, kind: 'named', name: 'Consultation draft 1' })
    expect(named.contributors).toEqual(expect.arrayContaining([{ id: tess.id, name: tess.name }, { id: uma.id, name: uma.name }]))
    expect(named.summary).toMatchObject({ kind: 'text' })

    // Tess rewrites her word, Uma adds a paragraph.
    const tessLine = paragraphText(byTess, 'Tess wrote')
    byTess.document.transact(() => {
      tessLine.delete('Tess wrote '.length, 'alpha'.length)
      tessLine.insert('Tess wrote '.length, 'omega')
    })
    appendParagraph(byUma, 'Uma added gamma later.')
    await waitFor(async () => {
      const { changes } = await json<CompareResponse>(await as(oscar, 'GET', historyPaths.compare(terms, named.id, 'now')))
      return JSON.stringify(changes).includes('gamma') && JSON.stringify(changes).includes('omega')
    }, 10_000, 'the later edits in the compare')

    const { changes, people } = await json<CompareResponse>(await as(oscar, 'GET', historyPaths.compare(terms, named.id, 'now')))
    expect(people).toEqual(expect.arrayContaining([{ id: tess.id, name: tess.name }, { id: uma.id, name: uma.name }]))
    expect(changes).toHaveLength(1)
    const text = changes[0]!
    if (text.type !== 'text') throw new Error('expected a text change')
    expect(markedText(text.document, 'insertion')).toContain('omega')
    expect(markedText(text.document, 'insertion')).toContain('Uma added gamma later.')
    expect(markedText(text.document, 'deletion')).toContain('alpha')
    expect(text.authors).toEqual(expect.arrayContaining([tess.id, uma.id]))
    expect(text.wordsAdded).toBeGreaterThan(0)
    expect(text.wordsRemoved).toBeGreaterThan(0)

    // Listed newest first, with the people's names.
    const { versions } = await json<VersionList>(await as(oscar, 'GET', historyPaths.versions(terms)))
    expect(versions[0]!.id).toBe(named.id)

    const viewed = await json<VersionWithContent>(await as(oscar, 'GET', historyPaths.version(terms, named.id)))
    expect(plain(viewed.content as ProseMirrorJSON)).toContain('Tess wrote alpha here.')
    expect(plain(viewed.content as ProseMirrorJSON)).not.toContain('gamma')
  })

  it('restores the named version while a third person types: everyone converges on it plus the later lines', async () => {
    const [byTess, byUma] = providers as [HocuspocusProvider, HocuspocusProvider]
    const byVic = await open(vic, terms)
    const { content } = await json<VersionWithContent>(await as(oscar, 'GET', historyPaths.version(terms, named.id)))

    // Vic adds a line every few milliseconds through the restore and after it.
    let line = 0
    let typing = true
    const typist = (async () => {
      while (typing) {
        appendParagraph(byVic, `Vic line ${++line}`)
        await new Promise((resolve) => setTimeout(resolve, 15))
      }
    })()
    const restored = await as(uma, 'POST', historyPaths.restore(terms, named.id))
    const before = (await json<{ version: Version }>(restored)).version
    await new Promise((resolve) => setTimeout(resolve, 150))
    typing = false
    await typist
    const lastLine = `Vic line ${line}`

    expect(before).toMatchObject({ kind: 'before-restore', restoredFrom: { id: named.id, name: 'Consultation draft 1', by: { id: uma.id, name: uma.name } } })
    const rendered = (provider: HocuspocusProvider) => JSON.stringify(versionContent('terms-of-reference', provider.document))
    await waitFor(() => rendered(byTess) === rendered(byUma) && rendered(byUma) === rendered(byVic) && hasText(byTess, lastLine), 10_000, 'everyone to converge')

    const now = versionContent('terms-of-reference', byTess.document)
    const withoutVic = blocksOf(now).filter((block) => !block.includes('Vic line'))
    expect(withoutVic).toEqual(blocksOf(content as ProseMirrorJSON))
    expect(hasText(byTess, 'gamma')).toBe(false)

    // The history says what happened: the before-restore version holds the gamma line.
    const { versions } = await json<VersionList>(await as(oscar, 'GET', historyPaths.versions(terms)))
    expect(versions[0]).toMatchObject({ id: before.id, restoredFrom: { id: named.id, by: { name: uma.name } } })
    const kept = await json<VersionWithContent>(await as(oscar, 'GET', historyPaths.version(terms, before.id)))
    expect(plain(kept.content as ProseMirrorJSON)).toContain('Uma added gamma later.')
  })

  it('compares and restores the matrix by cells', async () => {
    const byTess = await open(tess, matrix)
    const byUma = await open(uma, matrix)
    const snapshot = readMatrix(byTess.document)
    const competency = snapshot.domains[0]!.competencies[0]!
    const [first, second] = snapshot.roles as unknown as [{ id: string }, { id: string }]
    const ranks = snapshot.levels.map((level) => level.rank)
    const [low, high] = [ranks[0]!, ranks.at(-1)!]
    const cell = (roleId: string) => ({ competencyId: competency.id, roleId })
    setLevel(byTess.document, cell(first.id), low)
    setNote(byUma.document, cell(second.id), 'Uma first note')
    await waitFor(() => byTess.document.getText(`note:${competency.id}|${second.id}`).toString() === 'Uma first note' && byUma.document.getMap('expectations').get(`${competency.id}|${first.id}`) === low, 10_000, 'both cell edits to sync')
    const version = (await json<{ version: Version }>(await as(uma, 'POST', historyPaths.versions(matrix), { name: 'Matrix draft' }), 201)).version
    expect(version.summary.kind).toBe('matrix')

    setLevel(byTess.document, cell(first.id), high)
    setNote(byUma.document, cell(second.id), 'Uma second note')
    await waitFor(async () => {
      const { changes } = await json<CompareResponse>(await as(oscar, 'GET', historyPaths.compare(matrix, version.id, 'now')))
      return changes.filter((change) => change.type === 'cell').length === 2
    }, 10_000, 'two changed cells in the compare')
    const { changes } = await json<CompareResponse>(await as(oscar, 'GET', historyPaths.compare(matrix, version.id, 'now')))
    const levelChange = changes.find((change) => change.type === 'cell' && change.roleId === first.id)
    const noteChange = changes.find((change) => change.type === 'cell' && change.roleId === second.id)
    expect(levelChange).toMatchObject({ from: { level: low }, to: { level: high }, authors: [tess.id] })
    expect(noteChange).toMatchObject({ from: { note: 'Uma first note' }, to: { note: 'Uma second note' }, authors: [uma.id] })

    await json(await as(tess, 'POST', historyPaths.restore(matrix, version.id)))
    const level = (doc: Y.Doc, roleId: string) => doc.getMap('expectations').get(`${competency.id}|${roleId}`) ?? null
    const note = (doc: Y.Doc, roleId: string) => doc.getText(`note:${competency.id}|${roleId}`).toString()
    await waitFor(() => [byTess, byUma].every((provider) => level(provider.document, first.id) === low && note(provider.document, second.id) === 'Uma first note'), 10_000, 'the restored cells everywhere')
    const again = await json<CompareResponse>(await as(oscar, 'GET', historyPaths.compare(matrix, version.id, 'now')))
    expect(again.changes.filter((change) => change.type === 'cell')).toEqual([])
  })

  it('lets readers list and compare, writers name and restore; 401 before any 400; no history for other documents', async () => {
    const { versions } = await json<VersionList>(await as(oscar, 'GET', historyPaths.versions(terms)))
    const id = versions[0]!.id
    await json(await as(oscar, 'GET', historyPaths.compare(terms, id, 'now')))
    await json(await as(oscar, 'GET', historyPaths.version(terms, id)))

    for (const [method, path, body] of [['POST', historyPaths.versions(terms), { name: 'Mine' }], ['POST', historyPaths.restore(terms, id), undefined]] as const) {
      const observer = await as(oscar, method, path, body)
      expect(observer.status, path).toBe(403)
      expect((await errorOf(observer)).error.code).toBe(ErrorCode.forbidden)
    }
    // An invalid body still answers who may ask first.
    expect((await as(oscar, 'POST', historyPaths.versions(terms), { name: '' })).status).toBe(403)
    expect((await as(null, 'POST', historyPaths.versions(terms), { name: '' })).status).toBe(401)
    expect((await as(tess, 'POST', historyPaths.versions(terms), { name: '' })).status).toBe(400)
    expect((await as(null, 'GET', historyPaths.versions(terms))).status).toBe(401)
    expect((await as(pat, 'GET', historyPaths.versions(terms))).status).toBe(403)
    expect((await as(pat, 'GET', historyPaths.compare(terms, id, 'now'))).status).toBe(403)

    expect((await as(tess, 'GET', historyPaths.versions('comments:terms-of-reference'))).status).toBe(404)
    expect((await as(tess, 'GET', historyPaths.versions(`assessment:${tess.id}`))).status).toBe(404)
    expect((await as(tess, 'GET', historyPaths.versions('meeting:no-such-meeting'))).status).toBe(404)
    expect((await as(tess, 'GET', historyPaths.version(terms, 'no-such-version'))).status).toBe(404)
    expect((await as(tess, 'GET', historyPaths.compare(terms, 'no-such-version', 'now'))).status).toBe(404)
    const matrixVersion = (await json<VersionList>(await as(tess, 'GET', historyPaths.versions(matrix)))).versions[0]!
    expect((await as(tess, 'GET', historyPaths.compare(terms, matrixVersion.id, 'now'))).status).toBe(400)
    expect((await as(tess, 'GET', historyPaths.version(terms, matrixVersion.id))).status).toBe(404)
  })

  it('exports a version of the terms of reference, the matrix and a meeting with ?version=', async () => {
    const termsVersions = (await json<VersionList>(await as(oscar, 'GET', historyPaths.versions(terms)))).versions
    const beforeRestore = termsVersions.find((version) => version.kind === 'before-restore')!
    const then = await (await as(oscar, 'GET', `/api/export/terms-of-reference.md?version=${beforeRestore.id}`)).text()
    const now = await (await as(oscar, 'GET', '/api/export/terms-of-reference.md')).text()
    expect(then).toContain('Uma added gamma later.')
    expect(now).not.toContain('Uma added gamma later.')
    expect(await (await as(oscar, 'GET', `/api/export/terms-of-reference.html?version=${beforeRestore.id}`)).text()).toContain('Uma added gamma later.')

    const matrixVersion = (await json<VersionList>(await as(oscar, 'GET', historyPaths.versions(matrix)))).versions.find((version) => version.name === 'Matrix draft')!
    const exported = JSON.parse(await (await as(oscar, 'GET', `/api/export/framework.json?version=${matrixVersion.id}`)).text()) as { format?: string }
    expect(exported).toMatchObject({ format: 'pmo-framework/v2' })
    const asV1 = JSON.parse(await (await as(oscar, 'GET', `/api/export/framework.json?version=${matrixVersion.id}&format=v1`)).text()) as { format?: string }
    expect(asV1).toMatchObject({ format: 'pmo-framework/v1' })
    for (const format of ['csv', 'md', 'xlsx', 'case.json', 'html', 'docx']) {
      expect((await as(oscar, 'GET', `/api/export/framework.${format}?version=${matrixVersion.id}`)).status, format).toBe(200)
    }
    expect((await as(oscar, 'GET', '/api/export/framework.json?version=no-such-version')).status).toBe(404)
    const wrong = await as(oscar, 'GET', `/api/export/framework.json?version=${beforeRestore.id}`)
    expect(wrong.status).toBe(400)
    expect((await errorOf(wrong)).error.field).toBe('version')

    // A meeting: a decision, a named version, another decision; the version's export has only the first.
    const index = await open(olga, 'meetings')
    addMeeting(index.document, { id: 'history-check', title: 'History check', timeZone: 'Europe/London', durationMinutes: 60, mode: 'remote' })
    await waitFor(async () => (await as(tess, 'GET', historyPaths.versions('meeting:history-check'))).status === 200, 10_000, 'the meeting in the index')
    const meeting = await open(tess, 'meeting:history-check')
    addDecision(meeting.document, { text: 'First decision taken' })
    await waitFor(async () => (await (await as(tess, 'GET', '/api/export/meetings/history-check.md')).text()).includes('First decision taken'), 10_000, 'the first decision')
    const meetingVersion = (await json<{ version: Version }>(await as(tess, 'POST', historyPaths.versions('meeting:history-check'), { name: 'After the first' }), 201)).version
    expect(meetingVersion.summary).toMatchObject({ kind: 'meeting', decisions: { added: 1 } })
    addDecision(meeting.document, { text: 'Second decision taken' })
    await waitFor(async () => (await (await as(tess, 'GET', '/api/export/meetings/history-check.md')).text()).includes('Second decision taken'), 10_000, 'the second decision')
    const meetingThen = await (await as(tess, 'GET', `/api/export/meetings/history-check.md?version=${meetingVersion.id}`)).text()
    expect(meetingThen).toContain('First decision taken')
    expect(meetingThen).not.toContain('Second decision taken')
    expect(await (await as(tess, 'GET', `/api/export/meetings/history-check.html?version=${meetingVersion.id}`)).text()).not.toContain('Second decision taken')
  })

  it('captures a version before every import', async () => {
    const exported = await (await as(olga, 'GET', '/api/export/framework.json')).text()
    const imported = await fetch(`${running.url}/api/import/framework?mode=merge`, {
      method: 'POST', headers: { cookie: cookies[olga.name]!, origin: running.origin, 'content-type': 'application/json' }, body: exported,
    })
    expect(imported.status, await imported.clone().text()).toBe(200)
    const { versions } = await json<VersionList>(await as(tess, 'GET', historyPaths.versions(matrix)))
    expect(versions[0]).toMatchObject({ kind: 'before-import', document: matrix })
  })
})

describe.each(storeKinds)('automatic versions on %s', (kind) => {
  it('captures a version once a document has been quiet for the quiet time, naming who edited', async () => {
    const store = await freshStore(kind)
    const [wren] = (await createMembers(store, [{ name: 'Wren Writer', role: 'contributor' }])) as [TestMember]
    const running = await startStudio(store, {}, { historyQuietMs: 300 })
    const cookie = await signIn(running.url, wren.email)
    const provider = connectProvider({ baseUrl: running.url, cookie, document: terms })
    try {
      await waitFor(() => provider.synced, 10_000, 'the provider to sync')
      appendParagraph(provider, 'Wren wrote this.')
      let versions: Version[] = []
      await waitFor(async () => {
        versions = ((await (await call(running, 'GET', historyPaths.versions(terms), { cookie })).json()) as VersionList).versions
        return versions.length > 0
      }, 10_000, 'the automatic version')
      expect(versions[0]).toMatchObject({ kind: 'auto', name: null, contributors: [{ id: wren.id, name: wren.name }] })
      // Quiet again without an edit: nothing new.
      await new Promise((resolve) => setTimeout(resolve, 700))
      const later = ((await (await call(running, 'GET', historyPaths.versions(terms), { cookie })).json()) as VersionList).versions
      expect(later).toHaveLength(1)
    } finally {
      destroyProvider(provider)
      await running.close()
      await store.dispose()
    }
  })
})

describe.each(storeKinds)('automatic versions across a restart on %s', (kind) => {
  it('keeps the version of an edit made just before the studio stops, long before its quiet time', async () => {
    const store = await freshStore(kind)
    const [wren] = (await createMembers(store, [{ name: 'Wren Writer', role: 'contributor' }])) as [TestMember]
    const first = await startStudio(store, {}, { historyQuietMs: 60 * 60_000 })
    const provider = connectProvider({ baseUrl: first.url, cookie: await signIn(first.url, wren.email), document: terms })
    let second: RunningStudio | undefined
    try {
      await waitFor(() => provider.synced, 10_000, 'the provider to sync')
      appendParagraph(provider, 'Wren wrote this just before the restart.')
      const logged = () => first.studio.store.db.selectFrom('document_updates').select('id').where('document', '=', terms).where('author_id', '=', wren.id).execute()
      await waitFor(async () => (await logged()).length > 0, 10_000, 'Wren\'s edit in the log')
      destroyProvider(provider)
      await first.close()

      second = await startStudio(store)
      const cookie = await signIn(second.url, wren.email)
      const { versions } = (await (await call(second, 'GET', historyPaths.versions(terms), { cookie })).json()) as VersionList
      expect(versions).toHaveLength(1)
      expect(versions[0]).toMatchObject({ kind: 'auto', contributors: [{ id: wren.id, name: wren.name }] })
      const { content } = (await (await call(second, 'GET', historyPaths.version(terms, versions[0]!.id), { cookie })).json()) as VersionWithContent
      expect(plain(content as ProseMirrorJSON)).toContain('Wren wrote this just before the restart.')
    } finally {
      destroyProvider(provider)
      await first.close()
      await second?.close()
      await store.dispose()
    }
  })
})

describe.each(storeKinds)('contributors through compaction on %s', (kind) => {
  it('names who edited since the version before even after compaction folded their log entries', async () => {
    const store = await freshStore(kind)
    const [xena, yuri] = (await createMembers(store, [{ name: 'Xena Writer', role: 'contributor' }, { name: 'Yuri Namer', role: 'contributor' }])) as [TestMember, TestMember]
    const running = await startStudio(store)
    const yuriCookie = await signIn(running.url, yuri.email)
    const logged = () => running.studio.store.db.selectFrom('document_updates').select('id').where('document', '=', terms).where('author_id', '=', xena.id).execute()
    try {
      const first = (await (await call(running, 'POST', historyPaths.versions(terms), { cookie: yuriCookie, body: { name: 'Before Xena' } })).json()) as { version: Version }
      expect(first.version.contributors).toEqual([])
      // Xena's edit through the studio's own path: a member leaving a document would record
      // their visit with a version (activity/), and this test is about the compaction instead.
      await running.studio.serverChanges.apply(terms, xena.id, (doc) => {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText('Xena wrote this before anyone named a version.')])
        doc.getXmlFragment(richTextField).push([paragraph])
      })
      // Nobody holds the document: it unloads and its log is compacted into the state.
      await waitFor(async () => (await logged()).length === 0, 15_000, 'the compaction')
      const named = (await (await call(running, 'POST', historyPaths.versions(terms), { cookie: yuriCookie, body: { name: 'After Xena' } })).json()) as { version: Version }
      expect(named.version.contributors).toEqual([{ id: xena.id, name: xena.name }])
      const pending = await running.studio.store.db.selectFrom('document_pending_authors').selectAll().execute()
      expect(pending).toEqual([])
    } finally {
      await running.close()
      await store.dispose()
    }
  })
})

describe('meeting-end versions', () => {
  it('catches up on a meeting that ended while no studio was running, once', async () => {
    const store = await freshStore('sqlite')
    const [olga] = (await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])) as [TestMember]
    const document = 'meeting:missed-end'
    const endVersions = (running: RunningStudio) =>
      running.studio.store.db.selectFrom('document_versions').select('id').where('document', '=', document).where('kind', '=', 'meeting-end').execute()
    const first = await startStudio(store)
    const index = connectProvider({ baseUrl: first.url, cookie: await signIn(first.url, olga.email), document: 'meetings' })
    let second: RunningStudio | undefined
    try {
      await waitFor(() => index.synced, 10_000, 'the index to sync')
      // Yesterday's meeting, written into the index after it ended (as when the studio was down over its end).
      const start = new Date(Date.now() - 26 * 60 * 60_000).toISOString().slice(0, 16)
      addMeeting(index.document, { id: 'missed-end', title: 'Missed end', start, timeZone: 'UTC', durationMinutes: 60, mode: 'remote' })
      await waitFor(async () => (await endVersions(first)).length === 1, 10_000, 'the late meeting-end version')
      destroyProvider(index)
      await first.close()

      // A restart does not capture it again (closing waits for the captures under way)...
      second = await startStudio(store)
      await second.close()
      second = await startStudio(store)
      expect(await endVersions(second)).toHaveLength(1)
      // ...but with no version of its end (the studio was down then), a start catches up.
      await second.studio.store.db.deleteFrom('document_versions').where('document', '=', document).execute()
      await second.close()
      second = await startStudio(store)
      await waitFor(async () => (await endVersions(second!)).length === 1, 10_000, 'the meeting-end version caught up at start')
    } finally {
      destroyProvider(index)
      await first.close()
      await second?.close()
      await store.dispose()
    }
  })

  // On SQLite only: the timer is the same on either store.
  it('captures a version of a meeting at its scheduled end, set when the meeting is added to a running studio', async () => {
    // Meetings start on the minute. The studio's clock runs a little ahead of the real one, so
    // the next minute's end comes 8 s after the start rather than up to a minute later.
    const minute = 60_000
    const realStart = Date.now()
    const end = Math.ceil((realStart + 2 * minute) / minute) * minute
    const ahead = end - 8_000 - realStart
    const store = await freshStore('sqlite')
    const [olga] = (await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])) as [TestMember]
    const running = await startStudio(store, {}, { now: () => new Date(Date.now() + ahead) })
    const cookie = await signIn(running.url, olga.email)
    const index = connectProvider({ baseUrl: running.url, cookie, document: 'meetings' })
    try {
      await waitFor(() => index.synced, 10_000, 'the index to sync')
      const start = new Date(end - meetingLimits.durationMin * minute).toISOString().slice(0, 16)
      addMeeting(index.document, { id: 'ends-soon', title: 'Ends soon', start, timeZone: 'UTC', durationMinutes: meetingLimits.durationMin, mode: 'remote' })
      const versions = async () => ((await (await call(running, 'GET', historyPaths.versions('meeting:ends-soon'), { cookie })).json()) as VersionList).versions ?? []
      await waitFor(async () => (await versions()).length > 0, 30_000, 'the meeting-end version')
      const [version] = await versions()
      expect(version).toMatchObject({ kind: 'meeting-end', document: 'meeting:ends-soon' })
      // A version keeps the real time: on the studio's clock it was taken at the end or after.
      expect(new Date(version!.createdAt).getTime() + ahead).toBeGreaterThanOrEqual(end)
    } finally {
      destroyProvider(index)
      await running.close()
      await store.dispose()
    }
  }, 60_000)
})
