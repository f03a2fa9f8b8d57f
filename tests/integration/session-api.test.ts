/**
 * The session API over real HTTP: POST/DELETE /api/session and GET /api/me, with the
 * contract's member and error shapes, the session cookie, the Origin check, and the
 * headers every response carries.
 */
import { ErrorCode, type ErrorBody, type Member } from '@studio/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, testPassword } from '../support/members.ts'
import { freshStore, storeKinds } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const memberFields = [
  'id', 'name', 'email', 'role', 'status', 'organisation', 'jobTitle', 'location', 'timezone', 'pmoTypes',
  'frameworkExperience', 'contribution', 'attendance', 'hasAttachment', 'createdAt', 'decidedAt', 'reason',
]

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Call {
  cookie?: string
  origin?: string | null
  body?: unknown
}

function call(studio: RunningStudio, method: string, path: string, options: Call = {}): Promise<Response> {
  const headers: Record<string, string> = {}
  const origin = options.origin === undefined ? studio.origin : options.origin
  if (origin !== null) headers.origin = origin
  if (options.cookie) headers.cookie = options.cookie
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${studio.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) })
}

function sessionCookie(response: Response): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith('studio_session='))
}

/** The `studio_session=<token>` pair a browser would send back. */
function cookiePair(response: Response): string {
  const cookie = sessionCookie(response)
  if (!cookie) throw new Error(`No session cookie in ${response.status} response`)
  return cookie.split(';')[0]!
}

describe.each(storeKinds)('the session API on %s', (kind) => {
  async function setup(members: Parameters<typeof createMembers>[1], env: Record<string, string> = {}) {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const created = await createMembers(store, members)
    const studio = await startStudio(store, env)
    cleanups.push(() => studio.close())
    return { studio, members: created }
  }

  const signIn = (studio: RunningStudio, email: string, password = testPassword, cookie?: string) =>
    call(studio, 'POST', '/api/session', { body: { email, password }, ...(cookie ? { cookie } : {}) })

  it('signs a member in with every contract member field and an HttpOnly, SameSite=Lax session cookie', async () => {
    const { studio, members: [alice] } = await setup([{ name: 'Alice Approved', role: 'contributor' }])
    const response = await signIn(studio, alice!.email.toUpperCase())
    expect(response.status).toBe(200)
    const { user } = (await response.json()) as { user: Member }
    expect(Object.keys(user).sort()).toEqual([...memberFields].sort())
    expect(user).toMatchObject({ id: alice!.id, name: 'Alice Approved', email: alice!.email, role: 'contributor', status: 'approved', timezone: 'Europe/London', attendance: 'either', pmoTypes: [], hasAttachment: false })
    expect(Number.isNaN(Date.parse(user.createdAt))).toBe(false)

    const cookie = sessionCookie(response)!
    const [pair, ...attributes] = cookie.split(';').map((part) => part.trim())
    expect(pair).toMatch(/^studio_session=[A-Za-z0-9_-]{43}$/)
    const lower = attributes.map((attribute) => attribute.toLowerCase())
    expect(lower).toContain('httponly')
    expect(lower).toContain('samesite=lax')
    expect(lower).toContain('path=/')
    expect(lower).not.toContain('secure')
  })

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const { studio, members: [alice] } = await setup([{ name: 'Alice Secure', role: 'observer' }], { PUBLIC_URL: 'https://studio.example.org' })
    const port = (studio.studio.app.server.address() as { port: number }).port
    const response = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://studio.example.org' },
      body: JSON.stringify({ email: alice!.email, password: testPassword }),
    })
    expect(response.status).toBe(200)
    expect(sessionCookie(response)!.split(';').map((part) => part.trim().toLowerCase())).toContain('secure')
  })

  it('answers a wrong password and an unknown email with byte-identical 401 bodies', async () => {
    const { studio, members: [alice] } = await setup([{ name: 'Alice Target', role: 'organiser' }])
    const wrongPassword = await signIn(studio, alice!.email, 'not the right password')
    const unknownEmail = await signIn(studio, 'nobody@example.org', 'not the right password')
    expect([wrongPassword.status, unknownEmail.status]).toEqual([401, 401])
    const [wrongBody, unknownBody] = [await wrongPassword.text(), await unknownEmail.text()]
    expect(wrongBody).toBe(unknownBody)
    expect((JSON.parse(wrongBody) as ErrorBody).error.code).toBe(ErrorCode.invalidCredentials)
    expect(sessionCookie(wrongPassword)).toBeUndefined()
    expect(sessionCookie(unknownEmail)).toBeUndefined()
  })

  it('refuses a suspended member with 403 code suspended and no cookie', async () => {
    const { studio, members: [sam] } = await setup([{ name: 'Sam Suspended', role: 'contributor', status: 'suspended' }])
    const response = await signIn(studio, sam!.email)
    expect(response.status).toBe(403)
    expect(((await response.json()) as ErrorBody).error.code).toBe(ErrorCode.suspended)
    expect(sessionCookie(response)).toBeUndefined()
  })

  it('signs in a pending member so they can see their status', async () => {
    const { studio, members: [pat] } = await setup([{ name: 'Pat Pending', role: 'contributor', status: 'pending' }])
    const response = await signIn(studio, pat!.email)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { user: Member }).user).toMatchObject({ id: pat!.id, status: 'pending', decidedAt: null })
    const me = await call(studio, 'GET', '/api/me', { cookie: cookiePair(response) })
    expect(((await me.json()) as { user: Member }).user.status).toBe('pending')
  })

  it('answers an invalid body with 400 listing every invalid field in the contract error shape', async () => {
    const { studio } = await setup([])
    const response = await call(studio, 'POST', '/api/session', { body: { email: 'not an email', password: '' } })
    expect(response.status).toBe(400)
    const body = (await response.json()) as ErrorBody
    expect(body.error.code).toBe(ErrorCode.invalid)
    expect(body.error.field).toBe('email')
    expect(body.errors.map((error) => error.field)).toEqual(['email', 'password'])
    for (const error of body.errors) expect(error.message.length).toBeGreaterThan(0)
    expect(sessionCookie(response)).toBeUndefined()
  })

  it('refuses a sign-in without an Origin header or from a foreign Origin with 403 bad-origin', async () => {
    const { studio, members: [alice] } = await setup([{ name: 'Alice Origin', role: 'contributor' }])
    for (const origin of [null, 'http://evil.example', `${studio.origin}.evil.example`]) {
      const response = await call(studio, 'POST', '/api/session', { origin, body: { email: alice!.email, password: testPassword } })
      expect(response.status, String(origin)).toBe(403)
      expect(((await response.json()) as ErrorBody).error.code).toBe(ErrorCode.badOrigin)
      expect(sessionCookie(response)).toBeUndefined()
    }
  })

  it('answers GET /api/me with 401 without a cookie and with the member with one', async () => {
    const { studio, members: [alice] } = await setup([{ name: 'Alice Me', role: 'observer' }])
    const anonymous = await call(studio, 'GET', '/api/me')
    expect(anonymous.status).toBe(401)
    expect(((await anonymous.json()) as ErrorBody).error.code).toBe(ErrorCode.unauthenticated)
    const forged = await call(studio, 'GET', '/api/me', { cookie: `studio_session=${'A'.repeat(43)}` })
    expect(forged.status).toBe(401)

    const cookie = cookiePair(await signIn(studio, alice!.email))
    const me = await call(studio, 'GET', '/api/me', { cookie })
    expect(me.status).toBe(200)
    const { user } = (await me.json()) as { user: Member }
    // The member, and the settings only they see (their account: account-api.test.ts).
    expect(Object.keys(user).sort()).toEqual([...memberFields, 'notifications', 'shareEmail', 'credit'].sort())
    expect(user).toMatchObject({ id: alice!.id, email: alice!.email, role: 'observer' })
  })

  it('issues a new token when the browser signs in again, and the old token stops working', async () => {
    const { studio, members: [alice] } = await setup([{ name: 'Alice Again', role: 'contributor' }])
    const first = cookiePair(await signIn(studio, alice!.email))
    const again = await signIn(studio, alice!.email, testPassword, first)
    expect(again.status).toBe(200)
    const second = cookiePair(again)
    expect(second).not.toBe(first)
    expect((await call(studio, 'GET', '/api/me', { cookie: first })).status).toBe(401)
    expect((await call(studio, 'GET', '/api/me', { cookie: second })).status).toBe(200)
  })

  it('signs out with 204, clears the cookie, and the old cookie then gets 401', async () => {
    const { studio, members: [alice] } = await setup([{ name: 'Alice Leaving', role: 'contributor' }])
    const cookie = cookiePair(await signIn(studio, alice!.email))
    const otherBrowser = cookiePair(await signIn(studio, alice!.email))

    const response = await call(studio, 'DELETE', '/api/session', { cookie })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    expect(sessionCookie(response)).toMatch(/^studio_session=;/)
    expect((await call(studio, 'GET', '/api/me', { cookie })).status).toBe(401)
    // Only this browser's session ends.
    expect((await call(studio, 'GET', '/api/me', { cookie: otherBrowser })).status).toBe(200)
  })

  it('answers GET /healthz with 200 {"status":"ok"}', async () => {
    const { studio } = await setup([])
    const response = await call(studio, 'GET', '/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('sends security headers on API responses, errors included', async () => {
    const { studio } = await setup([])
    for (const path of ['/healthz', '/api/me']) {
      const response = await call(studio, 'GET', path)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("default-src 'self'")
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain("object-src 'none'")
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], path).toContain(response.headers.get('referrer-policy'))
    }
  })

  it('answers an unknown API route with 404 in the error shape and no stack trace', async () => {
    const { studio } = await setup([])
    const response = await call(studio, 'GET', '/api/does-not-exist')
    expect(response.status).toBe(404)
    const text = await response.text()
    const body = JSON.parse(text) as ErrorBody
    expect(body).toEqual({ error: { code: ErrorCode.notFound, message: expect.any(String), field: null }, errors: [] })
    expect(text).not.toMatch(/stack|\.ts:\d+|at \w+ \(/)
  })
})
