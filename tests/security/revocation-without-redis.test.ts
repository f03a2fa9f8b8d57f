/**
 * Revocation holds on every instance whatever Redis does. Two studios share PostgreSQL and
 * a private redis-server that the test kills and restarts. Suspending a member, changing
 * their role or signing them out while Redis is down is answered as committed (with the
 * `X-Studio-Revocation: deferred` header), closes the member's socket on the instance that
 * took the request at once, and on the other instance within a second of Redis returning,
 * or within the header's bound (the periodic re-check) when it never returns. A session
 * that expires in the store closes its sockets with 4401 on its own. After each close the
 * member's edits are no longer logged.
 */
import { CloseCode, DocumentName, revocationHeader } from '@studio/contract'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { buildStudio } from '@studio/server'
import { loadConfig } from '@studio/server/config'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, testPassword, type TestMember } from '../support/members.ts'
import { privateRedis, type PrivateRedis } from '../support/private-redis.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { freePort, studioEnv, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const canRun = Boolean(process.env.DATABASE_URL)
if (!canRun) console.warn('DATABASE_URL is not set: the revocation-without-Redis suite (two instances sharing PostgreSQL) is skipped.')

const document = DocumentName.competencyMatrix
/** Long enough that only Redis's return, not the periodic re-check, can close a socket in time. */
const noRecheckDuringTheTest = 120_000

/** A studio in this process on the private Redis, with the re-check interval the test asks for. */
async function instance(store: StoreTarget, redis: { url: string }, prefix: string, socketRecheckIntervalMs?: number): Promise<RunningStudio> {
  const port = await freePort()
  const config = loadConfig(studioEnv(store, port, { REDIS_URL: redis.url, REDIS_PREFIX: prefix, LOG_LEVEL: 'error', RATE_LIMIT_SIGNIN: '5,1000' }))
  const studio = await buildStudio(config, socketRecheckIntervalMs ? { socketRecheckIntervalMs } : {})
  cleanups.push(() => studio.close())
  await studio.app.listen({ port, host: '127.0.0.1' })
  return { studio, url: config.publicUrl, origin: config.publicOrigin, close: () => studio.close() }
}

/** A member's provider, remembering the first close code it was given and when. */
function watchedProvider(running: RunningStudio, cookie: string) {
  const provider = connectProvider({ baseUrl: running.url, cookie, document })
  cleanups.push(() => destroyProvider(provider))
  const closed: { code: number | null; at: number | null } = { code: null, at: null }
  provider.configuration.websocketProvider.on('close', ({ event }: { event: { code: number } }) => {
    if (closed.code === null) Object.assign(closed, { code: event.code, at: performance.now() })
  })
  return { provider, closed }
}

interface Scene {
  a: RunningStudio
  b: RunningStudio
  redis: PrivateRedis
  member: TestMember
  organiserCookie: string
  memberCookie: string
  onA: ReturnType<typeof watchedProvider>
  onB: ReturnType<typeof watchedProvider>
  /** The organiser's provider on B: keeps the document loaded there and writes the later edit. */
  organiserOnB: HocuspocusProvider
  organiser: TestMember
}

/** Two instances, the member's provider open on each, everyone signed in while Redis is up. */
async function scene(socketRecheckIntervalMs?: number): Promise<Scene> {
  const store = await freshStore('postgres')
  cleanups.push(() => store.dispose())
  const redis = await privateRedis()
  cleanups.push(() => redis.kill())
  const prefix = `test:${randomUUID()}:`
  const a = await instance(store, redis, prefix, socketRecheckIntervalMs)
  const b = await instance(store, redis, prefix, socketRecheckIntervalMs)
  const [organiser, member] = await createMembers(store, [
    { name: 'Olga Organiser', role: 'organiser' },
    { name: 'Rae Remote', role: 'contributor' },
  ])
  // Everyone is signed in before the outage, as they would be in a real one.
  const organiserCookie = await signIn(a.url, organiser!.email)
  const memberCookie = await signIn(a.url, member!.email)
  const organiserOnB = connectProvider({ baseUrl: b.url, cookie: await signIn(b.url, organiser!.email), document })
  cleanups.push(() => destroyProvider(organiserOnB))
  const onA = watchedProvider(a, memberCookie)
  const onB = watchedProvider(b, memberCookie)
  await waitFor(() => organiserOnB.synced && onA.provider.synced && onB.provider.synced, 10_000, 'every provider to sync')
  return { a, b, redis, member: member!, organiser: organiser!, organiserCookie, memberCookie, onA, onB, organiserOnB }
}

async function request(running: RunningStudio, cookie: string, method: string, path: string, body?: unknown) {
  return fetch(`${running.url}${path}`, {
    method,
    headers: { cookie, origin: running.origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

/** The three ways an organiser or the member takes access away, each done on instance A. */
const revocations = [
  {
    what: 'a suspension',
    code: CloseCode.AccessRevoked,
    status: 200,
    act: (s: Scene) => request(s.a, s.organiserCookie, 'POST', `/api/members/${s.member.id}/suspend`, {}),
  },
  {
    what: 'a role change',
    code: CloseCode.RoleChanged,
    status: 200,
    act: (s: Scene) => request(s.a, s.organiserCookie, 'PATCH', `/api/members/${s.member.id}`, { role: 'observer' }),
    // The member's providers reconnect at once with the observer's read-only scope.
    reconnected: (s: Scene) =>
      waitFor(() => [s.onA, s.onB].every(({ provider }) => provider.isAuthenticated && provider.authorizedScope === 'readonly'), 10_000, 'the reconnect as an observer'),
  },
  {
    what: 'a sign-out',
    code: CloseCode.SessionExpired,
    status: 204,
    act: (s: Scene) => request(s.a, s.memberCookie, 'DELETE', '/api/session'),
  },
] as const

/** How many of the member's updates the shared log holds. */
async function loggedBy(running: RunningStudio, memberId: string): Promise<number> {
  const rows = await running.studio.store.db.selectFrom('document_updates').select('id').where('author_id', '=', memberId).execute()
  return rows.length
}

/**
 * After the close the member edits through their provider on B; the organiser's edit made
 * after it reaches the log, and the member's does not.
 */
async function expectMemberNoLongerWrites(s: Scene): Promise<void> {
  const before = await loggedBy(s.b, s.member.id)
  s.onB.provider.document.getMap('meta').set('title', 'written by the member after the close')
  const organiserBefore = await loggedBy(s.b, s.organiser.id)
  s.organiserOnB.document.getMap('meta').set('title', 'written by the organiser after that')
  await waitFor(async () => (await loggedBy(s.b, s.organiser.id)) > organiserBefore, 5000, 'the organiser’s later edit to be logged')
  expect(await loggedBy(s.b, s.member.id)).toBe(before)
}

/** Answers `deferred; within=<seconds>` and returns the bound, in ms. */
function deferredBound(response: Response): number {
  const header = response.headers.get(revocationHeader) ?? ''
  expect(header, revocationHeader).toMatch(/^deferred; within=\d+$/)
  return Number(header.split('=')[1]) * 1000
}

describe.skipIf(!canRun)('revocation without Redis, two instances sharing PostgreSQL', () => {
  it.each(revocations)('$what made while Redis is down reaches the other instance within a second of its return', async (revocation) => {
    const s = await scene(noRecheckDuringTheTest)
    await s.redis.kill()

    const response = await revocation.act(s)
    expect(response.status, await response.clone().text()).toBe(revocation.status)
    deferredBound(response)
    await waitFor(() => s.onA.closed.code !== null, 1000, 'the socket on the instance that took the request to close at once')
    expect(s.onA.closed.code).toBe(revocation.code)
    expect(s.onB.closed.code, 'the other instance cannot know while Redis is down').toBeNull()

    await s.redis.start()
    const returned = performance.now()
    await waitFor(() => s.onB.closed.code !== null, 1000, 'the socket on the other instance to close within a second of Redis returning')
    expect(s.onB.closed.code).toBe(revocation.code)
    expect(s.onB.closed.at! - returned).toBeLessThan(1000)
    if ('reconnected' in revocation) await revocation.reconnected(s)
    await expectMemberNoLongerWrites(s)
  }, 60_000)

  it.each(revocations)('$what made while Redis is down reaches the other instance within the answer’s bound if Redis never returns', async (revocation) => {
    const s = await scene()
    await s.redis.kill()

    const response = await revocation.act(s)
    const answered = performance.now()
    expect(response.status, await response.clone().text()).toBe(revocation.status)
    const bound = deferredBound(response)
    expect(bound).toBeLessThanOrEqual(30_000)
    await waitFor(() => s.onB.closed.code !== null, bound, 'the socket on the other instance to close through the re-check')
    expect(s.onB.closed.code).toBe(revocation.code)
    expect(s.onB.closed.at! - answered).toBeLessThan(bound)
    expect(s.onA.closed.code).toBe(revocation.code)
    if ('reconnected' in revocation) await revocation.reconnected(s)
    await expectMemberNoLongerWrites(s)
  }, 60_000)

  it('lets members sign in while Redis is down, and still limits wrong passwords on each instance', async () => {
    const s = await scene()
    await s.redis.kill()
    const attempt = (password: string) => fetch(`${s.b.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: s.b.origin },
      body: JSON.stringify({ email: s.member.email, password }),
    })
    expect((await attempt(testPassword)).status).toBe(200)
    const statuses: number[] = []
    for (let guess = 0; guess < 12; guess++) statuses.push((await attempt(`wrong guess number ${guess}`)).status)
    expect(statuses).toContain(401)
    expect(statuses.at(-1)).toBe(429)
  }, 60_000)

  it('closes an expired session’s sockets with 4401 on every instance within a minute, Redis or not', async () => {
    const s = await scene()
    await s.redis.kill()
    const longAgo = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000).toISOString()
    await s.a.studio.store.db.updateTable('sessions').set({ last_seen_at: longAgo }).where('member_id', '=', s.member.id).execute()
    const expired = performance.now()

    await waitFor(() => s.onA.closed.code !== null && s.onB.closed.code !== null, 60_000, 'both sockets to close')
    expect([s.onA.closed.code, s.onB.closed.code]).toEqual([CloseCode.SessionExpired, CloseCode.SessionExpired])
    expect(Math.max(s.onA.closed.at!, s.onB.closed.at!) - expired).toBeLessThan(60_000)
    await expectMemberNoLongerWrites(s)
  }, 90_000)
})
