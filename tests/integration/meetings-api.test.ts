/**
 * Meetings end to end: the seeded kick-off meeting, who may write the index and a meeting's
 * own document (through real Hocuspocus providers), the calendar file across a clock
 * change, Markdown and HTML exports with owners' names, "my actions", and the errors.
 * One studio per store kind; the tests run in order and share it.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { ErrorCode, type MyActionsResponse } from '@studio/contract'
import { addAction, addDecision, addMeeting, readMeeting, updateAction, updateMeeting } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'
import { expectDownload } from '../support/downloads.ts'

/** Reads a varUint (lib0 encoding) at `offset`; returns the value and the next offset. */
function readVarUint(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0
  let shift = 0
  for (;;) {
    const byte = bytes[offset++]!
    value += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) return [value, offset]
    shift += 7
  }
}

/** Counts the server's "update not applied" answers (SyncStatus 0) a provider receives. */
function countRefusals(provider: HocuspocusProvider): () => number {
  let refusals = 0
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    const bytes = new Uint8Array(event.data as ArrayBuffer)
    // [document name][message type][for SyncStatus: 1 applied, 0 refused]
    const [nameLength, nameStart] = readVarUint(bytes, 0)
    const [type, next] = readVarUint(bytes, nameStart + nameLength)
    const syncStatus = 8
    if (type === syncStatus && bytes[next] === 0) refusals++
  })
  return () => refusals
}

describe.each(storeKinds)('meetings on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, carl: TestMember, oscar: TestMember, pat: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[olga, carl, oscar, pat] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store)
    for (const member of [olga, carl, oscar, pat]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers.splice(0)) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  async function open(member: TestMember, document: string): Promise<HocuspocusProvider> {
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies[member.name], document })
    providers.push(provider)
    await waitFor(() => provider.synced, 10_000, `${member.name} to sync ${document}`)
    return provider
  }

  const get = (member: TestMember | null, path: string) => call(running, 'GET', path, member ? { cookie: cookies[member.name] } : {})
  const serverMeeting = (id: string) => running.studio.serverChanges.read('meetings', (doc) => readMeeting(doc, id))

  it('seeds the undated kick-off meeting into the meetings index, which every approved member reads live', async () => {
    const expected = {
      id: 'kick-off', title: 'Kick-off meeting', start: null, plannedTime: '13:00', timeZone: 'Europe/London',
      durationMinutes: 240, place: 'Angel, Islington, London', mode: 'hybrid', joinLink: '', archived: false,
    }
    expect(await serverMeeting('kick-off')).toMatchObject(expected)
    const observer = await open(oscar, 'meetings')
    expect(readMeeting(observer.document, 'kick-off')).toMatchObject(expected)
  })

  it('drops a contributor’s change to the meetings index, but keeps their decisions and actions in the meeting’s document', async () => {
    const index = await open(carl, 'meetings')
    const refusals = countRefusals(index)
    updateMeeting(index.document, 'kick-off', { title: 'Renamed by a contributor' })
    await waitFor(() => refusals() > 0, 10_000, 'the server to refuse the contributor’s update')
    expect((await serverMeeting('kick-off'))?.title).toBe('Kick-off meeting')
    const logged = await running.studio.store.db.selectFrom('document_updates').select('id')
      .where('document', '=', 'meetings').where('author_id', '=', carl.id).execute()
    expect(logged).toEqual([])

    const meeting = await open(carl, 'meeting:kick-off')
    addDecision(meeting.document, { text: 'Publish the framework under CC BY-SA 4.0' })
    addAction(meeting.document, { text: 'Draft the list of PMO roles', ownerId: carl.id, due: '2025-11-14' })
    addAction(meeting.document, { text: 'Book the room at the Angel', ownerId: olga.id })
    const finished = addAction(meeting.document, { text: 'Circulate the terms of reference', ownerId: carl.id })
    updateAction(meeting.document, finished, { done: true })
    await waitFor(async () => (await (await get(olga, '/api/export/meetings/kick-off.md')).text()).includes('Book the room'), 10_000, 'the actions to reach the server')
  })

  it('answers 404 for the calendar file of an undated meeting, saying it is not dated yet', async () => {
    const response = await get(carl, '/api/meetings/kick-off.ics')
    expect(response.status).toBe(404)
    const body = await errorOf(response)
    expect(body.error.code).toBe(ErrorCode.notFound)
    expect(body.error.message).toMatch(/no date yet/)
  })

  it('gives the right UTC times in the calendar file after an organiser dates the meeting, on both sides of the October clock change', async () => {
    const index = await open(olga, 'meetings')
    updateMeeting(index.document, 'kick-off', { start: '2025-10-23T13:00', joinLink: 'https://meet.example.com/kick-off' })
    let ics = ''
    await waitFor(async () => {
      const response = await get(carl, '/api/meetings/kick-off.ics')
      ics = await response.text()
      return response.status === 200 && ics.includes('DTSTART:20251023T120000Z')
    }, 10_000, 'the dated calendar file (BST)')
    expect(ics).toContain('DTEND:20251023T160000Z\r\n')
    expect(ics).toContain('URL:https://meet.example.com/kick-off\r\n')
    expect(ics).toMatch(/^UID:meeting-kick-off@127\.0\.0\.1:\d+\r$/m)

    updateMeeting(index.document, 'kick-off', { start: '2025-10-30T13:00' })
    await waitFor(async () => (await (await get(carl, '/api/meetings/kick-off.ics')).text()).includes('DTSTART:20251030T130000Z'), 10_000, 'the re-dated calendar file (GMT)')
    const response = await get(oscar, '/api/meetings/kick-off.ics')
    expectDownload(response, { type: 'text/calendar; charset=utf-8', fileName: 'meeting-kick-off.ics' })
    const body = await response.text()
    expect(body).toContain('DTEND:20251030T170000Z\r\n')
    // Dated once, then moved: calendars replace the earlier copy of the event.
    expect(body).toContain('SEQUENCE:2\r\n')
    expect(body.replace(/\r\n/g, '')).not.toContain('\n')
  })

  it('exports the meeting as Markdown and HTML with decisions and actions, owners named from the members', async () => {
    const markdown = await get(oscar, '/api/export/meetings/kick-off.md')
    expectDownload(markdown, { type: 'text/markdown; charset=utf-8', fileName: 'meeting-kick-off.md' })
    const text = await markdown.text()
    expect(text).toContain('# Kick-off meeting')
    expect(text).toContain('**When:** Thursday 30 October, 13:00 to 17:00 London')
    expect(text).toContain('1. Publish the framework under CC BY-SA 4.0')
    expect(text).toContain('- [ ] Draft the list of PMO roles (owner: Carl Contributor, due 2025-11-14)')
    expect(text).toContain('- [ ] Book the room at the Angel (owner: Olga Organiser)')
    expect(text).toContain('- [x] Circulate the terms of reference (owner: Carl Contributor)')

    const html = await get(carl, '/api/export/meetings/kick-off.html')
    expectDownload(html, { type: 'text/html; charset=utf-8', fileName: 'meeting-kick-off.html', sandboxed: true })
    const page = await html.text()
    expect(page).toContain('<li>Publish the framework under CC BY-SA 4.0</li>')
    expect(page).toContain('<tr><td>Draft the list of PMO roles</td><td>Carl Contributor</td><td><time datetime="2025-11-14">2025-11-14</time></td><td>Open</td></tr>')
    expect(page).not.toContain('<script')
  })

  it('lists a member’s open actions across meetings, soonest due first, without done ones or other people’s', async () => {
    const index = await open(olga, 'meetings')
    addMeeting(index.document, { id: 'roles-workshop', title: 'Roles workshop', timeZone: 'America/New_York', durationMinutes: 90, mode: 'remote' })
    const workshop = await open(olga, 'meeting:roles-workshop')
    addAction(workshop.document, { text: 'Collect job descriptions', ownerId: carl.id, due: '2025-11-01' })
    addAction(workshop.document, { text: 'Undated follow-up', ownerId: carl.id })
    const expected: MyActionsResponse['actions'] = [
      { meetingId: 'roles-workshop', meetingTitle: 'Roles workshop', actionId: expect.any(String), text: 'Collect job descriptions', due: '2025-11-01', done: false },
      { meetingId: 'kick-off', meetingTitle: 'Kick-off meeting', actionId: expect.any(String), text: 'Draft the list of PMO roles', due: '2025-11-14', done: false },
      { meetingId: 'roles-workshop', meetingTitle: 'Roles workshop', actionId: expect.any(String), text: 'Undated follow-up', due: null, done: false },
    ]
    let actions: MyActionsResponse['actions'] = []
    await waitFor(async () => {
      const response = await get(carl, '/api/my-actions')
      actions = ((await response.json()) as MyActionsResponse).actions
      return actions.length === 3
    }, 10_000, 'Carl’s three open actions')
    expect(actions).toEqual(expected)
    const olgas = (await (await get(olga, '/api/my-actions')).json()) as MyActionsResponse
    expect(olgas.actions.map((action) => action.text)).toEqual(['Book the room at the Angel'])
    expect(((await (await get(oscar, '/api/my-actions')).json()) as MyActionsResponse).actions).toEqual([])
  })

  it('answers 401 without a session, 403 to a member not yet approved, and 404 for an unknown or malformed meeting', async () => {
    for (const path of ['/api/meetings/kick-off.ics', '/api/export/meetings/kick-off.md', '/api/export/meetings/kick-off.html', '/api/my-actions']) {
      const anonymous = await get(null, path)
      expect(anonymous.status, path).toBe(401)
      expect((await errorOf(anonymous)).error.code).toBe(ErrorCode.unauthenticated)
      const pending = await get(pat, path)
      expect(pending.status, path).toBe(403)
      expect((await errorOf(pending)).error.code).toBe(ErrorCode.forbidden)
    }
    for (const path of ['/api/meetings/no-such-meeting.ics', '/api/export/meetings/no-such-meeting.md', '/api/export/meetings/no-such-meeting.html', '/api/export/meetings/NOT%20AN%20ID.md']) {
      const response = await get(carl, path)
      expect(response.status, path).toBe(404)
      expect((await errorOf(response)).error.code).toBe(ErrorCode.notFound)
    }
  })
})
