/**
 * The people directory over real HTTP: every approved member sees the approved members
 * (name, organisation, location, time zone, attendance, role), an email only where its
 * owner chose to share it; applicants, rejected and suspended members are not listed and
 * cannot read it.
 */
import { ErrorCode, type Person } from '@studio/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

describe.each(storeKinds)('the people directory on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let members: Record<'olga' | 'carl' | 'oscar' | 'pat' | 'rita' | 'sam', TestMember>
  const cookies: Record<string, string> = {}

  beforeAll(async () => {
    store = await freshStore(kind)
    const [olga, carl, oscar, pat, rita, sam] = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
      { name: 'Rita Rejected', role: 'contributor', status: 'rejected' },
      { name: 'Sam Suspended', role: 'contributor', status: 'suspended' },
    ])
    members = { olga: olga!, carl: carl!, oscar: oscar!, pat: pat!, rita: rita!, sam: sam! }
    running = await startStudio(store)
    for (const key of ['olga', 'carl', 'oscar', 'pat', 'rita'] as const) cookies[key] = await signIn(running.url, members[key].email)
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  async function people(who: string): Promise<Person[]> {
    const response = await call(running, 'GET', '/api/people', { cookie: cookies[who] })
    expect(response.status).toBe(200)
    return ((await response.json()) as { people: Person[] }).people
  }

  it('lists the approved members by name, with where they are and how they take part, for any approved member', async () => {
    const changed = await call(running, 'PATCH', '/api/me', {
      cookie: cookies.carl,
      body: { timezone: 'America/Chicago', location: 'Chicago' },
    })
    expect(changed.status).toBe(200)
    const seenByObserver = await people('oscar')
    expect(seenByObserver.map((person) => person.name)).toEqual(['Carl Contributor', 'Olga Organiser', 'Oscar Observer'])
    expect(seenByObserver[0]).toEqual({
      id: members.carl.id, name: 'Carl Contributor', role: 'contributor', timezone: 'America/Chicago', location: 'Chicago',
      organisation: null, attendance: 'either', email: null,
    })
    expect(await people('olga')).toEqual(seenByObserver)
  })

  it('shows an email only while its owner shares it', async () => {
    expect((await people('carl')).every((person) => person.email === null)).toBe(true)
    expect((await call(running, 'PATCH', '/api/me', { cookie: cookies.olga, body: { shareEmail: true } })).status).toBe(200)
    const shared = await people('carl')
    expect(shared.find((person) => person.id === members.olga.id)!.email).toBe(members.olga.email)
    expect(shared.filter((person) => person.email !== null)).toHaveLength(1)
    expect((await call(running, 'PATCH', '/api/me', { cookie: cookies.olga, body: { shareEmail: false } })).status).toBe(200)
    expect((await people('carl')).every((person) => person.email === null)).toBe(true)
  })

  it('refuses signed-out people (401) and members who are not approved (403)', async () => {
    const anonymous = await call(running, 'GET', '/api/people')
    expect(anonymous.status).toBe(401)
    expect((await errorOf(anonymous)).error.code).toBe(ErrorCode.unauthenticated)
    for (const who of ['pat', 'rita']) {
      const refused = await call(running, 'GET', '/api/people', { cookie: cookies[who] })
      expect(refused.status, who).toBe(403)
      expect((await errorOf(refused)).error.code).toBe(ErrorCode.forbidden)
    }
  })
})
