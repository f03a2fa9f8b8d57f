/**
 * Notifications in the app over real HTTP and real collaboration sockets: each kind reaches
 * the right members and never the one who acted, only approved members who may read the
 * document hear of it; the list, the unread count and marking read.
 */
import { mentionMarkup, type Comment, type CommentResponse, type NotificationKind, type NotificationsResponse } from '@studio/contract'
import { addAction, addDecision, updateAction } from '@studio/framework'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { applicantFields, call, postSignup } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

type Who = 'olga' | 'carl' | 'cora' | 'oscar' | 'pat'

describe.each(storeKinds)('notifications on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let clock = new Date('2027-03-15T10:00:00Z')
  const members = {} as Record<Who, TestMember>
  const cookies = {} as Record<Who, string>
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    const created = await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Cora Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])
    running = await startStudio(store, { LOG_LEVEL: 'error' }, { now: () => clock })
    for (const [index, key] of (['olga', 'carl', 'cora', 'oscar', 'pat'] as Who[]).entries()) {
      members[key] = created[index]!
      if (key !== 'pat') cookies[key] = await signIn(running.url, created[index]!.email)
    }
  })

  afterAll(async () => {
    for (const provider of providers.splice(0)) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  async function list(who: Who, unread = false): Promise<NotificationsResponse> {
    const response = await call(running, 'GET', `/api/notifications${unread ? '?unread=true' : ''}`, { cookie: cookies[who] })
    expect(response.status).toBe(200)
    return (await response.json()) as NotificationsResponse
  }
  const kindsOf = async (who: Who) => (await list(who)).notifications.map((n) => n.kind)
  const count = async (who: Who, kind: NotificationKind) => (await kindsOf(who)).filter((k) => k === kind).length

  async function comment(who: Who, body: Record<string, unknown>): Promise<Comment> {
    const response = await call(running, 'POST', '/api/comments', { cookie: cookies[who], body })
    expect(response.status).toBe(201)
    return ((await response.json()) as CommentResponse).comment
  }

  async function open(who: Who, document: string): Promise<HocuspocusProvider> {
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies[who], document })
    providers.push(provider)
    await waitFor(() => provider.synced, 10_000, `${who} to sync ${document}`)
    return provider
  }

  it('answers 401 to anonymous requests, before any 400', async () => {
    expect((await call(running, 'GET', '/api/notifications')).status).toBe(401)
    expect((await call(running, 'POST', '/api/notifications/read', { body: { all: true } })).status).toBe(401)
    expect((await call(running, 'POST', '/api/notifications/read', { body: { nonsense: 1 } })).status).toBe(401)
  })

  it('tells mentioned approved members of a comment, not the writer or an applicant, with the mention as written', async () => {
    const text = `Could ${mentionMarkup('Cora C', members.cora.id)} and ${mentionMarkup('Olga', members.olga.id)} check this? ${mentionMarkup('Pat', members.pat.id)} ${mentionMarkup('me', members.carl.id)}`
    await comment('carl', { document: 'terms-of-reference', anchor: 'text', body: text })
    const cora = (await list('cora')).notifications
    expect(cora).toHaveLength(1)
    expect(cora[0]).toMatchObject({
      kind: 'mention', read: false, actor: { id: members.carl.id, name: 'Carl Contributor' }, document: 'terms-of-reference', link: '/terms-of-reference',
    })
    expect(cora[0]!.text).toContain('Carl Contributor mentioned you on the terms of reference: “Could @Cora C and @Olga check this?')
    expect(await count('olga', 'mention')).toBe(1)
    expect(await kindsOf('carl')).toEqual([])
    const pat = await running.studio.store.db.selectFrom('notifications').select('id').where('recipient_id', '=', members.pat.id).execute()
    expect(pat).toEqual([])
    expect(await count('oscar', 'mention')).toBe(0)
  })

  it('tells a thread’s author of a reply and of the thread resolved, never of their own', async () => {
    const thread = await comment('carl', { document: 'competency-matrix', anchor: 'text', body: 'Is this column needed?' })
    await comment('carl', { document: 'competency-matrix', anchor: 'text', body: 'Answering myself.', replyTo: thread.id })
    expect(await count('carl', 'reply')).toBe(0)
    await comment('cora', { document: 'competency-matrix', anchor: 'text', body: 'Yes, keep it.', replyTo: thread.id })
    const replies = (await list('carl')).notifications.filter((n) => n.kind === 'reply')
    expect(replies).toHaveLength(1)
    expect(replies[0]).toMatchObject({ actor: { name: 'Cora Contributor' }, link: '/competency-matrix' })
    expect(await count('cora', 'reply')).toBe(0)

    const resolved = await call(running, 'PATCH', `/api/comments/${thread.id}`, { cookie: cookies.olga, body: { resolved: true } })
    expect(resolved.status).toBe(200)
    const told = (await list('carl')).notifications.filter((n) => n.kind === 'thread-resolved')
    expect(told).toHaveLength(1)
    expect(told[0]!.text).toContain('Olga Organiser resolved your comment on the competency matrix')
    expect(await count('olga', 'thread-resolved')).toBe(0)

    // Carl resolves his own thread: nobody is told.
    const own = await comment('carl', { document: 'competency-matrix', anchor: 'text', body: 'Mine to close.' })
    await call(running, 'PATCH', `/api/comments/${own.id}`, { cookie: cookies.carl, body: { resolved: true } })
    expect(await count('carl', 'thread-resolved')).toBe(1)
  })

  it('tells a member given an action in a meeting, and those who took part of a decision, not the one who made them', async () => {
    // Oscar opens the meeting (takes part); Cora never does.
    await open('oscar', 'meeting:kick-off')
    const carl = await open('carl', 'meeting:kick-off')
    const given = addAction(carl.document, { text: 'Collect job descriptions', ownerId: members.cora.id, due: '2027-04-01' })
    addAction(carl.document, { text: 'Write up the notes', ownerId: members.carl.id })
    await waitFor(async () => (await count('cora', 'action-assigned')) === 1, 10_000, 'Cora to hear of her action')
    const [assigned] = (await list('cora')).notifications.filter((n) => n.kind === 'action-assigned')
    expect(assigned).toMatchObject({ actor: { id: members.carl.id }, document: 'meeting:kick-off', link: '/meetings/kick-off' })
    expect(assigned!.text).toBe('Carl Contributor gave you an action in “Kick-off meeting”: “Collect job descriptions”, due 2027-04-01.')
    expect(await count('carl', 'action-assigned')).toBe(0)

    // Given to Oscar instead: he hears of it; giving it back to Cora is no second notice of the same assignment.
    updateAction(carl.document, given, { ownerId: members.oscar.id })
    await waitFor(async () => (await count('oscar', 'action-assigned')) === 1, 10_000, 'Oscar to hear of the action')

    addDecision(carl.document, { text: 'Meet monthly on Tuesdays' })
    await waitFor(async () => (await count('oscar', 'decision')) === 1, 10_000, 'Oscar to hear of the decision')
    const [decision] = (await list('oscar')).notifications.filter((n) => n.kind === 'decision')
    expect(decision!.text).toBe('Carl Contributor recorded a decision in “Kick-off meeting”: “Meet monthly on Tuesdays”')
    expect(await count('carl', 'decision')).toBe(0)
    expect(await count('cora', 'decision')).toBe(0)
  })

  it('tells an action’s owner the day before it is due in their own zone, once', async () => {
    const carl = await open('carl', 'meeting:kick-off')
    addAction(carl.document, { text: 'Send the survey', ownerId: members.olga.id, due: '2027-03-17' })
    await waitFor(async () => (await count('olga', 'action-assigned')) === 1, 10_000, 'the action to reach the server')
    // 15 March in London: not yet the day before.
    expect(await running.studio.app.notifications!.remindDueActions()).toBe(0)
    clock = new Date('2027-03-16T00:30:00Z')
    expect(await running.studio.app.notifications!.remindDueActions()).toBe(1)
    expect(await running.studio.app.notifications!.remindDueActions()).toBe(0)
    const [due] = (await list('olga')).notifications.filter((n) => n.kind === 'action-due')
    expect(due).toMatchObject({ actor: null, link: '/meetings/kick-off', text: 'Your action from “Kick-off meeting” is due tomorrow: “Send the survey”.' })
  })

  it('tells organisers of a new application', async () => {
    const response = await postSignup(running, applicantFields('Ana Applicant'))
    expect(response.status).toBe(201)
    const [application] = (await list('olga')).notifications.filter((n) => n.kind === 'application')
    expect(application).toMatchObject({ link: '/members', text: 'Ana Applicant applied to join and is waiting for a decision.' })
    expect(await count('carl', 'application')).toBe(0)
  })

  it('lists newest first with the unread count, and marks chosen ones or all read', async () => {
    const before = await list('carl')
    expect(before.unread).toBe(before.notifications.length)
    expect(before.unread).toBeGreaterThanOrEqual(2)
    const times = before.notifications.map((n) => n.at)
    expect([...times].sort().reverse()).toEqual(times)

    const first = before.notifications[0]!.id
    const someoneElses = (await list('olga')).notifications[0]!.id
    const marked = await call(running, 'POST', '/api/notifications/read', { cookie: cookies.carl, body: { ids: [first, someoneElses] } })
    expect(marked.status).toBe(204)
    const after = await list('carl')
    expect(after.unread).toBe(before.unread - 1)
    expect(after.notifications.find((n) => n.id === first)!.read).toBe(true)
    expect((await list('carl', true)).notifications.map((n) => n.id)).not.toContain(first)
    // Olga's notification is hers to mark.
    expect((await list('olga')).notifications.find((n) => n.id === someoneElses)!.read).toBe(false)

    expect((await call(running, 'POST', '/api/notifications/read', { cookie: cookies.carl, body: { all: true } })).status).toBe(204)
    expect((await list('carl', true)).notifications).toEqual([])
    expect((await list('carl')).unread).toBe(0)
  })

  it('answers 400 saying what to send for a malformed body or query', async () => {
    const bad = await call(running, 'POST', '/api/notifications/read', { cookie: cookies.carl, body: { ids: 'all' } })
    expect(bad.status).toBe(400)
    const query = await call(running, 'GET', '/api/notifications?unread=yes', { cookie: cookies.carl })
    expect(query.status).toBe(400)
    expect(JSON.stringify(await query.json())).toContain('unread=true')
    expect(JSON.stringify(await bad.json())).toMatch(/ids|all/)
  })
})
