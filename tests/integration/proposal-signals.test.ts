/**
 * Open proposals are marked on the matrix and the terms of reference; a page that has one
 * open hears of a change at once, through a signal on the document's socket (contract:
 * document-signals.ts), instead of at its next minute's poll. Real providers on real
 * sockets, on each store: every act on a proposal (made, answered, withdrawn, decided,
 * closed by the pass) signals the sockets on its document and no other, and a client cannot
 * send a signal to others. With Redis, a request on one instance reaches a socket on
 * another, where the document is loaded and the first instance has it not.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { DocumentName, encodeDocumentSignal, proposalPaths, type ProposalEnvelope } from '@studio/contract'
import { readExpectation, readMatrix, setLevel } from '@studio/framework'
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { memberCalls } from '../support/member-calls.ts'
import { connectProvider, destroyProvider, socketClass } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { spawnInstance, startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const matrix = DocumentName.competencyMatrix
const hour = 3_600_000
const proposalsChanged = encodeDocumentSignal({ kind: 'proposals-changed' })

/** Every stateless payload `provider` receives, in order. */
function signalsOf(provider: HocuspocusProvider): string[] {
  const received: string[] = []
  provider.on('stateless', ({ payload }: { payload: string }) => received.push(payload))
  return received
}

/** A first cell and its competency, read from a synced matrix. */
function firstCell(provider: HocuspocusProvider): { competencyId: string; roleId: string } {
  const snapshot = readMatrix(provider.document)
  return { competencyId: snapshot.domains[0]!.competencies[0]!.id, roleId: snapshot.roles[0]!.id }
}

describe.each(storeKinds)('proposal signals on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, carl: TestMember, rae: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []
  let clock = new Date()
  const now = () => clock
  const { as, json, open } = memberCalls(() => running, cookies, providers)
  const propose = async (member: TestMember, body: unknown) => (await json<ProposalEnvelope>(await as(member, 'POST', proposalPaths.list, body), 201)).proposal

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[olga, carl, rae] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Cellwright', role: 'contributor' },
      { name: 'Rae Remote', role: 'contributor' },
    ])) as [TestMember, TestMember, TestMember]
    running = await startStudio(store, {}, { now })
    for (const member of [olga, carl, rae]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  it('signals the sockets on the matrix at every act on a proposal, and no other document', async () => {
    // Rae has the matrix and the terms open on one socket, so whatever the studio sends her
    // arrives in order: a signal meant for the matrix alone cannot overtake one sent to the terms.
    const socket = new HocuspocusProviderWebsocket({
      url: `${running.url.replace(/^http/, 'ws')}/collab`, WebSocketPolyfill: socketClass(cookies[rae.name], running.origin),
    })
    const raesMatrix = new HocuspocusProvider({ websocketProvider: socket, name: matrix, token: 'session' })
    const raesTerms = new HocuspocusProvider({ websocketProvider: socket, name: DocumentName.termsOfReference, token: 'session' })
    raesMatrix.attach()
    raesTerms.attach()
    providers.push(raesTerms, raesMatrix)
    await waitFor(() => raesMatrix.synced && raesTerms.synced, 10_000, 'Rae to sync both documents')
    const onMatrix = signalsOf(raesMatrix)
    const onTerms = signalsOf(raesTerms)
    const cell = firstCell(raesMatrix)
    const expectSignals = (count: number, what: string) => waitFor(() => onMatrix.length === count, 5000, `signal ${count}: ${what}`)

    const first = await propose(carl, { change: { kind: 'cell', ...cell, level: 1, note: 'Starts here.' }, rationale: 'Everyone starts here.' })
    await expectSignals(1, 'made')
    expect((await as(rae, 'POST', proposalPaths.responses(first.id), { stance: 'support', reason: '' })).status).toBe(200)
    await expectSignals(2, 'answered')
    expect((await as(carl, 'POST', proposalPaths.withdraw(first.id))).status).toBe(200)
    await expectSignals(3, 'withdrawn')
    const second = await propose(carl, { change: { kind: 'competency', competencyId: cell.competencyId, name: 'Planning, renamed' }, rationale: 'Clearer.' })
    await expectSignals(4, 'made')
    expect((await as(olga, 'POST', proposalPaths.decision(second.id), { outcome: 'reject', note: 'Not now.' })).status).toBe(200)
    await expectSignals(5, 'decided')
    // A refused act changes nothing and says nothing.
    expect((await as(rae, 'POST', proposalPaths.responses(second.id), { stance: 'object', reason: 'Late.' })).status).toBe(409)
    // The pass closes a proposal nobody objected to, on the studio's clock.
    await propose(carl, { change: { kind: 'cell', ...cell, level: 2, note: '' }, rationale: 'A step up.' })
    await expectSignals(6, 'made')
    clock = new Date(clock.getTime() + 100 * hour)
    expect(await running.studio.app.proposals.runPass()).toBe(1)
    await expectSignals(7, 'closed by the pass')

    expect(onMatrix).toEqual(Array(7).fill(proposalsChanged))
    expect(onTerms).toEqual([])
  })

  it('relays nothing a client sends as a signal', async () => {
    const carlsMatrix = await open(carl, matrix)
    const raesMatrix = await open(rae, matrix)
    const received = signalsOf(raesMatrix)
    carlsMatrix.sendStateless(proposalsChanged)
    // Carl's next edit travels on the same socket after it: once Rae has the edit, a relayed signal would be there too.
    const cell = firstCell(carlsMatrix)
    const current = readExpectation(raesMatrix.document, cell).level
    const level = readMatrix(raesMatrix.document).levels.find((candidate) => candidate.rank !== current)!.rank
    setLevel(carlsMatrix.document, cell, level)
    await waitFor(() => readExpectation(raesMatrix.document, cell).level === level, 5000, 'Carl\'s edit to reach Rae')
    expect(received).toEqual([])
  })
})

const canScaleOut = Boolean(process.env.REDIS_URL && process.env.DATABASE_URL)

describe.skipIf(!canScaleOut)('proposal signals across two instances sharing PostgreSQL and Redis', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('reaches a page on the other instance, where the matrix is loaded and the first instance has it not', async () => {
    const store = await freshStore('postgres')
    cleanups.push(() => store.dispose())
    const shared = { REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${randomUUID()}:` }
    const [carl, rae] = (await createMembers(store, [
      { name: 'Carl Cellwright', role: 'contributor' },
      { name: 'Rae Remote', role: 'contributor' },
    ])) as [TestMember, TestMember]
    const east = await spawnInstance(store, shared, cleanups)
    const west = await spawnInstance(store, shared, cleanups)

    const raesMatrix = connectProvider({ baseUrl: west.url, cookie: await signIn(west.url, rae.email), document: matrix })
    cleanups.push(() => destroyProvider(raesMatrix))
    await waitFor(() => raesMatrix.synced, 10_000, 'Rae to sync the matrix on the west instance')
    const received = signalsOf(raesMatrix)

    const proposed = await fetch(`${east.url}${proposalPaths.list}`, {
      method: 'POST',
      headers: { cookie: await signIn(east.url, carl.email), origin: new URL(east.url).origin, 'content-type': 'application/json' },
      body: JSON.stringify({ change: { kind: 'cell', ...firstCell(raesMatrix), level: 3, note: '' }, rationale: 'Proposed on the east instance.' }),
    })
    expect(proposed.status, await proposed.clone().text()).toBe(201)
    await waitFor(() => received.length === 1, 5000, 'the signal to reach the west instance\'s socket')
    expect(received).toEqual([proposalsChanged])
  })
})
