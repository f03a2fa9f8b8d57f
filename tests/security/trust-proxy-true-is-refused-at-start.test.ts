/**
 * TRUST_PROXY=true would believe every X-Forwarded-For hop, so any client could claim a
 * new address per request and dodge the per-address limits: the start refuses it with one
 * line asking for the proxy addresses, and ends.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore } from '../support/stores.ts'
import { freePort } from '../support/studio.ts'
import { exitWithin, stackTraceLine, startEntryPoint, type StartingStudio } from './entry-point.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('TRUST_PROXY=true at start', () => {
  it('ends the start with exit code 1 and one message naming TRUST_PROXY and asking for the proxy addresses', async () => {
    const store = await freshStore('sqlite')
    cleanups.push(() => store.dispose())
    const studio: StartingStudio = startEntryPoint(store, await freePort(), { TRUST_PROXY: 'true' })
    cleanups.push(() => studio.stop())

    expect(await exitWithin(studio, 20_000), studio.output()).toBe(1)
    const mentions = studio.output().split('\n').filter((line) => line.includes('TRUST_PROXY'))
    expect(mentions).toHaveLength(1)
    expect(mentions[0]).toMatch(/proxy addresses/)
    expect(studio.output()).not.toMatch(stackTraceLine)
    expect(await fetch(`${studio.url}/healthz`).then(() => 'answered', () => 'no answer')).toBe('no answer')
  }, 30_000)
})
