/**
 * Instances converge again after Redis comes back. Two studios share PostgreSQL and a
 * private Redis; while Redis is down, people on each instance keep editing the same
 * document, each instance logging its own edits. Once Redis returns, everyone on either
 * instance has everyone's edits within a few seconds, with no reload.
 */
import { buildStudio } from '@studio/server'
import { loadConfig } from '@studio/server/config'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { linesOf, writeLine } from '../support/meeting-lines.ts'
import { createMembers, signIn } from '../support/members.ts'
import { privateRedis } from '../support/private-redis.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { freePort, studioEnv, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const canRun = Boolean(process.env.DATABASE_URL)
if (!canRun) console.warn('DATABASE_URL is not set: the Redis outage convergence suite (two instances sharing PostgreSQL) is skipped.')

const document = 'meeting:outage'
const outageMs = 15_000

async function instance(store: StoreTarget, redisUrl: string, prefix: string): Promise<RunningStudio> {
  const port = await freePort()
  const config = loadConfig(studioEnv(store, port, { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' }))
  const studio = await buildStudio(config)
  cleanups.push(() => studio.close())
  await studio.app.listen({ port, host: '127.0.0.1' })
  return { studio, url: config.publicUrl, origin: config.publicOrigin, close: () => studio.close() }
}

describe.skipIf(!canRun)('after a Redis outage', () => {
  it('brings every client on every instance to the same document once Redis returns', async () => {
    const store = await freshStore('postgres')
    cleanups.push(() => store.dispose())
    const redis = await privateRedis()
    cleanups.push(() => redis.kill())
    const prefix = `test:${randomUUID()}:`
    const east = await instance(store, redis.url, prefix)
    const west = await instance(store, redis.url, prefix)
    const [carl, rae] = await createMembers(store, [
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Rae Remote', role: 'contributor' },
    ])
    const onEast = connectProvider({ baseUrl: east.url, cookie: await signIn(east.url, carl!.email), document })
    const onWest = connectProvider({ baseUrl: west.url, cookie: await signIn(west.url, rae!.email), document })
    cleanups.push(() => destroyProvider(onEast), () => destroyProvider(onWest))
    await waitFor(() => onEast.synced && onWest.synced, 10_000, 'both clients to sync')
    writeLine(onEast.document, 'east before')
    await waitFor(() => linesOf(onWest.document).includes('east before'), 5000, 'the first line to cross over Redis')

    await redis.kill()
    for (let i = 0; i < 5; i++) {
      writeLine(onEast.document, `east during ${i}`)
      writeLine(onWest.document, `west during ${i}`)
    }
    // Each instance has logged its own client's lines: they are safe, only not yet shared.
    await waitFor(() => !onEast.hasUnsyncedChanges && !onWest.hasUnsyncedChanges, 5000, 'each instance to acknowledge its client')

    // Longer than Redis clients hold a command while reconnecting (ioredis gives up on it
    // after 20 attempts, about 10 s): the lines relayed into the outage are lost in transit.
    await new Promise((resolve) => setTimeout(resolve, outageMs))
    await redis.start()
    const expected = ['east before', ...[0, 1, 2, 3, 4].flatMap((i) => [`east during ${i}`, `west during ${i}`])].sort()
    await waitFor(
      () => [onEast, onWest].every((client) => [...linesOf(client.document)].sort().join('\n') === expected.join('\n')),
      10_000,
      'both clients to have every line once Redis is back',
    )
    expect(linesOf(onEast.document)).toEqual(linesOf(onWest.document))
  }, 90_000)
})
