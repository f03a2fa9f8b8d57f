/**
 * The attempt limits of ARCHITECTURE.md, over real HTTP from one address (loopback):
 * failed sign-ins per account and per address, accepted sign-ups per address, none of
 * which may stop a room of 60 people behind one address; and, with Redis, counters shared
 * by every instance.
 */
import { ErrorCode } from '@studio/contract'
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, testPassword } from '../support/members.ts'
import { applicantFields, call, errorOf, postSignup, sessionCookie } from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function storeFor(kind: 'sqlite' | 'postgres'): Promise<StoreTarget> {
  const store = await freshStore(kind)
  cleanups.push(() => store.dispose())
  return store
}

async function studioOn(store: StoreTarget, extraEnv: Record<string, string>): Promise<RunningStudio> {
  const running = await startStudio(store, extraEnv)
  cleanups.push(() => running.close())
  return running
}

const attemptSignIn = (running: RunningStudio, email: string, password: string) =>
  call(running, 'POST', '/api/session', { body: { email, password } })

async function expectRateLimited(response: Response) {
  expect(response.status).toBe(429)
  expect((await errorOf(response)).error.code).toBe(ErrorCode.rateLimited)
  expect(sessionCookie(response)).toBeUndefined()
}

const roomOf = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({ name: `${prefix} ${String(index + 1).padStart(2, '0')}`, role: 'contributor' as const }))

describe.each(storeKinds)('rate limits on %s', (kind) => {
  it('locks one account after 3 failed sign-ins, even for the right password, while another account from the same address signs in', async () => {
    const store = await storeFor(kind)
    const [alice, bob] = await createMembers(store, [{ name: 'Alice Target', role: 'contributor' }, { name: 'Bob Bystander', role: 'contributor' }])
    const running = await studioOn(store, { RATE_LIMIT_SIGNIN: '3,100,15' })
    // Successful sign-ins do not count towards the limit.
    for (let success = 1; success <= 3; success += 1) expect((await attemptSignIn(running, alice!.email, testPassword)).status).toBe(200)
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect((await attemptSignIn(running, alice!.email, `wrong password ${attempt}`)).status, `attempt ${attempt}`).toBe(401)
    }
    await expectRateLimited(await attemptSignIn(running, alice!.email, testPassword))
    // The account key does not depend on the case the address is typed in.
    await expectRateLimited(await attemptSignIn(running, alice!.email.toUpperCase(), testPassword))
    expect((await attemptSignIn(running, bob!.email, testPassword)).status).toBe(200)
  })

  it('blocks an address at the 6th attempt after 5 failures spread over different accounts', async () => {
    const store = await storeFor(kind)
    const [carol] = await createMembers(store, [{ name: 'Carol Correct', role: 'observer' }])
    const running = await studioOn(store, { RATE_LIMIT_SIGNIN: '100,5,15' })
    // Successful sign-ins from the address do not count towards its limit.
    for (let success = 1; success <= 6; success += 1) expect((await attemptSignIn(running, carol!.email, testPassword)).status).toBe(200)
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const email = attempt === 1 ? carol!.email : `guess${attempt}@example.org`
      expect((await attemptSignIn(running, email, 'a guessed password')).status, `attempt ${attempt}`).toBe(401)
    }
    await expectRateLimited(await attemptSignIn(running, carol!.email, testPassword))
    await expectRateLimited(await attemptSignIn(running, 'someone.new@example.org', 'a guessed password'))
  })

  it('counts wrong passwords sent together as they arrive: 3 are checked, the other 9 refused', async () => {
    const store = await storeFor(kind)
    const [alice] = await createMembers(store, [{ name: 'Alice Target', role: 'contributor' }])
    const running = await studioOn(store, { RATE_LIMIT_SIGNIN: '3,100,15' })
    const guesses = Array.from({ length: 12 }, (_, index) => attemptSignIn(running, alice!.email, `parallel guess ${index}`))
    const statuses = (await Promise.all(guesses)).map((response) => response.status).sort()
    expect(statuses).toEqual([401, 401, 401, ...Array.from({ length: 9 }, () => 429)])
    await expectRateLimited(await attemptSignIn(running, alice!.email, testPassword))
  })

  it('gives the places of sign-ins that succeed back, so one account signing in at once is never locked', async () => {
    const store = await storeFor(kind)
    const [carol] = await createMembers(store, [{ name: 'Carol Correct', role: 'contributor' }])
    const running = await studioOn(store, { RATE_LIMIT_SIGNIN: '2,100,15' })
    const statuses = await Promise.all([1, 2].map(async () => (await attemptSignIn(running, carol!.email, testPassword)).status))
    expect(statuses).toEqual([200, 200])
    for (let attempt = 1; attempt <= 2; attempt += 1) expect((await attemptSignIn(running, carol!.email, 'wrong')).status).toBe(401)
    await expectRateLimited(await attemptSignIn(running, carol!.email, testPassword))
  })

  it('lets exactly the limit of sign-ups through when they arrive together', async () => {
    const store = await storeFor(kind)
    const running = await studioOn(store, { RATE_LIMIT_SIGNUP: '2' })
    const statuses = await Promise.all(roomOf(6, 'Eager Applicant').map(async ({ name }) => (await postSignup(running, applicantFields(name))).status))
    expect(statuses.sort()).toEqual([201, 201, 429, 429, 429, 429])
  }, 60_000)

  // Each sign-in costs one scrypt verification (about 0.3 s of CPU on a 2-core test machine),
  // so 60 at once take tens of seconds here: hence the longer timeouts below.
  it('lets a room of 60 members behind one address sign in at once with the default limits', async () => {
    const store = await storeFor(kind)
    const room = await createMembers(store, roomOf(60, 'Room Member'))
    // Empty means unset: the documented defaults (10 per account, 100 per address) apply.
    const running = await studioOn(store, { RATE_LIMIT_SIGNIN: '' })
    const statuses = await Promise.all(room.map(async (member) => (await attemptSignIn(running, member.email, testPassword)).status))
    expect(statuses).toEqual(room.map(() => 200))
  }, 120_000)

  // Since issue 10, a sign-up refused because the email is taken counts too (it tells whether
  // an address is a member): the limit here went from 2 to 3 to make room for it.
  it('counts accepted sign-ups and taken emails per address: invalid ones and invited ones do not count, the 4th counted is 429', async () => {
    const store = await storeFor(kind)
    const [olga] = await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])
    const running = await studioOn(store, { RATE_LIMIT_SIGNUP: '3' })
    const organiser = await signIn(running.url, olga!.email)

    for (const invalid of [{ password: 'short' }, { timezone: 'Nowhere/Special' }, { consent: 'no' }] as Array<Record<string, string>>) {
      expect((await postSignup(running, applicantFields('Ray Rejected', invalid))).status).toBe(400)
    }
    expect((await postSignup(running, applicantFields('Acc One'))).status).toBe(201)
    expect((await postSignup(running, applicantFields('Acc One Again', { email: 'acc.one@applicants.example' }))).status).toBe(409)

    // The whole meeting room joins through one invite link, all at once.
    const invite = await call(running, 'POST', '/api/invites', {
      cookie: organiser, body: { role: 'contributor', maxUses: 60, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    })
    expect(invite.status).toBe(201)
    const token = new URL(((await invite.json()) as { url: string }).url).searchParams.get('invite')!
    const joined = await Promise.all(roomOf(60, 'Invited Member').map(async ({ name }) => {
      const response = await postSignup(running, applicantFields(name, { invite: token }))
      return `${response.status} ${((await response.json()) as { status?: string }).status}`
    }))
    expect(joined).toEqual(joined.map(() => '201 approved'))

    expect((await postSignup(running, applicantFields('Acc Two'))).status).toBe(201)
    const third = await postSignup(running, applicantFields('Acc Three'))
    await expectRateLimited(third)
    // Refused before anything was stored.
    const members = await call(running, 'GET', '/api/members?q=acc.three', { cookie: organiser })
    expect(((await members.json()) as { members: unknown[] }).members).toEqual([])
  }, 120_000)
})

// Counters live in Redis when REDIS_URL is set, so every instance enforces one limit.
const redisUrl = process.env.REDIS_URL
if (!redisUrl) console.warn('REDIS_URL is not set: the shared sign-in limit suite (two studios, one Redis) is skipped.')

describe.skipIf(!redisUrl).each(storeKinds)('rate limits shared through Redis on %s', (kind) => {
  it('counts failed sign-ins on two studios together', async () => {
    const store = await storeFor(kind)
    const [alice, bob] = await createMembers(store, [{ name: 'Alice Target', role: 'contributor' }, { name: 'Bob Bystander', role: 'contributor' }])
    const env = { REDIS_URL: redisUrl!, REDIS_PREFIX: `test:${randomUUID()}:`, RATE_LIMIT_SIGNIN: '3,100,15' }
    const first = await studioOn(store, env)
    const second = await studioOn(store, env)
    expect((await attemptSignIn(first, alice!.email, 'wrong password 1')).status).toBe(401)
    expect((await attemptSignIn(second, alice!.email, 'wrong password 2')).status).toBe(401)
    expect((await attemptSignIn(first, alice!.email, 'wrong password 3')).status).toBe(401)
    // Neither studio saw 3 failures itself; together they did.
    await expectRateLimited(await attemptSignIn(second, alice!.email, testPassword))
    await expectRateLimited(await attemptSignIn(first, alice!.email, testPassword))
    expect((await attemptSignIn(second, bob!.email, testPassword)).status).toBe(200)
  })

  it('counts wrong passwords sent to two studios together as they arrive', async () => {
    const store = await storeFor(kind)
    const [alice] = await createMembers(store, [{ name: 'Alice Target', role: 'contributor' }])
    const env = { REDIS_URL: redisUrl!, REDIS_PREFIX: `test:${randomUUID()}:`, RATE_LIMIT_SIGNIN: '3,100,15' }
    const studios = [await studioOn(store, env), await studioOn(store, env)]
    const guesses = Array.from({ length: 10 }, (_, index) => attemptSignIn(studios[index % 2]!, alice!.email, `parallel guess ${index}`))
    const statuses = (await Promise.all(guesses)).map((response) => response.status).sort()
    expect(statuses).toEqual([401, 401, 401, ...Array.from({ length: 7 }, () => 429)])
  })
})
