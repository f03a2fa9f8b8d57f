/**
 * Organisers' decisions over real HTTP: the members list with its filter and search,
 * approve, reject (with or without telling the applicant), suspend, reinstate, role
 * changes with their new session token, the audit log, and the people list.
 */
import { ErrorCode, type AuditEntry, type Member, type Person } from '@studio/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, testPassword, type TestMember } from '../support/members.ts'
import { applicantFields, call, cookiePair, errorOf, postSignup, readOutbox, sessionCookie } from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { hashToken } from '@studio/server/sessions/tokens'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe.each(storeKinds)('member decisions on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, carl: TestMember, pat: TestMember, quinn: TestMember
  let organiser: string

  /** An organiser, a contributor and two pending applicants; the organiser signed in. */
  async function setup() {
    store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    ;[olga, carl, pat, quinn] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
      { name: 'Quinn Queue', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store)
    cleanups.push(() => running.close())
    organiser = await signIn(running.url, olga.email)
  }

  const decide = (cookie: string, id: string, action: string, body: unknown = {}) =>
    call(running, 'POST', `/api/members/${id}/${action}`, { cookie, body })

  async function listMembers(query = '', cookie = organiser): Promise<Member[]> {
    const response = await call(running, 'GET', `/api/members${query}`, { cookie })
    expect(response.status, query).toBe(200)
    return ((await response.json()) as { members: Member[] }).members
  }

  async function meOf(cookie: string): Promise<Member> {
    const response = await call(running, 'GET', '/api/me', { cookie })
    expect(response.status).toBe(200)
    return ((await response.json()) as { user: Member }).user
  }

  const names = (members: Array<{ name: string }>) => members.map((member) => member.name).sort()

  it('lists members only for organisers: 401 without a session, 403 for a contributor and for a pending applicant', async () => {
    await setup()
    expect((await call(running, 'GET', '/api/members')).status).toBe(401)
    for (const email of [carl.email, pat.email]) {
      const response = await call(running, 'GET', '/api/members', { cookie: await signIn(running.url, email) })
      expect(response.status, email).toBe(403)
      expect((await errorOf(response)).error.code).toBe(ErrorCode.forbidden)
    }
    expect(names(await listMembers())).toEqual(['Carl Contributor', 'Olga Organiser', 'Pat Pending', 'Quinn Queue'])
  })

  it('filters by status, searches name, email and organisation case-insensitively, and refuses an unknown status', async () => {
    await setup()
    expect((await postSignup(running, applicantFields('Ann Applicant', { organisation: 'Acme PMO' }))).status).toBe(201)
    expect((await postSignup(running, applicantFields('Bob Builder', { email: 'bob@globex.example' }))).status).toBe(201)
    expect(names(await listMembers('?status=pending'))).toEqual(['Ann Applicant', 'Bob Builder', 'Pat Pending', 'Quinn Queue'])
    expect(names(await listMembers('?status=approved'))).toEqual(['Carl Contributor', 'Olga Organiser'])
    expect(await listMembers('?status=suspended')).toEqual([])
    expect(names(await listMembers('?q=ACME'))).toEqual(['Ann Applicant'])
    expect(names(await listMembers('?q=globex.EXAMPLE'))).toEqual(['Bob Builder'])
    expect(names(await listMembers('?q=queue'))).toEqual(['Quinn Queue'])
    expect(names(await listMembers('?status=approved&q=queue'))).toEqual([])
    const bogus = await call(running, 'GET', '/api/members?status=bogus', { cookie: organiser })
    expect(bogus.status).toBe(400)
    expect((await errorOf(bogus)).error.field).toBe('status')
  })

  // Underscores are common in addresses and are LIKE wildcards; SQLite needs ESCAPE to treat them literally.
  it('finds a member whose email contains an underscore by searching for it', async () => {
    await setup()
    expect((await postSignup(running, applicantFields('Uma Underscore', { email: 'uma_underscore@example.net' }))).status).toBe(201)
    expect(names(await listMembers('?q=uma_underscore'))).toEqual(['Uma Underscore'])
  })

  it('approves an applicant with the chosen role, once, and mails them', async () => {
    await setup()
    const patCookie = await signIn(running.url, pat.email)
    const response = await decide(organiser, pat.id, 'approve', { role: 'observer' })
    expect(response.status).toBe(200)
    const { member } = (await response.json()) as { member: Member }
    expect(member).toMatchObject({ id: pat.id, status: 'approved', role: 'observer' })
    expect(member.decidedAt).not.toBeNull()
    expect(await meOf(patCookie)).toMatchObject({ status: 'approved', role: 'observer' })

    const again = await decide(organiser, pat.id, 'approve', { role: 'contributor' })
    expect(again.status).toBe(409)
    expect((await errorOf(again)).error.code).toBe(ErrorCode.notPending)
    const badRole = await decide(organiser, quinn.id, 'approve', { role: 'admin' })
    expect(badRole.status).toBe(400)
    expect((await errorOf(badRole)).error.field).toBe('role')
    expect((await decide(organiser, 'no-such-member', 'approve', { role: 'observer' })).status).toBe(404)
    expect((await decide(await signIn(running.url, carl.email), quinn.id, 'approve', { role: 'organiser' })).status).toBe(403)
    expect((await listMembers('?status=pending')).map((m) => m.id)).toEqual([quinn.id])

    const mails = (await readOutbox(running, store)).filter((mail) => mail.to === pat.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain('observer')
  })

  it('rejects telling the applicant: their /api/me and their mail show the reason', async () => {
    await setup()
    const patCookie = await signIn(running.url, pat.email)
    const response = await decide(organiser, pat.id, 'reject', { reason: 'We need PMO practitioners', tellApplicant: true })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { member: Member }).member).toMatchObject({ status: 'rejected', reason: 'We need PMO practitioners' })
    expect(await meOf(patCookie)).toMatchObject({ status: 'rejected', reason: 'We need PMO practitioners' })
    const mails = (await readOutbox(running, store)).filter((mail) => mail.to === pat.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain('We need PMO practitioners')
    expect((await decide(organiser, pat.id, 'reject', { reason: 'again' })).status).toBe(409)
  })

  it('rejects without telling: the applicant sees no reason, anywhere; organisers still do', async () => {
    await setup()
    const patCookie = await signIn(running.url, pat.email)
    const response = await decide(organiser, pat.id, 'reject', { reason: 'Internal note only', tellApplicant: false })
    expect(response.status).toBe(200)
    expect(await meOf(patCookie)).toMatchObject({ status: 'rejected', reason: null })
    const signedIn = await call(running, 'POST', '/api/session', { body: { email: pat.email, password: testPassword } })
    expect(((await signedIn.json()) as { user: Member }).user.reason).toBeNull()
    expect((await listMembers('?status=rejected')).find((m) => m.id === pat.id)!.reason).toBe('Internal note only')
    const mails = (await readOutbox(running, store)).filter((mail) => mail.to === pat.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).not.toContain('Internal note only')
  })

  it('suspends a member: no sign-in (403 suspended), their old cookie gets 401; reinstating lets them back', async () => {
    await setup()
    const carlCookie = await signIn(running.url, carl.email)
    const suspended = await decide(organiser, carl.id, 'suspend')
    expect(suspended.status).toBe(200)
    expect(((await suspended.json()) as { member: Member }).member.status).toBe('suspended')
    expect((await call(running, 'GET', '/api/me', { cookie: carlCookie })).status).toBe(401)
    const refused = await call(running, 'POST', '/api/session', { body: { email: carl.email, password: testPassword } })
    expect(refused.status).toBe(403)
    expect((await errorOf(refused)).error.code).toBe(ErrorCode.suspended)
    expect(sessionCookie(refused)).toBeUndefined()
    expect((await decide(organiser, carl.id, 'suspend')).status).toBe(409)

    const reinstated = await decide(organiser, carl.id, 'reinstate')
    expect(reinstated.status).toBe(200)
    expect(((await reinstated.json()) as { member: Member }).member).toMatchObject({ status: 'approved', role: 'contributor' })
    expect((await meOf(await signIn(running.url, carl.email))).status).toBe('approved')
    expect((await decide(organiser, carl.id, 'reinstate')).status).toBe(409)
  })

  // Pending applicants can be suspended (to stop abuse); reinstating must not approve them.
  it('returns an applicant suspended while pending to the queue when reinstated, without approving them', async () => {
    await setup()
    expect((await decide(organiser, pat.id, 'suspend')).status).toBe(200)
    const reinstated = await decide(organiser, pat.id, 'reinstate')
    expect(reinstated.status).toBe(200)
    expect(((await reinstated.json()) as { member: Member }).member.status).toBe('pending')
    expect((await call(running, 'GET', '/api/people', { cookie: await signIn(running.url, pat.email) })).status).toBe(403)
  })

  async function approvedOrganisers(): Promise<number> {
    const rows = await running.studio.store.db.selectFrom('members').select('id').where('role', '=', 'organiser').where('status', '=', 'approved').execute()
    return rows.length
  }

  it.each([
    ['demote', (cookie: string, id: string) => call(running, 'PATCH', `/api/members/${id}`, { cookie, body: { role: 'contributor' } })],
    ['suspend', (cookie: string, id: string) => decide(cookie, id, 'suspend')],
  ])('leaves one organiser when two organisers %s each other at the same moment', async (_action, act) => {
    await setup()
    expect((await call(running, 'PATCH', `/api/members/${carl.id}`, { cookie: organiser, body: { role: 'organiser' } })).status).toBe(200)
    const carlCookie = await signIn(running.url, carl.email)
    const statuses = (await Promise.all([act(organiser, carl.id), act(carlCookie, olga.id)])).map((response) => response.status).sort()
    // The loser is refused by the count (409), or, when its request is read after the winner's
    // commit, already as a non-organiser (403) or signed out by suspension (401).
    expect(statuses[0]).toBe(200)
    expect([401, 403, 409]).toContain(statuses[1])
    expect(await approvedOrganisers()).toBe(1)
  })

  it('refuses to let an organiser suspend themselves', async () => {
    await setup()
    const response = await decide(organiser, olga.id, 'suspend')
    expect(response.status).toBe(409)
    expect((await errorOf(response)).error.code).toBe(ErrorCode.conflict)
    expect(await meOf(organiser)).toMatchObject({ status: 'approved', role: 'organiser' })
  })

  it('changes a role, and refuses to demote the only organiser', async () => {
    await setup()
    const promoted = await call(running, 'PATCH', `/api/members/${carl.id}`, { cookie: organiser, body: { role: 'observer' } })
    expect(promoted.status).toBe(200)
    expect(((await promoted.json()) as { member: Member }).member).toMatchObject({ id: carl.id, role: 'observer', status: 'approved' })
    expect((await call(running, 'PATCH', `/api/members/${carl.id}`, { cookie: organiser, body: { role: 'boss' } })).status).toBe(400)
    expect((await call(running, 'PATCH', '/api/members/no-such-member', { cookie: organiser, body: { role: 'observer' } })).status).toBe(404)

    const demoted = await call(running, 'PATCH', `/api/members/${olga.id}`, { cookie: organiser, body: { role: 'contributor' } })
    expect(demoted.status).toBe(409)
    expect((await errorOf(demoted)).error.code).toBe(ErrorCode.conflict)
    expect((await meOf(organiser)).role).toBe('organiser')

    // With a second organiser, the first may step down.
    expect((await call(running, 'PATCH', `/api/members/${carl.id}`, { cookie: organiser, body: { role: 'organiser' } })).status).toBe(200)
    expect((await call(running, 'PATCH', `/api/members/${olga.id}`, { cookie: organiser, body: { role: 'contributor' } })).status).toBe(200)
  })

  it("replaces the member's session token on their next request after a role change; the old token stops working after its grace period", async () => {
    await setup()
    const old = await signIn(running.url, carl.email)
    expect(sessionCookie(await call(running, 'GET', '/api/me', { cookie: old }))).toBeUndefined()
    expect((await call(running, 'PATCH', `/api/members/${carl.id}`, { cookie: organiser, body: { role: 'observer' } })).status).toBe(200)

    const next = await call(running, 'GET', '/api/me', { cookie: old })
    expect(next.status).toBe(200)
    expect(((await next.json()) as { user: Member }).user.role).toBe('observer')
    const fresh = cookiePair(next)
    expect(fresh).not.toBe(old)
    // A request already on its way with the old token still answers, without a second new token.
    const straggler = await call(running, 'GET', '/api/me', { cookie: old })
    expect(straggler.status).toBe(200)
    expect(sessionCookie(straggler)).toBeUndefined()
    // Once the grace period has passed, the old token is refused.
    const oldHash = hashToken(old.slice(old.indexOf('=') + 1))
    await running.studio.store.db.updateTable('sessions').set({ replaced_at: new Date(Date.now() - 31_000).toISOString() }).where('token_hash', '=', oldHash).execute()
    expect((await call(running, 'GET', '/api/me', { cookie: old })).status).toBe(401)
    const later = await call(running, 'GET', '/api/me', { cookie: fresh })
    expect(later.status).toBe(200)
    expect(sessionCookie(later)).toBeUndefined()
  })

  // After a role change the old token answers for a grace period, and only one reply carries the new one.
  it('keeps a member signed in when their browser sends several requests at once after a role change', async () => {
    await setup()
    const old = await signIn(running.url, carl.email)
    expect((await call(running, 'PATCH', `/api/members/${carl.id}`, { cookie: organiser, body: { role: 'observer' } })).status).toBe(200)
    const responses = await Promise.all(['/api/me', '/api/people', '/api/me', '/api/people'].map((path) => call(running, 'GET', path, { cookie: old })))
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200])
    for (const cookie of responses.map(sessionCookie).filter((c): c is string => c !== undefined)) {
      expect((await call(running, 'GET', '/api/me', { cookie })).status).toBe(200)
    }
  })

  it('records each decision in the audit log, newest first, with actor, action, target and detail; organisers only', async () => {
    await setup()
    expect((await decide(organiser, pat.id, 'approve', { role: 'observer' })).status).toBe(200)
    expect((await decide(organiser, quinn.id, 'reject', { reason: 'Not a PMO practitioner', tellApplicant: true })).status).toBe(200)
    expect((await decide(organiser, pat.id, 'suspend')).status).toBe(200)
    expect((await decide(organiser, pat.id, 'reinstate')).status).toBe(200)
    expect((await call(running, 'PATCH', `/api/members/${pat.id}`, { cookie: organiser, body: { role: 'contributor' } })).status).toBe(200)

    expect((await call(running, 'GET', '/api/audit')).status).toBe(401)
    expect((await call(running, 'GET', '/api/audit', { cookie: await signIn(running.url, carl.email) })).status).toBe(403)
    const response = await call(running, 'GET', '/api/audit', { cookie: organiser })
    expect(response.status).toBe(200)
    const { entries } = (await response.json()) as { entries: AuditEntry[] }
    const actor = { id: olga.id, name: 'Olga Organiser' }
    const patTarget = { id: pat.id, name: 'Pat Pending' }
    expect(entries.slice(0, 5).map(({ at: _at, ...entry }) => entry)).toEqual([
      { actor, action: 'change-role', target: patTarget, detail: 'from observer to contributor' },
      { actor, action: 'reinstate', target: patTarget, detail: null },
      { actor, action: 'suspend', target: patTarget, detail: null },
      { actor, action: 'reject', target: { id: quinn.id, name: 'Quinn Queue' }, detail: expect.stringContaining('Not a PMO practitioner') },
      { actor, action: 'approve', target: patTarget, detail: 'as observer' },
    ])
    const times = entries.map((entry) => Date.parse(entry.at))
    expect(times.every((time, index) => index === 0 || time <= times[index - 1]!)).toBe(true)
  })

  it('shows approved members, and only them, to any approved member; 403 for pending, 401 without a session', async () => {
    await setup()
    expect((await decide(organiser, pat.id, 'approve', { role: 'observer' })).status).toBe(200)
    expect((await decide(organiser, quinn.id, 'reject', {})).status).toBe(200)
    expect((await decide(organiser, carl.id, 'suspend')).status).toBe(200)

    const observer = await signIn(running.url, pat.email)
    const response = await call(running, 'GET', '/api/people', { cookie: observer })
    expect(response.status).toBe(200)
    const { people } = (await response.json()) as { people: Person[] }
    expect(people.map((person) => person.name)).toEqual(['Olga Organiser', 'Pat Pending'])
    // No email unless its owner shares it (people-api.test.ts).
    expect(people[0]).toEqual({ id: olga.id, name: 'Olga Organiser', role: 'organiser', timezone: 'Europe/London', location: null, organisation: null, attendance: 'either', email: null })

    const [pending] = await createMembers(store, [{ name: 'Nell New', role: 'contributor', status: 'pending' }])
    expect((await call(running, 'GET', '/api/people', { cookie: await signIn(running.url, pending!.email) })).status).toBe(403)
    expect((await call(running, 'GET', '/api/people', { cookie: await signIn(running.url, quinn.email) })).status).toBe(403)
    expect((await call(running, 'GET', '/api/people')).status).toBe(401)
  })
})
