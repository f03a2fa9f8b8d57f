/**
 * A document's model is enforced on the server (issue 10, point 1), over a real socket with
 * real providers: a contributor's update that breaks the matrix, the terms of reference or
 * a meeting's notes is refused (not logged, not applied, not broadcast) and the sender is
 * told why; a good edit afterwards still works. And a workspace whose log already holds
 * such entries (written straight into the log, as before the check) still exports every
 * format and renders, and an organiser's replace import repairs it.
 */
import { CloseCode, closeReasons } from '@studio/contract'
import { readActions, readDecisions, readMatrix, readMeetings, seedFiles } from '@studio/framework'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { appendUpdate, loadDocumentInto } from '@studio/server/store/update-log'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const matrix = 'competency-matrix'
const refusedReason = closeReasons[CloseCode.ModelViolation]

describe.each(storeKinds)('the document model on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let organiser: string
  let contributor: string
  const providers: HocuspocusProvider[] = []
  let contributorId = ''

  beforeAll(async () => {
    store = await freshStore(kind)
    const [o, c] = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
    ])
    // The refusals are logged as warnings; they are what this suite is about.
    running = await startStudio(store, { LOG_LEVEL: 'error' })
    organiser = await signIn(running.url, o!.email)
    contributor = await signIn(running.url, c!.email)
    contributorId = c!.id
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  async function open(document: string, cookie: string): Promise<{ provider: HocuspocusProvider; closes: string[] }> {
    const provider = connectProvider({ baseUrl: running.url, cookie, document })
    providers.push(provider)
    const closes: string[] = []
    provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason))
    await waitFor(() => provider.isSynced, 10_000, `${document} to sync`)
    return { provider, closes }
  }

  const logLength = async (document: string) =>
    Number((await running.studio.store.db.selectFrom('document_updates').select((eb) => eb.fn.countAll().as('n')).where('document', '=', document).executeTakeFirstOrThrow()).n)

  const live = (document: string) => running.studio.collaboration.hocuspocus.documents.get(document) as unknown as Y.Doc

  const cases: Array<{ name: string; document: string; seen: (doc: Y.Doc) => boolean; make: (doc: Y.Doc) => void }> = [
    {
      name: 'a competency set to a string',
      document: matrix,
      seen: (doc) => typeof doc.getMap('competencies').get('risk-management') === 'string',
      make: (doc) => doc.getMap('competencies').set('risk-management', 'broken'),
    },
    {
      name: 'a level set to a string',
      document: matrix,
      seen: (doc) => typeof doc.getMap('levels').get('3') === 'string',
      make: (doc) => doc.getMap('levels').set('3', 'broken'),
    },
    {
      name: 'an expectation outside the scale',
      document: matrix,
      seen: (doc) => doc.getMap('expectations').get('risk-management|pmo-analyst') === 42,
      make: (doc) => doc.getMap('expectations').set('risk-management|pmo-analyst', 42),
    },
    {
      name: 'an unknown top-level type',
      document: matrix,
      seen: (doc) => doc.share.has('evil'),
      make: (doc) => doc.getArray('evil').insert(0, ['x']),
    },
    {
      name: 'a node the editor does not know in the terms of reference',
      document: 'terms-of-reference',
      seen: (doc) => doc.getXmlFragment('default').toArray().some((node) => node instanceof Y.XmlElement && node.nodeName === 'script'),
      make: (doc) => doc.getXmlFragment('default').insert(0, [new Y.XmlElement('script')]),
    },
    {
      name: 'a node the editor does not know in meeting notes',
      document: 'meeting:kick-off',
      seen: (doc) => doc.getXmlFragment('notes').toArray().some((node) => node instanceof Y.XmlElement && node.nodeName === 'iframe'),
      make: (doc) => doc.getXmlFragment('notes').insert(0, [new Y.XmlElement('iframe')]),
    },
  ]

  it.each(cases)('refuses $name: not logged, not applied, not broadcast, and the sender is told why', async ({ document, seen, make }) => {
    const watcher = await open(document, organiser)
    const sender = await open(document, contributor)
    const logged = await logLength(document)

    make(sender.provider.document)

    await waitFor(() => sender.closes.includes(refusedReason), 5000, 'the sender to be told its update was refused')
    expect(closeReasons[CloseCode.ModelViolation]).toBe(refusedReason)
    // Give a wrongly accepted update every chance to arrive before looking.
    const marker = await open(document, contributor)
    marker.provider.document.getMap('unused-probe')
    await waitFor(() => marker.provider.isSynced)
    expect(seen(live(document))).toBe(false)
    expect(seen(watcher.provider.document)).toBe(false)
    expect(await logLength(document)).toBe(logged)

    // The contributor reconnects with a fresh copy and a good edit goes through to everyone.
    const again = await open(document, contributor)
    if (document === matrix) again.provider.document.getMap('expectations').set('risk-management|pmo-analyst', 2)
    else {
      const field = document === matrix ? '' : document === 'terms-of-reference' ? 'default' : 'notes'
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('a good edit')])
      again.provider.document.getXmlFragment(field).insert(0, [paragraph])
    }
    const good = (doc: Y.Doc) =>
      document === matrix
        ? doc.getMap('expectations').get('risk-management|pmo-analyst') === 2
        : doc.getXmlFragment(document === 'terms-of-reference' ? 'default' : 'notes').toString().includes('a good edit')
    await waitFor(() => good(watcher.provider.document), 5000, 'the good edit to reach the other member')
    await waitFor(async () => (await logLength(document)) > logged, 5000, 'the good edit to be logged')
    expect(again.closes).toEqual([])
  })

  it('refuses an update outside a member’s own assessment’s model, such as a type it does not know', async () => {
    const document = `assessment:${contributorId}`
    const sender = await open(document, contributor)
    sender.provider.document.getArray('anything').insert(0, ['at all'])
    await waitFor(() => sender.closes.includes(refusedReason), 5000, 'the sender to be told its update was refused')
    expect(await logLength(document)).toBe(0)
  })
})

describe.each(storeKinds)('a workspace whose log already holds malformed entries, on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let organiser: string

  beforeAll(async () => {
    store = await freshStore(kind)
    const [o] = await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])
    running = await startStudio(store, { LOG_LEVEL: 'error' })
    organiser = await signIn(running.url, o!.email)
    // Bad entries written straight into the log, as they could be before the check existed.
    await writeBehindTheCheck(matrix, (doc) => {
      doc.getMap('competencies').set('risk-management', 'broken')
      doc.getMap('levels').set('3', 'broken')
      doc.getMap('expectations').set('issue-management|pmo-analyst', 42)
      doc.getMap('meta').set('title', 7)
      doc.getArray('evil').insert(0, ['x'])
    })
    await writeBehindTheCheck('meetings', (doc) => {
      const dated = new Y.Map<unknown>()
      for (const [key, value] of Object.entries({ title: 'Dated', start: '2026-03-02T10:00', timeZone: 'Europe/London', durationMinutes: 60, place: '', mode: 'remote', joinLink: '', createdAt: '2026-01-01', archived: false })) dated.set(key, value)
      doc.getMap('meetings').set('dated', dated)
      const broken = new Y.Map<unknown>()
      for (const [key, value] of Object.entries({ title: 'Broken', start: '2026-03-02T10:00', timeZone: 'Mars/Olympus', durationMinutes: 'long', mode: 'telepathy' })) broken.set(key, value)
      doc.getMap('meetings').set('broken', broken)
      doc.getMap('meetings').set('string', 'broken')
    })
    await writeBehindTheCheck('meeting:dated', (doc) => {
      doc.getXmlFragment('notes').insert(0, [new Y.XmlElement('iframe'), new Y.XmlElement('paragraph')])
      const heading = new Y.XmlElement('heading')
      heading.setAttribute('level', -3 as unknown as string)
      heading.insert(0, [new Y.XmlText('Negative')])
      doc.getXmlFragment('agenda').insert(0, [heading])
      doc.getMap('decisions').set('d', 'broken')
      doc.getMap('actions').set('a', 5)
    })
    await writeBehindTheCheck('terms-of-reference', (doc) => {
      const text = new Y.XmlText()
      text.insert(0, 'blinking', { blink: {} })
      doc.getXmlFragment('default').insert(0, [new Y.XmlElement('script'), text])
    })
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  async function writeBehindTheCheck(document: string, change: (doc: Y.Doc) => void): Promise<void> {
    const doc = new Y.Doc()
    await loadDocumentInto(running.studio.store, document, doc)
    const before = Y.encodeStateVector(doc)
    change(doc)
    await appendUpdate(running.studio.store, { document, update: Y.encodeStateAsUpdate(doc, before), authorId: null })
  }

  const get = (path: string) => call(running, 'GET', path, { cookie: organiser })

  it('still exports every format', async () => {
    for (const path of [
      '/api/export/framework.json', '/api/export/framework.csv', '/api/export/framework.md', '/api/export/framework.xlsx',
      '/api/meetings/dated.ics', '/api/export/meetings/dated.md', '/api/export/meetings/dated.html',
      '/api/export/meetings/broken.md', '/api/export/terms-of-reference.md', '/api/export/terms-of-reference.html', '/api/my-actions',
    ]) {
      const response = await get(path)
      expect(response.status, path).toBe(200)
      await response.arrayBuffer()
    }
    const exported = await (await get('/api/export/framework.json')).json() as { domains: Array<{ competencies: unknown[] }> }
    expect(exported.domains.flatMap((domain) => domain.competencies).length).toBeGreaterThan(0)
    expect(await (await get('/api/export/terms-of-reference.md')).text()).toContain('## Licensing')
  })

  it('renders in the readers the web app uses', async () => {
    const read = async <T>(document: string, reader: (doc: Y.Doc) => T) => {
      const provider = connectProvider({ baseUrl: running.url, cookie: organiser, document })
      try {
        await waitFor(() => provider.isSynced, 10_000)
        return reader(provider.document)
      } finally {
        destroyProvider(provider)
      }
    }
    const shown = await read(matrix, readMatrix)
    expect(shown.domains.flatMap((domain) => domain.competencies).length).toBeGreaterThan(0)
    expect(shown.levels.map((level) => level.rank)).not.toContain(3)
    const meetings = await read('meetings', (doc) => readMeetings(doc))
    expect(meetings.map((meeting) => meeting.id).sort()).toEqual(['broken', 'dated', 'kick-off'])
    expect(meetings.find((meeting) => meeting.id === 'broken')?.timeZone).toBe('Europe/London')
    expect(await read('meeting:dated', (doc) => [readDecisions(doc), readActions(doc)])).toEqual([[], []])
  })

  it('is repaired by an organiser’s replace import', async () => {
    const response = await fetch(`${running.url}/api/import/framework?mode=replace`, {
      method: 'POST',
      headers: { cookie: organiser, origin: running.origin, 'content-type': 'application/json' },
      body: readFileSync(seedFiles.starterFramework),
    })
    expect(response.status, await response.clone().text()).toBe(200)
    const exported = await (await get('/api/export/framework.json')).json() as { title: string; levels: Array<{ rank: number }>; domains: Array<{ competencies: Array<{ id: string }> }> }
    expect(exported.levels.map((level) => level.rank)).toContain(3)
    expect(exported.domains.flatMap((domain) => domain.competencies.map((competency) => competency.id))).toContain('risk-management')
    expect(exported.title).not.toBe('')
  })
})
