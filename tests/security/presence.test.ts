/**
 * Presence cannot be forged: what others see of a client's awareness entry is what the
 * server vouches for. An observer publishing itself as the organiser Alice is seen as
 * itself (member id, name, role, and the caret's name); a raw socket sending an update for
 * another client's id leaves that entry as it was. With Redis and PostgreSQL, the same holds
 * for a watcher on another instance.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { DocumentName } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { authFrame, awarenessFrame, awarenessUpdate, openRawCollab, syncStep1Frame } from '../support/raw-collab.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const documentName = DocumentName.termsOfReference

interface Published {
  presence?: { memberId?: string; name?: string; role?: string; colour?: string }
  user?: { name?: string; color?: string }
}

const stateOf = (watcher: HocuspocusProvider, clientId: number) => watcher.awareness?.getStates().get(clientId) as Published | undefined

async function cast(store: StoreTarget) {
  const [alice, oscar, carl] = await createMembers(store, [
    { name: 'Alice Organiser', role: 'organiser' },
    { name: 'Oscar Observer', role: 'observer' },
    { name: 'Carl Contributor', role: 'contributor' },
  ])
  return { alice: alice!, oscar: oscar!, carl: carl! }
}

async function joined(running: RunningStudio, member: TestMember): Promise<HocuspocusProvider> {
  const provider = connectProvider({ baseUrl: running.url, cookie: await signIn(running.url, member.email), document: documentName })
  cleanups.push(() => destroyProvider(provider))
  await waitFor(() => provider.synced, 10_000, `${member.name} to sync`)
  return provider
}

/** What an observer's tab would publish if it claimed to be Alice. */
function publishAsAlice(provider: HocuspocusProvider, alice: TestMember): void {
  provider.setAwarenessField('presence', { memberId: alice.id, name: alice.name, role: 'organiser', colour: '#123456', timeZone: 'Europe/London', attendance: null, idle: false })
  provider.setAwarenessField('user', { name: alice.name, color: '#123456' })
}

async function expectSeenAsItself(watcher: HocuspocusProvider, forger: HocuspocusProvider, who: TestMember, alice: TestMember): Promise<void> {
  const clientId = forger.document.clientID
  await waitFor(() => stateOf(watcher, clientId)?.presence !== undefined, 10_000, 'the forger’s presence to reach the watcher')
  const seen = stateOf(watcher, clientId)!
  expect(seen.presence).toMatchObject({ memberId: who.id, name: who.name, role: who.role, colour: '#123456' })
  expect(seen.user).toEqual({ name: who.name, color: '#123456' })
  const claimsAlice = [...watcher.awareness!.getStates().values()].some((state) => (state as Published).presence?.memberId === alice.id)
  expect(claimsAlice).toBe(false)
}

describe.each(storeKinds)('presence (%s)', (kind) => {
  it('shows an observer who publishes itself as the organiser Alice as itself, caret name included', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const { alice, oscar, carl } = await cast(store)
    const running = await startStudio(store)
    cleanups.push(() => running.close())

    const watcher = await joined(running, carl)
    const forger = await joined(running, oscar)
    publishAsAlice(forger, alice)
    await expectSeenAsItself(watcher, forger, oscar, alice)
  })

  it('shows a member who renames themselves under the new name, without their socket closing', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const { carl, oscar } = await cast(store)
    const running = await startStudio(store, {}, { socketRecheckIntervalMs: 200 })
    cleanups.push(() => running.close())

    const watcher = await joined(running, oscar)
    const cookie = await signIn(running.url, carl.email)
    const renamed = connectProvider({ baseUrl: running.url, cookie, document: documentName })
    cleanups.push(() => destroyProvider(renamed))
    await waitFor(() => renamed.synced, 10_000, 'Carl to sync')
    let disconnects = 0
    renamed.configuration.websocketProvider.on('disconnect', () => disconnects++)
    expect((await call(running, 'PATCH', '/api/me', { cookie, body: { name: 'Carla Contributor' } })).status).toBe(200)

    // The tab still publishes the old name; what others see is the name the store holds now.
    const clientId = renamed.document.clientID
    await waitFor(() => {
      renamed.setAwarenessField('presence', { name: carl.name, colour: '#0a7', idle: false })
      return stateOf(watcher, clientId)?.presence?.name === 'Carla Contributor'
    }, 10_000, 'the watcher to see the new name')
    expect(stateOf(watcher, clientId)?.presence).toMatchObject({ memberId: carl.id, name: 'Carla Contributor' })
    expect(disconnects).toBe(0)
  })

  it('leaves another client’s entry as it was when a socket sends an update for that client’s id', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const { alice, oscar, carl } = await cast(store)
    const running = await startStudio(store)
    cleanups.push(() => running.close())

    const watcher = await joined(running, alice)
    const victim = await joined(running, carl)
    victim.setAwarenessField('presence', { memberId: carl.id, name: carl.name, colour: '#00aa00', timeZone: null, attendance: null, idle: false })
    const victimId = victim.document.clientID
    await waitFor(() => stateOf(watcher, victimId)?.presence?.name === carl.name, 10_000, 'the victim’s presence to reach the watcher')

    const attacker = await openRawCollab(running.url, await signIn(running.url, oscar.email))
    cleanups.push(() => attacker.close())
    attacker.send(authFrame(documentName))
    attacker.send(syncStep1Frame(documentName))
    await waitFor(() => attacker.authenticated.has(documentName), 10_000, 'the attacker to join')

    // The victim's id first (it is already taken), then an id of the attacker's own, whose
    // arrival at the watcher shows the whole message has been handled.
    const ownId = 1 + Math.floor(Math.random() * 2 ** 30)
    const hijack = { presence: { memberId: alice.id, name: 'Hijacked', role: 'organiser', colour: '#ff0000' } }
    attacker.send(awarenessFrame(documentName, awarenessUpdate([
      { clientId: victimId, clock: 1_000, state: hijack },
      { clientId: ownId, clock: 1, state: { presence: { memberId: alice.id, name: 'Also Alice', colour: '#0000ff' } } },
    ])))
    await waitFor(() => stateOf(watcher, ownId)?.presence !== undefined, 10_000, 'the attacker’s own entry to reach the watcher')
    expect(stateOf(watcher, ownId)?.presence).toMatchObject({ memberId: oscar.id, name: oscar.name, role: 'observer' })

    // Once the attacker owns an id, an update for the victim's is dropped on its own too.
    attacker.send(awarenessFrame(documentName, awarenessUpdate([{ clientId: victimId, clock: 2_000, state: hijack }])))
    attacker.send(awarenessFrame(documentName, awarenessUpdate([{ clientId: ownId, clock: 2, state: { presence: { name: 'marker', colour: '#0000fe' } } }])))
    await waitFor(() => stateOf(watcher, ownId)?.presence?.colour === '#0000fe', 10_000, 'the attacker’s second message to be handled')

    expect(stateOf(watcher, victimId)?.presence).toMatchObject({ memberId: carl.id, name: carl.name, role: 'contributor', colour: '#00aa00' })
    const server = running.studio.collaboration.hocuspocus.documents.get(documentName)!
    expect((server.awareness.getStates().get(victimId) as Published).presence?.name).toBe(carl.name)
  })
})

const canScaleOut = Boolean(process.env.REDIS_URL && process.env.DATABASE_URL)

describe.skipIf(!canScaleOut)('presence across two instances sharing PostgreSQL and Redis', () => {
  it('shows a watcher on the other instance the forger as itself', async () => {
    const store = await freshStore('postgres')
    cleanups.push(() => store.dispose())
    const { alice, oscar, carl } = await cast(store)
    const shared = { REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${randomUUID()}:` }
    const east = await startStudio(store, shared)
    cleanups.push(() => east.close())
    const west = await startStudio(store, shared)
    cleanups.push(() => west.close())

    const watcher = await joined(west, carl)
    const forger = await joined(east, oscar)
    publishAsAlice(forger, alice)
    await expectSeenAsItself(watcher, forger, oscar, alice)
  })
})
