/**
 * The NUL character (U+0000) in any text a request carries is a 400 with the contract's
 * error body naming the field, on both stores: PostgreSQL cannot store it in text and
 * answered 500, SQLite stored it. Multipart sign-up fields, JSON bodies, query strings and
 * route parameters are all covered, by one check in front of every route.
 */
import { ErrorCode } from '@studio/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { applicantFields, call, errorOf, postSignup } from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const nul = '\u0000'

async function expectNulRefused(response: Response, field: string): Promise<void> {
  const body = await errorOf(response)
  expect({ status: response.status, code: body.error.code, field: body.error.field }, JSON.stringify(body)).toEqual({ status: 400, code: ErrorCode.invalid, field })
  expect(body.errors.map((error) => error.field)).toContain(field)
}

describe.each(storeKinds)('NUL in text fields on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, pat: TestMember
  let organiser: string

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[olga, pat] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember]
    running = await startStudio(store)
    organiser = await signIn(running.url, olga.email)
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  it('refuses a sign-up whose multipart name or organisation holds a NUL, and stores nothing', async () => {
    await expectNulRefused(await postSignup(running, applicantFields('Nul Name', { name: `Nul${nul}Name` })), 'name')
    await expectNulRefused(await postSignup(running, applicantFields('Nul Organisation', { organisation: `Acme${nul}` })), 'organisation')
    const members = await call(running, 'GET', '/api/members?q=applicants.example', { cookie: organiser })
    expect(((await members.json()) as { members: unknown[] }).members).toEqual([])
  })

  it('refuses a sign-in whose password holds a NUL', async () => {
    await expectNulRefused(await call(running, 'POST', '/api/session', { body: { email: olga.email, password: `a long enough${nul} test password` } }), 'password')
  })

  it('refuses a comment whose body holds a NUL', async () => {
    await expectNulRefused(await call(running, 'POST', '/api/comments', {
      cookie: organiser, body: { document: 'terms-of-reference', anchor: 'heading:purpose', body: `Hidden${nul}text` },
    }), 'body')
  })

  it('refuses a rejection whose reason holds a NUL, and leaves the applicant pending', async () => {
    await expectNulRefused(await call(running, 'POST', `/api/members/${pat.id}/reject`, {
      cookie: organiser, body: { reason: `Not now${nul}`, tellApplicant: true },
    }), 'reason')
    const pending = await call(running, 'GET', '/api/members?status=pending', { cookie: organiser })
    expect(((await pending.json()) as { members: Array<{ id: string }> }).members.map((member) => member.id)).toContain(pat.id)
  })

  it('refuses settings whose auto-approved domain holds a NUL', async () => {
    await expectNulRefused(await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: [`example.org${nul}`] } }), 'autoApproveDomains.0')
  })

  it('refuses an invite whose role holds a NUL', async () => {
    await expectNulRefused(await call(running, 'POST', '/api/invites', {
      cookie: organiser, body: { role: `contributor${nul}`, maxUses: 1, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    }), 'role')
  })

  it('refuses a NUL in a query string and in a route parameter', async () => {
    await expectNulRefused(await call(running, 'GET', '/api/members?q=olga%00', { cookie: organiser }), 'q')
    await expectNulRefused(await call(running, 'POST', `/api/members/${pat.id}%00/suspend`, { cookie: organiser }), 'id')
  })
})
