/**
 * A studio started with REDIS_URL pointing where no Redis answers says so in one line
 * naming REDIS_URL and the fix (no stack trace, no "Unhandled error event" per client per
 * retry), keeps retrying without serving, and starts serving once Redis answers. Serving
 * without Redis would let this instance's edits and revocations silently miss the others.
 * A private redis-server on a free port plays the Redis that comes back.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore } from '../support/stores.ts'
import { freePort, waitFor } from '../support/studio.ts'
import { stackTraceLine, startEntryPoint } from './entry-point.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A TCP listener that hangs up on every connection and counts them: a Redis that is there but never answers. */
async function hangUpServer(port: number): Promise<{ server: Server; connections: () => number }> {
  let connections = 0
  const server = createServer((socket) => {
    connections += 1
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { server, connections: () => connections }
}

async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  cleanups.push(async () => {
    if (redis.exitCode === null) {
      redis.kill('SIGKILL')
      await new Promise((resolve) => redis.once('exit', resolve))
    }
  })
  return redis
}

const healthy = (url: string) => fetch(`${url}/healthz`).then((response) => response.ok, () => false)

describe('an unreachable Redis at start', () => {
  it('logs one line naming REDIS_URL and the fix, retries without serving, and serves once Redis answers', async () => {
    const store = await freshStore('sqlite')
    cleanups.push(() => store.dispose())
    const redisPort = await freePort()
    const studio = startEntryPoint(store, await freePort(), { REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: 'info' })
    cleanups.push(() => studio.stop())
    const linesNamingRedisUrl = () => studio.output().split('\n').filter((line) => line.includes('REDIS_URL'))

    // Nothing listens on the port: connections are refused.
    await waitFor(() => linesNamingRedisUrl().length > 0 || studio.child.exitCode !== null, 20_000, 'a line naming REDIS_URL')
    expect(linesNamingRedisUrl()[0], studio.output()).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\): ECONNREFUSED\. Start Redis there, or set REDIS_URL/)

    // Something that hangs up takes the port: the studio keeps trying, with no new line.
    const hangUp = await hangUpServer(redisPort)
    await waitFor(() => hangUp.connections() >= 3, 20_000, 'the studio to retry three times')
    expect(studio.child.exitCode).toBeNull()
    expect(await healthy(studio.url)).toBe(false)
    await new Promise((resolve) => hangUp.server.close(resolve))

    await startRedis(redisPort)
    await waitFor(() => healthy(studio.url), 30_000, 'the studio to serve once Redis answers')

    const output = studio.output()
    expect(linesNamingRedisUrl(), output).toHaveLength(1)
    expect(output).not.toContain('Unhandled error event')
    expect(output).not.toMatch(stackTraceLine)
    expect(output).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ answers again/)
  }, 90_000)
})
