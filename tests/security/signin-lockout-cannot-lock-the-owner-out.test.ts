/**
 * Failed sign-ins lock an account out only from the address they came from: a stranger
 * guessing the organiser's password from elsewhere locks themselves out of that account,
 * never the organiser, who still signs in from an address that has not failed. The
 * guesser stays limited: per account from their address, and per address overall.
 * Requests come from two real loopback addresses (127.0.0.1 and 127.0.0.2), no proxy headers.
 */
import { ErrorCode } from '@studio/contract'
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, testPassword } from '../support/members.ts'
import { freshStore, storeKinds } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const organiserAddress = '127.0.0.1'
const attackerAddress = '127.0.0.2'

/** POST /api/session from the given local address; answers the status and error code. */
function signInFrom(running: RunningStudio, localAddress: string, email: string, password: string): Promise<string> {
  const body = JSON.stringify({ email, password })
  const url = new URL('/api/session', running.url)
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: running.origin },
    }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () => {
        const code = response.statusCode === 200 ? '' : ` ${(JSON.parse(text) as { error: { code: string } }).error.code}`
        resolve(`${response.statusCode}${code}`)
      })
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

describe.each(storeKinds)('sign-in lockout on %s', (kind) => {
  it('lets the organiser sign in from their own address after a stranger locked the account out from another', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [olga] = await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])
    const running = await startStudio(store, { RATE_LIMIT_SIGNIN: '3,100,15' })
    cleanups.push(() => running.close())

    for (let guess = 1; guess <= 3; guess += 1) {
      expect(await signInFrom(running, attackerAddress, olga!.email, `guess ${guess}`), `guess ${guess}`).toBe(`401 ${ErrorCode.invalidCredentials}`)
    }
    // The stranger's address is locked out of the account, even with the right password...
    expect(await signInFrom(running, attackerAddress, olga!.email, testPassword)).toBe(`429 ${ErrorCode.rateLimited}`)
    // ...and the organiser, from an address that has not failed, is not.
    expect(await signInFrom(running, organiserAddress, olga!.email, testPassword)).toBe('200')
  })

  it('still limits one address guessing across many accounts', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [olga] = await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])
    const running = await startStudio(store, { RATE_LIMIT_SIGNIN: '3,4,15' })
    cleanups.push(() => running.close())

    for (let guess = 1; guess <= 4; guess += 1) {
      expect(await signInFrom(running, attackerAddress, `someone${guess}@example.org`, 'a guess'), `guess ${guess}`).toBe(`401 ${ErrorCode.invalidCredentials}`)
    }
    expect(await signInFrom(running, attackerAddress, olga!.email, 'a guess')).toBe(`429 ${ErrorCode.rateLimited}`)
    expect(await signInFrom(running, organiserAddress, olga!.email, testPassword)).toBe('200')
  })
})
