/**
 * Proxy headers are trusted only when TRUST_PROXY says so: otherwise a client cannot
 * dodge the per-address limits by inventing an X-Forwarded-For header.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function studio(env: Record<string, string>): Promise<RunningStudio> {
  const store = await freshStore('sqlite')
  cleanups.push(() => store.dispose())
  const running = await startStudio(store, env)
  cleanups.push(() => running.close())
  return running
}

/** A failed sign-in for a different unknown account each time, from the given claimed address. */
async function failFrom(running: RunningStudio, forwardedFor: string, attempt: number): Promise<number> {
  const response = await fetch(`${running.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: running.origin, 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ email: `nobody${attempt}@example.org`, password: 'not the password' }),
  })
  return response.status
}

describe('X-Forwarded-For and the per-address sign-in limit', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY, so invented addresses still share one limit', async () => {
    const running = await studio({ RATE_LIMIT_SIGNIN: '100,2,15' })
    expect(await failFrom(running, '198.51.100.1', 1)).toBe(401)
    expect(await failFrom(running, '198.51.100.2', 2)).toBe(401)
    expect(await failFrom(running, '198.51.100.3', 3)).toBe(429)
  })

  it('uses X-Forwarded-For from a trusted proxy, so people behind it are counted apart', async () => {
    const running = await studio({ RATE_LIMIT_SIGNIN: '100,2,15', TRUST_PROXY: '127.0.0.1' })
    expect(await failFrom(running, '198.51.100.1', 1)).toBe(401)
    expect(await failFrom(running, '198.51.100.1', 2)).toBe(401)
    expect(await failFrom(running, '198.51.100.2', 3)).toBe(401)
    expect(await failFrom(running, '198.51.100.1', 4)).toBe(429)
  })

  it('ignores X-Forwarded-For from a peer TRUST_PROXY does not name, so a forged header counts for nothing', async () => {
    // The proxy named is elsewhere; this test's requests come straight from 127.0.0.1.
    const running = await studio({ RATE_LIMIT_SIGNIN: '100,2,15', TRUST_PROXY: '10.0.0.1' })
    expect(await failFrom(running, '198.51.100.1', 1)).toBe(401)
    expect(await failFrom(running, '198.51.100.2', 2)).toBe(401)
    expect(await failFrom(running, '198.51.100.3', 3)).toBe(429)
  })
})
