/**
 * Taking access away takes effect at once: suspending a member closes their sockets with
 * 4403 and a role change with 4409 within a second, on every instance (Redis pub/sub),
 * and after a role change the client reconnects with its new scope.
 */
import { CloseCode, DocumentName } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMembers, signIn } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function studioOn(store: StoreTarget, extraEnv: Record<string, string> = {}): Promise<RunningStudio> {
  const running = await startStudio(store, extraEnv)
  cleanups.push(() => running.close())
  return running
}

/** A raw collaboration socket, recording when and how it closed. */
async function openSocket(running: RunningStudio, cookie: string) {
  const socket = new WebSocket(`${running.url.replace('http', 'ws')}/collab`, { headers: { cookie, origin: running.origin } })
  cleanups.push(() => socket.terminate())
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const closed: { code: number | null; at: number | null } = { code: null, at: null }
  socket.once('close', (code) => Object.assign(closed, { code, at: performance.now() }))
  return closed
}

async function post(running: RunningStudio, cookie: string, path: string, body: unknown, method = 'POST') {
  const response = await fetch(`${running.url}${path}`, {
    method,
    headers: { cookie, origin: running.origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return response
}

describe.each(storeKinds)('revocation on %s', (kind) => {
  it('closes a suspended member’s sockets with 4403 within a second, and they cannot come back', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const running = await studioOn(store)
    const [organiser, member] = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Sam Suspended', role: 'contributor' },
    ])
    const organiserCookie = await signIn(running.url, organiser!.email)
    const memberCookie = await signIn(running.url, member!.email)
    const sockets = [await openSocket(running, memberCookie), await openSocket(running, memberCookie)]

    const started = performance.now()
    await post(running, organiserCookie, `/api/members/${member!.id}/suspend`, {})
    await waitFor(() => sockets.every((s) => s.code !== null), 1000, 'both sockets to close within a second')
    expect(sockets.map((s) => s.code)).toEqual([CloseCode.AccessRevoked, CloseCode.AccessRevoked])
    expect(Math.max(...sockets.map((s) => s.at! - started))).toBeLessThan(1000)

    const retry = new WebSocket(`${running.url.replace('http', 'ws')}/collab`, { headers: { cookie: memberCookie, origin: running.origin } })
    const refusal = await new Promise<number>((resolve) => retry.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)))
    expect(refusal).toBe(401)
  })

  it('closes sockets with 4409 on a role change, and the client reconnects with its new scope', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const running = await studioOn(store)
    const [organiser, member] = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Oscar Promoted', role: 'observer' },
    ])
    const organiserCookie = await signIn(running.url, organiser!.email)
    const memberCookie = await signIn(running.url, member!.email)
    const reader = connectProvider({ baseUrl: running.url, cookie: organiserCookie, document: DocumentName.competencyMatrix })
    const promoted = connectProvider({ baseUrl: running.url, cookie: memberCookie, document: DocumentName.competencyMatrix })
    cleanups.push(() => destroyProvider(reader), () => destroyProvider(promoted))
    await waitFor(() => reader.synced && promoted.synced, 10_000, 'both to sync')
    const closeCodes: number[] = []
    promoted.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code))

    await post(running, organiserCookie, `/api/members/${member!.id}`, { role: 'contributor' }, 'PATCH')
    await waitFor(() => closeCodes.includes(CloseCode.RoleChanged), 1000, 'the 4409 close within a second')
    await waitFor(() => promoted.isAuthenticated && promoted.authorizedScope === 'read-write', 10_000, 'the reconnect with write access')

    promoted.document.getMap('meta').set('title', 'written after the promotion')
    await waitFor(() => reader.document.getMap('meta').get('title') === 'written after the promotion', 5000, 'the new contributor’s edit to arrive')
  })
})

describe.skipIf(!process.env.REDIS_URL)('revocation across instances through Redis', () => {
  it.each(storeKinds.filter((kind) => kind === 'postgres' || storeKinds.length === 1))(
    'closes a member’s socket on another instance within a second (%s)',
    async (kind) => {
      const store = await freshStore(kind)
      cleanups.push(() => store.dispose())
      const redis = { REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${randomUUID()}:` }
      const first = await studioOn(store, redis)
      const second = await studioOn(store, redis)
      const [organiser, member] = await createMembers(store, [
        { name: 'Olga Organiser', role: 'organiser' },
        { name: 'Rae Remote', role: 'contributor' },
      ])
      const organiserCookie = await signIn(first.url, organiser!.email)
      const socketOnSecond = await openSocket(second, await signIn(second.url, member!.email))

      const started = performance.now()
      await post(first, organiserCookie, `/api/members/${member!.id}/suspend`, {})
      await waitFor(() => socketOnSecond.code !== null, 1000, 'the socket on the other instance to close within a second')
      expect(socketOnSecond.code).toBe(CloseCode.AccessRevoked)
      expect(socketOnSecond.at! - started).toBeLessThan(1000)
    },
  )
})

if (!process.env.REDIS_URL) console.warn('REDIS_URL is not set: the cross-instance revocation suite is skipped.')
