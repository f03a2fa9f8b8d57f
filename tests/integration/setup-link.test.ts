/**
 * The one-time set-up link: while no organiser exists, a token lets the first organiser
 * create their account at /api/setup/<token>; it works once, for 24 hours.
 */
import { ErrorCode, type ErrorBody, type Member } from '@studio/contract'
import { issueSetupToken } from '@studio/server/accounts/setup'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers } from '../support/members.ts'
import { freshStore, storeKinds } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const organiser = { name: 'Olivia First', email: 'olivia@example.org', password: 'the first organiser password', timezone: 'America/New_York' }

function request(studio: RunningStudio, method: 'GET' | 'POST', path: string, body?: unknown, cookie?: string): Promise<Response> {
  return fetch(`${studio.url}${path}`, {
    method,
    headers: {
      origin: studio.origin,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function expectInvalidLink(response: Response): Promise<void> {
  expect(response.status).toBe(404)
  expect(((await response.json()) as ErrorBody).error.code).toBe(ErrorCode.setupLinkInvalid)
}

describe.each(storeKinds)('the set-up link on %s', (kind) => {
  async function setup(members: Parameters<typeof createMembers>[1] = []) {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    await createMembers(store, members)
    const studio = await startStudio(store)
    cleanups.push(() => studio.close())
    return { studio, db: studio.studio.store.db }
  }

  async function organiserCount(db: Awaited<ReturnType<typeof setup>>['db']): Promise<number> {
    const rows = await db.selectFrom('members').select('id').where('role', '=', 'organiser').execute()
    return rows.length
  }

  it('issues a token on an empty workspace, and the link is valid', async () => {
    const { studio, db } = await setup()
    const token = await issueSetupToken(db)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const response = await request(studio, 'GET', `/api/setup/${token}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ valid: true })
  })

  it('stores only a hash of the token', async () => {
    const { db } = await setup()
    const token = (await issueSetupToken(db))!
    const rows = await db.selectFrom('setup_tokens').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
  })

  it('answers a wrong token with 404 setup-link-invalid, for GET and POST', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    await expectInvalidLink(await request(studio, 'GET', `/api/setup/${wrong}`))
    await expectInvalidLink(await request(studio, 'POST', `/api/setup/${wrong}`, organiser))
    expect(await organiserCount(db)).toBe(0)
  })

  it('answers an invalid body with 400 listing every field, and a short password names 12 characters', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    const response = await request(studio, 'POST', `/api/setup/${token}`, { name: '  ', email: 'olivia', password: 'elevenchars', timezone: 'Mars/Olympus' })
    expect(response.status).toBe(400)
    const body = (await response.json()) as ErrorBody
    expect(body.error.code).toBe(ErrorCode.invalid)
    expect(body.error.field).toBe('name')
    expect(body.errors.map((error) => error.field)).toEqual(['name', 'email', 'password', 'timezone'])
    expect(body.errors.find((error) => error.field === 'password')!.message).toContain('12')
    // A refused attempt does not use the link up.
    expect((await request(studio, 'GET', `/api/setup/${token}`)).status).toBe(200)
  })

  it('accepts a password of exactly 12 characters', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    const response = await request(studio, 'POST', `/api/setup/${token}`, { ...organiser, password: 'twelve chars' })
    expect(response.status).toBe(201)
  })

  it('creates the first organiser, approved and signed in', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    const response = await request(studio, 'POST', `/api/setup/${token}`, { ...organiser, email: ' Olivia@Example.org ' })
    expect(response.status).toBe(201)
    const { user } = (await response.json()) as { user: Member }
    expect(user).toMatchObject({ name: organiser.name, email: organiser.email, role: 'organiser', status: 'approved', timezone: organiser.timezone })
    expect(user.decidedAt).not.toBeNull()

    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('studio_session='))
    expect(cookie).toMatch(/HttpOnly/i)
    const me = await request(studio, 'GET', '/api/me', undefined, cookie!.split(';')[0])
    expect(me.status).toBe(200)
    expect(((await me.json()) as { user: Member }).user).toMatchObject({ id: user.id, role: 'organiser' })

    const signIn = await request(studio, 'POST', '/api/session', { email: organiser.email, password: organiser.password })
    expect(signIn.status).toBe(200)
  })

  it('refuses the same token a second time', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    expect((await request(studio, 'POST', `/api/setup/${token}`, organiser)).status).toBe(201)
    await expectInvalidLink(await request(studio, 'GET', `/api/setup/${token}`))
    await expectInvalidLink(await request(studio, 'POST', `/api/setup/${token}`, { ...organiser, email: 'mallory@example.org' }))
    expect(await organiserCount(db)).toBe(1)
  })

  it('issues no token once an organiser exists', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    expect((await request(studio, 'POST', `/api/setup/${token}`, organiser)).status).toBe(201)
    expect(await issueSetupToken(db)).toBeNull()
  })

  it('issues no token when the store already holds an approved organiser', async () => {
    const { db } = await setup([{ name: 'Existing Organiser', role: 'organiser' }])
    expect(await issueSetupToken(db)).toBeNull()
  })

  it('stops an earlier unused link from working when a new one is issued', async () => {
    const { studio, db } = await setup()
    const earlier = (await issueSetupToken(db))!
    const later = (await issueSetupToken(db))!
    expect(later).not.toBe(earlier)
    await expectInvalidLink(await request(studio, 'GET', `/api/setup/${earlier}`))
    expect((await request(studio, 'GET', `/api/setup/${later}`)).status).toBe(200)
  })

  it('refuses an expired token', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    expect((await request(studio, 'GET', `/api/setup/${token}`)).status).toBe(200)
    await db.updateTable('setup_tokens').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).execute()
    await expectInvalidLink(await request(studio, 'GET', `/api/setup/${token}`))
    await expectInvalidLink(await request(studio, 'POST', `/api/setup/${token}`, organiser))
    expect(await organiserCount(db)).toBe(0)
  })

  it('refuses a set-up POST from a foreign Origin', async () => {
    const { studio, db } = await setup()
    const token = (await issueSetupToken(db))!
    const response = await fetch(`${studio.url}/api/setup/${token}`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(organiser),
    })
    expect(response.status).toBe(403)
    expect(((await response.json()) as ErrorBody).error.code).toBe(ErrorCode.badOrigin)
    expect((await request(studio, 'GET', `/api/setup/${token}`)).status).toBe(200)
  })
})
