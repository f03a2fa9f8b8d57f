/**
 * The collaboration socket is decided before the upgrade: 401 without a session, 403 for
 * a member who is not approved or a foreign Origin. A refused client never receives a
 * byte of any document; observers read but their updates are dropped.
 */
import { CloseCode, DocumentName } from '@studio/contract'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

interface RawAnswer {
  status: number
  /** Every byte the server sent after the status line and headers. */
  body: Buffer
}

/** A hand-made upgrade request, so the test sees exactly what the server answers. */
function rawUpgrade(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/collab`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    })
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }))
    })
    request.on('upgrade', (response, socket) => {
      socket.destroy()
      resolve({ status: response.statusCode ?? 0, body: Buffer.alloc(0) })
    })
    request.on('error', reject)
    request.end()
  })
}

describe.each(storeKinds)('the collaboration socket on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let members: Record<'organiser' | 'contributor' | 'observer' | 'pending' | 'rejected', TestMember>
  const cookies: Partial<Record<keyof typeof members, string>> = {}

  beforeAll(async () => {
    store = await freshStore(kind)
    running = await startStudio(store)
    const [organiser, contributor, observer, pending, rejected] = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
      { name: 'Rita Rejected', role: 'contributor', status: 'rejected' },
    ])
    members = { organiser: organiser!, contributor: contributor!, observer: observer!, pending: pending!, rejected: rejected! }
    for (const key of Object.keys(members) as Array<keyof typeof members>) {
      cookies[key] = await signIn(running.url, members[key].email)
    }
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  it('answers 401 before the upgrade when there is no session, and sends nothing else', async () => {
    const answer = await rawUpgrade(running.url, { origin: running.origin })
    expect(answer.status).toBe(401)
    expect(answer.body.toString('utf8')).toBe('Sign in to join the workspace.')
  })

  it('answers 401 for a session token that does not exist', async () => {
    const answer = await rawUpgrade(running.url, { origin: running.origin, cookie: 'studio_session=forged-token' })
    expect(answer.status).toBe(401)
  })

  it.each(['pending', 'rejected'] as const)('answers 403 to a %s member', async (who) => {
    const answer = await rawUpgrade(running.url, { origin: running.origin, cookie: cookies[who]! })
    expect(answer.status).toBe(403)
    expect(answer.body.toString('utf8')).toMatch(/not been approved/)
  })

  it('answers 403 to an approved member whose Origin is not PUBLIC_URL', async () => {
    for (const origin of ['https://evil.example', '']) {
      const answer = await rawUpgrade(running.url, { ...(origin ? { origin } : {}), cookie: cookies.organiser! })
      expect(answer.status).toBe(403)
    }
  })

  it('upgrades an approved member from the studio origin', async () => {
    const answer = await rawUpgrade(running.url, { origin: running.origin, cookie: cookies.contributor! })
    expect(answer.status).toBe(101)
  })

  it.each([
    ['without a session', () => ({})],
    ['for a pending member', () => ({ cookie: cookies.pending! })],
    ['from a foreign origin', () => ({ cookie: cookies.organiser!, origin: 'https://evil.example' })],
  ])('never syncs a provider refused %s', async (_case, refusal) => {
    const refused = connectProvider({ baseUrl: running.url, document: DocumentName.termsOfReference, maxAttempts: 1, ...refusal() })
    const reader = connectProvider({ baseUrl: running.url, cookie: cookies.organiser!, document: DocumentName.termsOfReference })
    try {
      await waitFor(() => reader.synced, 10_000, 'the approved reader to sync')
      // The seeded terms of reference are not empty, so a leak would show here.
      expect(reader.document.getXmlFragment('default').length).toBeGreaterThan(0)
      await waitFor(() => refused.configuration.websocketProvider.status === 'disconnected', 5000, 'the refused socket to close')
      expect(refused.synced).toBe(false)
      expect(refused.document.getXmlFragment('default').length).toBe(0)
    } finally {
      destroyProvider(refused)
      destroyProvider(reader)
    }
  })

  it('lets observers read but drops every update they send', async () => {
    const observer = connectProvider({ baseUrl: running.url, cookie: cookies.observer!, document: DocumentName.competencyMatrix })
    const organiser = connectProvider({ baseUrl: running.url, cookie: cookies.organiser!, document: DocumentName.competencyMatrix })
    try {
      await waitFor(() => observer.synced && organiser.synced, 10_000, 'both to sync')
      organiser.document.getMap('meta').set('title', 'from the organiser')
      await waitFor(() => observer.document.getMap('meta').get('title') === 'from the organiser', 5000, 'the observer to read the edit')

      observer.document.getMap('meta').set('title', 'from the observer')
      organiser.document.getMap('meta').set('status', 'after the observer')
      await waitFor(() => observer.document.getMap('meta').get('status') === 'after the observer', 5000, 'a later edit to reach the observer')
      expect(organiser.document.getMap('meta').get('title')).toBe('from the organiser')
    } finally {
      destroyProvider(observer)
      destroyProvider(organiser)
    }
    const logged = await running.studio.store.db
      .selectFrom('document_updates').select('id').where('author_id', '=', members.observer.id).execute()
    expect(logged).toHaveLength(0)
  })

  it("refuses a document the member may not open, such as another member's assessment", async () => {
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies.contributor!, document: `assessment:${members.organiser.id}` })
    let denied = false
    provider.on('authenticationFailed', () => (denied = true))
    try {
      await waitFor(() => denied, 5000, 'permission to be denied')
      expect(provider.synced).toBe(false)
    } finally {
      destroyProvider(provider)
    }
  })

  it('closes the sockets of a session with 4401 when it signs out', async () => {
    const cookie = await signIn(running.url, members.contributor.email)
    const socket = new WebSocket(`${running.url.replace('http', 'ws')}/collab`, { headers: { cookie, origin: running.origin } })
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    const response = await fetch(`${running.url}/api/session`, { method: 'DELETE', headers: { cookie, origin: running.origin } })
    expect(response.status).toBe(204)
    expect(await closed).toBe(CloseCode.SessionExpired)
  })
})
