/**
 * Several instances behind a load balancer: with REDIS_URL and DATABASE_URL set, two
 * studio processes share documents and revocations. Clients on each converge, a
 * suspension made on one closes the member's socket on the other within a second, and
 * killing one instance with SIGKILL loses no edit.
 */
import { CloseCode } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { linesOf, writeLine } from '../support/meeting-lines.ts'
import { createMembers, signIn } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { spawnInstance, waitFor } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const canScaleOut = Boolean(process.env.REDIS_URL && process.env.DATABASE_URL)
if (!canScaleOut) console.warn('REDIS_URL and DATABASE_URL are both needed: the scale-out suite is skipped.')

const instance = (store: StoreTarget, shared: Record<string, string>) => spawnInstance(store, shared, cleanups)

const lines = linesOf

describe.skipIf(!canScaleOut)('two instances sharing PostgreSQL and Redis', () => {
  it('converges clients on different instances, closes a suspended member’s socket on the other, and loses nothing to SIGKILL', async () => {
    const store = await freshStore('postgres')
    cleanups.push(() => store.dispose())
    const shared = { REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `test:${randomUUID()}:` }
    const [olga, carl, rae] = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Rae Remote', role: 'contributor' },
    ])
    const east = await instance(store, shared)
    const west = await instance(store, shared)

    const onEast = connectProvider({ baseUrl: east.url, cookie: await signIn(east.url, carl!.email), document: 'meeting:shared' })
    const onWest = connectProvider({ baseUrl: west.url, cookie: await signIn(west.url, rae!.email), document: 'meeting:shared' })
    cleanups.push(() => destroyProvider(onEast), () => destroyProvider(onWest))
    await waitFor(() => onEast.synced && onWest.synced, 10_000, 'both clients to sync')

    const expected: string[] = []
    for (let i = 0; i < 10; i++) {
      const [writer, line] = i % 2 === 0 ? [onEast, `east ${i}`] : [onWest, `west ${i}`]
      writeLine(writer.document, line)
      expected.push(line)
    }
    await waitFor(() => lines(onEast.document).length === 10 && lines(onWest.document).length === 10, 10_000, 'both clients to see all ten lines')
    expect(lines(onEast.document)).toEqual(lines(onWest.document))

    // Suspend Rae on the east instance: her socket on the west instance closes within a second.
    const closed: { code: number | null } = { code: null }
    onWest.configuration.websocketProvider.on('close', ({ event }: { event: { code: number } }) => {
      closed.code ??= event.code
    })
    const organiser = await signIn(east.url, olga!.email)
    const suspended = await fetch(`${east.url}/api/members/${rae!.id}/suspend`, {
      method: 'POST', headers: { cookie: organiser, origin: new URL(east.url).origin, 'content-type': 'application/json' }, body: '{}',
    })
    expect(suspended.status).toBe(200)
    await waitFor(() => closed.code !== null, 1000, 'the socket on the other instance to close within a second')
    expect(closed.code).toBe(CloseCode.AccessRevoked)

    // Carl's last edits, seen by nobody but the east instance and Redis, then SIGKILL.
    writeLine(onEast.document, 'east after the suspension')
    expected.push('east after the suspension')
    const observer = connectProvider({ baseUrl: west.url, cookie: await signIn(west.url, carl!.email), document: 'meeting:shared' })
    cleanups.push(() => destroyProvider(observer))
    await waitFor(() => observer.synced && lines(observer.document).length === expected.length, 10_000, 'the west instance to have every line')
    east.child.kill('SIGKILL')
    await east.exited

    // A fresh instance reading only the database finds every edit.
    const fresh = await instance(store, shared)
    const reader = connectProvider({ baseUrl: fresh.url, cookie: await signIn(fresh.url, carl!.email), document: 'meeting:shared' })
    cleanups.push(() => destroyProvider(reader))
    await waitFor(() => reader.synced && lines(reader.document).length === expected.length, 10_000, 'a new instance to load every line')
    expect([...lines(reader.document)].sort()).toEqual([...expected].sort())
  }, 60_000)
})
