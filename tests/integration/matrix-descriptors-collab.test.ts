/**
 * Level descriptors, indicators and references written live over real sockets with real
 * providers (issue 15, points 1 and 2), on each store: the server refuses from a writer
 * one of the wrong shape or past the model's limits (not applied, not logged, not
 * broadcast, the sender told why), refuses every write from an observer, and accepts good
 * ones, which the other members see live and which are still there after a restart.
 */
import { CloseCode, closeReasons, DocumentName } from '@studio/contract'
import {
  addIndicator,
  addReference,
  indicatorMaps,
  moveIndicator,
  readDescriptor,
  readReferences,
  referenceMaps,
  setSummary,
  summaryText,
  type ExchangeFramework,
} from '@studio/framework'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const matrix = DocumentName.competencyMatrix
const refusedReason = closeReasons[CloseCode.ModelViolation]
/** A starter competency with no descriptors yet, and one of its levels. */
const competency = 'schedule-management'
const rank = 3

function indicatorEntry(text: string, order: string): Y.Map<Y.Text | string> {
  const entry = new Y.Map<Y.Text | string>()
  entry.set('text', new Y.Text(text))
  entry.set('order', order)
  return entry
}

function referenceEntry(fields: Record<string, string>): Y.Map<string> {
  const entry = new Y.Map<string>()
  for (const [key, value] of Object.entries({ scheme: 'SFIA 9', code: 'PROF', title: '', uri: '', relation: 'close', order: 'a0', ...fields })) entry.set(key, value)
  return entry
}

describe.each(storeKinds)('descriptors, indicators and references over the socket, on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  const members: Record<'carl' | 'wendy' | 'olive', TestMember> = {} as never
  const cookies: Record<'carl' | 'wendy' | 'olive', string> = {} as never
  let providers: HocuspocusProvider[] = []

  async function signInAll(): Promise<void> {
    for (const name of ['carl', 'wendy', 'olive'] as const) cookies[name] = await signIn(running.url, members[name].email)
  }

  beforeAll(async () => {
    store = await freshStore(kind)
    const [carl, wendy, olive] = await createMembers(store, [
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Wendy Writer', role: 'contributor' },
      { name: 'Olive Observer', role: 'observer' },
    ])
    Object.assign(members, { carl, wendy, olive })
    // The refusals are logged as warnings; they are what this suite is about.
    running = await startStudio(store, { LOG_LEVEL: 'error' })
    await signInAll()
  })

  // Each test's sockets close after it: a member may hold only so many at once, and a refused
  // sender would otherwise keep reconnecting and resending its edit.
  afterEach(() => {
    for (const provider of providers) destroyProvider(provider)
    providers = []
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  async function open(who: 'carl' | 'wendy' | 'olive'): Promise<{ provider: HocuspocusProvider; doc: Y.Doc; closes: string[] }> {
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies[who], document: matrix })
    providers.push(provider)
    const closes: string[] = []
    provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason))
    await waitFor(() => provider.isSynced, 10_000, `${who} to sync the matrix`)
    return { provider, doc: provider.document, closes }
  }

  const logged = async (authorId?: string) => {
    let query = running.studio.store.db.selectFrom('document_updates').select((eb) => eb.fn.countAll().as('n')).where('document', '=', matrix)
    if (authorId) query = query.where('author_id', '=', authorId)
    return Number((await query.executeTakeFirstOrThrow()).n)
  }

  const live = () => running.studio.collaboration.hocuspocus.documents.get(matrix) as unknown as Y.Doc

  /** A good edit by Wendy, seen by `watcher`: anything sent before it has had every chance to arrive. */
  async function fence(watcher: Y.Doc, mark: string): Promise<void> {
    const wendy = await open('wendy')
    setSummary(wendy.doc, 'progress-tracking', 1, mark)
    await waitFor(() => summaryText(watcher, 'progress-tracking', 1).toString() === mark, 5000, 'the fence edit to reach the watcher')
  }

  const cases: Array<{ name: string; seen: (doc: Y.Doc) => boolean; make: (doc: Y.Doc) => void }> = [
    {
      name: 'a summary past 1000 characters',
      seen: (doc) => summaryText(doc, competency, rank).length > 0,
      make: (doc) => summaryText(doc, competency, rank).insert(0, 'x'.repeat(1001)),
    },
    {
      name: 'a summary for a level the scale does not have',
      seen: (doc) => doc.share.has(`descriptor:${competency}|9`),
      make: (doc) => doc.getText(`descriptor:${competency}|9`).insert(0, 'Beyond the scale'),
    },
    {
      name: 'a summary that is a map instead of text',
      seen: (doc) => doc.share.has(`descriptor:${competency}|2`),
      make: (doc) => doc.getMap(`descriptor:${competency}|2`).set('summary', 'wrong shape'),
    },
    {
      name: 'an indicator that is a plain string',
      seen: (doc) => indicatorMaps(doc, competency, rank).size > 0,
      make: (doc) => indicatorMaps(doc, competency, rank).set('i1', 'not a map' as never),
    },
    {
      name: 'an indicator past 500 characters',
      seen: (doc) => indicatorMaps(doc, competency, rank).size > 0,
      make: (doc) => indicatorMaps(doc, competency, rank).set('i1', indicatorEntry('y'.repeat(501), 'a0')),
    },
    {
      name: 'a 21st indicator on one level',
      seen: (doc) => indicatorMaps(doc, competency, rank).size > 0,
      make: (doc) => doc.transact(() => {
        for (let i = 0; i < 21; i++) indicatorMaps(doc, competency, rank).set(`i${i}`, indicatorEntry(`Indicator ${i}`, `a${String(i).padStart(2, '0')}`))
      }),
    },
    {
      name: 'a reference with a relation outside exact, close and related',
      seen: (doc) => referenceMaps(doc, competency).size > 0,
      make: (doc) => referenceMaps(doc, competency).set('r1', referenceEntry({ relation: 'same' })),
    },
    {
      name: 'a reference whose address is not http(s)',
      seen: (doc) => referenceMaps(doc, competency).size > 0,
      make: (doc) => referenceMaps(doc, competency).set('r1', referenceEntry({ uri: 'javascript:alert(1)' })),
    },
    {
      name: 'a reference without a scheme',
      seen: (doc) => referenceMaps(doc, competency).size > 0,
      make: (doc) => referenceMaps(doc, competency).set('r1', referenceEntry({ scheme: '' })),
    },
    {
      name: 'a reference with a field the model does not know',
      seen: (doc) => referenceMaps(doc, competency).size > 0,
      make: (doc) => referenceMaps(doc, competency).set('r1', referenceEntry({ colour: 'blue' })),
    },
  ]

  it.each(cases)('refuses from a writer $name: not applied, not logged, not broadcast, and the sender is told why', async ({ seen, make }) => {
    const watcher = await open('wendy')
    const sender = await open('carl')
    const before = await logged(members.carl.id)

    make(sender.doc)

    await waitFor(() => sender.closes.includes(refusedReason), 5000, 'the sender to be told its update was refused')
    await fence(watcher.doc, `fence ${Math.random()}`)
    expect(seen(live())).toBe(false)
    expect(seen(watcher.doc)).toBe(false)
    expect(await logged(members.carl.id)).toBe(before)
  })

  it('refuses every write from an observer, however good', async () => {
    const watcher = await open('wendy')
    const observer = await open('olive')
    expect(observer.provider.authorizedScope).toBe('readonly')

    setSummary(observer.doc, competency, rank, 'Written by an observer.')
    addIndicator(observer.doc, competency, rank, 'An observer’s indicator.')
    addReference(observer.doc, competency, { scheme: 'APM', relation: 'related' })

    await fence(watcher.doc, 'after the observer')
    expect(readDescriptor(live(), competency, rank)).toEqual({ summary: '', indicators: [] })
    expect(readReferences(live(), competency)).toEqual([])
    expect(readDescriptor(watcher.doc, competency, rank)).toEqual({ summary: '', indicators: [] })
    expect(await logged(members.olive.id)).toBe(0)
  })

  it('accepts good ones from a writer, shows them live to another member, and keeps them across a restart', async () => {
    const watcher = await open('wendy')
    const writer = await open('carl')
    const before = await logged(members.carl.id)

    setSummary(writer.doc, competency, rank, 'Keeps the schedule of a project without help.')
    const first = addIndicator(writer.doc, competency, rank, 'Updates the plan every week.')
    addIndicator(writer.doc, competency, rank, 'Flags a slipping milestone before it slips.')
    moveIndicator(writer.doc, competency, rank, first, 1)
    const longest = 'z'.repeat(1000)
    setSummary(writer.doc, competency, 4, longest)
    addReference(writer.doc, competency, { scheme: 'SFIA 9', code: 'PROF', title: 'Portfolio, programme and project support', uri: 'https://sfia-online.org/en/sfia-9/skills/prof', relation: 'close' })

    const expected = {
      summary: 'Keeps the schedule of a project without help.',
      indicators: ['Flags a slipping milestone before it slips.', 'Updates the plan every week.'],
    }
    const shown = (doc: Y.Doc) => {
      const descriptor = readDescriptor(doc, competency, rank)
      return { summary: descriptor.summary, indicators: descriptor.indicators.map((indicator) => indicator.text) }
    }
    await waitFor(() => readReferences(watcher.doc, competency).length === 1 && summaryText(watcher.doc, competency, 4).length === 1000, 5000, 'the other member to see the edits')
    expect(shown(watcher.doc)).toEqual(expected)
    expect(writer.closes).toEqual([])
    await waitFor(async () => (await logged(members.carl.id)) > before, 5000, 'the edits to be logged')

    for (const provider of providers) destroyProvider(provider)
    providers = []
    await running.close()
    running = await startStudio(store, { LOG_LEVEL: 'error' })
    await signInAll()

    const reader = await open('olive')
    expect(shown(reader.doc)).toEqual(expected)
    expect(summaryText(reader.doc, competency, 4).toString()).toBe(longest)
    expect(readReferences(reader.doc, competency).map(({ scheme, code, title, uri, relation }) => ({ scheme, code, title, uri, relation }))).toEqual([
      { scheme: 'SFIA 9', code: 'PROF', title: 'Portfolio, programme and project support', uri: 'https://sfia-online.org/en/sfia-9/skills/prof', relation: 'close' },
    ])
    // And the export, read fresh from the restarted studio, carries them.
    const exported = (await (await fetch(`${running.url}/api/export/framework.json`, { headers: { cookie: cookies.olive } })).json()) as ExchangeFramework
    const written = exported.domains.flatMap((domain) => domain.competencies).find((candidate) => candidate.id === competency)
    expect(written?.descriptors?.[String(rank)]).toEqual(expected)
    expect(written?.references?.[0]).toMatchObject({ scheme: 'SFIA 9', code: 'PROF', relation: 'close' })
  })
})
