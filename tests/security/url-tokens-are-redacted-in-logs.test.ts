/**
 * Secrets that travel in URLs never reach the log: set-up links, email confirmations,
 * invite links and any `?token=`, however the path is spelled. The one exception is the
 * set-up link the studio prints on purpose at its first start, which is how the first
 * organiser gets in. A real studio process at LOG_LEVEL=info, its whole output read.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { applicantFields, call, cookiePair, postSignup } from '../support/membership.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { freePort, spawnStudio, waitFor, type RunningStudio, type StudioProcess } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function confirmationToken(store: StoreTarget): Promise<string> {
  const outbox = path.join(store.dataDir, 'outbox')
  let token: string | undefined
  await waitFor(async () => {
    for (const name of await readdir(outbox).catch(() => [] as string[])) {
      // A file still being written reads as no token yet.
      const text = await readFile(path.join(outbox, name), 'utf8')
      token ??= text.match(/\/confirm\/([A-Za-z0-9_-]+)/)?.[1]
    }
    return token !== undefined
  }, 10_000, 'the confirmation mail in the outbox')
  return token!
}

describe('tokens in URLs and the log', () => {
  it('logs set-up, confirmation, invite and ?token= URLs with the secret redacted, and prints only the set-up link at start', async () => {
    const store = await freshStore('sqlite')
    cleanups.push(() => store.dispose())
    const studio: StudioProcess = await spawnStudio(store, await freePort(), { LOG_LEVEL: 'info' })
    cleanups.push(async () => {
      studio.child.kill('SIGKILL')
      await studio.exited
    })
    const running = { url: studio.url, origin: new URL(studio.url).origin } as RunningStudio

    await waitFor(() => /\/setup\/[A-Za-z0-9_-]+/.test(studio.output()), 10_000, 'the set-up link')
    const setupToken = studio.output().match(/\/setup\/([A-Za-z0-9_-]+)/)![1]!

    // The first organiser follows the link, as a browser would: the page, then the API.
    await fetch(`${studio.url}/setup/${setupToken}`)
    await fetch(`${studio.url}/%73etup/${setupToken}`)
    await fetch(`${studio.url}//api//setup//${setupToken}`)
    expect((await call(running, 'GET', `/api/setup/${setupToken}`)).status).toBe(200)
    const created = await call(running, 'POST', `/api/setup/${setupToken}`, {
      body: { name: 'Olga Organiser', email: 'olga@example.org', password: 'a long enough organiser password' },
    })
    const organiser = cookiePair(created)

    const invite = await call(running, 'POST', '/api/invites', {
      cookie: organiser, body: { role: 'contributor', maxUses: 5, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    })
    const inviteToken = new URL(((await invite.json()) as { url: string }).url).searchParams.get('invite')!
    await fetch(`${studio.url}/sign-up?invite=${inviteToken}`)
    await fetch(`${studio.url}/sign-up?lang=en&%69nvite=${inviteToken}`)

    expect((await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: ['acme.org'] } })).status).toBe(200)
    expect((await postSignup(running, applicantFields('Ann Acme', { email: 'ann@acme.org' }))).status).toBe(201)
    const confirmToken = await confirmationToken(store)
    await fetch(`${studio.url}/confirm/${confirmToken}`)
    expect((await call(running, 'POST', `/api/confirm/${confirmToken}`)).status).toBe(200)

    const queryToken = 'a-secret-in-a-query-string-0123456789'
    await fetch(`${studio.url}/api/me?token=${queryToken}`)

    const requests = 10
    await waitFor(() => (studio.output().match(/\[redacted\]/g) ?? []).length >= requests, 10_000, 'every request in the log')
    const log = studio.output()
    // The start's own line, once; the requests that carried it, never.
    expect(log.split(setupToken).length - 1, log).toBe(1)
    expect(log).toMatch(new RegExp(`Create the first organiser account within 24 hours at ${studio.url}/setup/${setupToken}`))
    for (const [what, secret] of [['invite', inviteToken], ['confirmation', confirmToken], ['?token=', queryToken]] as const) {
      expect(log.includes(secret), `the ${what} token in the log`).toBe(false)
    }
    expect(log).toContain('"url":"/api/setup/[redacted]"')
    expect(log).toContain('"url":"/sign-up?invite=[redacted]"')
    expect(log).toContain('"url":"/api/confirm/[redacted]"')
    expect(log).toContain('"url":"/api/me?token=[redacted]"')
  }, 60_000)
})
