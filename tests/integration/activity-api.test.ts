/**
 * Catching up over real HTTP and real providers (issue 14): a member reads the terms of
 * reference and leaves; another edits; the first member's activity names the change and its
 * author, and a compare from the version they last saw shows exactly the other's edit.
 * Comments written and resolved since, a meeting's decisions since, the actions assigned to
 * them, the fallback when the version seen was thinned away, and who may ask.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { activityPaths, historyPaths, type ActivityResponse, type CompareResponse, type DocumentActivity, type LastSeenResponse, type ProseMirrorJSON } from '@studio/contract'
import { addAction, addDecision, addMeeting, richTextField } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { memberCalls } from '../support/member-calls.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const terms = 'terms-of-reference'
const meeting = 'meeting:catch-up'

function appendParagraph(provider: HocuspocusProvider, text: string): void {
  const fragment = provider.document.getXmlFragment(richTextField)
  provider.document.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    fragment.insert(fragment.length, [paragraph])
  })
}

/** Text carrying a mark of this type, anywhere in the merged document. */
function markedText(node: ProseMirrorJSON, mark: string): string {
  const own = node.text && node.marks?.some((m) => m.type === mark) ? node.text : ''
  return own + (node.content ?? []).map((child) => markedText(child, mark)).join('')
}

describe.each(storeKinds)('activity on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let bob: TestMember, alice: TestMember, oscar: TestMember, pat: TestMember, olga: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[bob, alice, oscar, pat, olga] = (await createMembers(store, [
      { name: 'Bob Reader', role: 'contributor' },
      { name: 'Alice Writer', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
      { name: 'Olga Organiser', role: 'organiser' },
    ])) as [TestMember, TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store)
    for (const member of [bob, alice, oscar, pat, olga]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  const { as, json, open } = memberCalls(() => running, cookies, providers)
  const leave = (provider: HocuspocusProvider) => {
    providers.splice(providers.indexOf(provider), 1)
    destroyProvider(provider)
  }
  const lastSeen = async (member: TestMember, document: string) => (await json<LastSeenResponse>(await as(member, 'GET', activityPaths.lastSeen(document)))).document
  const activityOf = async (member: TestMember) => json<ActivityResponse>(await as(member, 'GET', activityPaths.activity))
  const entry = (activity: ActivityResponse, document: string): DocumentActivity => {
    const found = activity.documents.find((candidate) => candidate.name === document)
    if (!found) throw new Error(`${document} is not in the activity`)
    return found
  }
  /** Opens the document, waits for it, leaves, and waits until the visit is recorded; answers the visit's time. */
  const visit = async (member: TestMember, document: string) => {
    const before = (await lastSeen(member, document)).lastSeenAt
    leave(await open(member, document))
    await waitFor(async () => {
      const seen = (await lastSeen(member, document)).lastSeenAt
      return seen !== null && seen !== before
    }, 10_000, `${member.name}'s visit to ${document} recorded`)
    return (await lastSeen(member, document)).lastSeenAt!
  }

  it('shows the member who left the terms exactly what another wrote since, and who wrote it', async () => {
    // A comment from before Bob's visit, resolved after it.
    const earlier = await json<{ comment: { id: string } }>(await as(alice, 'POST', '/api/comments', { document: terms, anchor: 'text', body: 'Is the scope right?' }), 201)

    expect((await lastSeen(bob, terms)).lastSeenAt).toBeNull()
    const seenAt = await visit(bob, terms)
    const afterVisit = await lastSeen(bob, terms)
    expect(afterVisit).toMatchObject({ name: terms, title: 'Terms of reference', link: '/terms-of-reference', changes: 0, contributors: [], comments: { new: 0, resolved: 0 } })
    expect(afterVisit.since).not.toBeNull()

    const byAlice = await open(alice, terms)
    appendParagraph(byAlice, 'Alice proposes kiwi governance.')
    await json(await as(alice, 'POST', '/api/comments', { document: terms, anchor: 'text', body: 'I added a paragraph on governance.' }), 201)
    await json(await as(alice, 'PATCH', `/api/comments/${earlier.comment.id}`, { resolved: true }))

    await waitFor(async () => (await lastSeen(bob, terms)).changes > 0, 10_000, 'Alice\'s edit in Bob\'s activity')
    const activity = await activityOf(bob)
    const news = entry(activity, terms)
    expect(news.lastSeenAt).toBe(seenAt)
    expect(news.sinceApproximate).toBe(false)
    expect(news.summary).toEqual({ kind: 'text', wordsAdded: 4, wordsRemoved: 0 })
    expect(news.changes).toBe(4)
    expect(news.contributors).toEqual([{ id: alice.id, name: alice.name }])
    expect(news.comments).toEqual({ new: 1, resolved: 1 })
    // Something new comes first.
    expect(activity.documents[0]!.name).toBe(terms)

    const { changes, people } = await json<CompareResponse>(await as(bob, 'GET', historyPaths.compare(terms, news.since!.id, 'now')))
    expect(changes).toHaveLength(1)
    const text = changes[0]!
    if (text.type !== 'text') throw new Error('expected a text change')
    expect(markedText(text.document, 'insertion')).toBe('Alice proposes kiwi governance.')
    expect(markedText(text.document, 'deletion')).toBe('')
    expect(people).toEqual([{ id: alice.id, name: alice.name }])

    // Alice is still in the terms: no visit of hers is recorded until she leaves.
    expect(entry(await activityOf(alice), terms).lastSeenAt).toBeNull()
    leave(byAlice)
  })

  it('counts the terms as seen again once the member comes back and leaves', async () => {
    await visit(bob, terms)
    const again = await lastSeen(bob, terms)
    expect(again).toMatchObject({ changes: 0, contributors: [], comments: { new: 0, resolved: 0 } })
  })

  it('falls back to the newest version at or before the visit when the version seen was thinned away', async () => {
    const seen = await lastSeen(bob, terms)
    const byAlice = await open(alice, terms)
    appendParagraph(byAlice, 'Alice adds a second thought.')
    await waitFor(async () => (await lastSeen(bob, terms)).changes > 0, 10_000, 'the second edit')
    leave(byAlice)
    // Thinning removes versions; here the one Bob's visit named goes the same way.
    await running.studio.store.db.deleteFrom('document_versions').where('id', '=', seen.since!.id).execute()
    const fallback = await lastSeen(bob, terms)
    expect(fallback.sinceApproximate).toBe(true)
    expect(fallback.since!.id).not.toBe(seen.since!.id)
    expect(fallback.since!.createdAt <= seen.lastSeenAt!).toBe(true)
    expect(fallback.changes).toBeGreaterThanOrEqual(5)
    await visit(bob, terms)
  })

  it('lists a meeting\'s decisions since the member was last there and the open actions assigned to them', async () => {
    const index = await open(olga, 'meetings')
    addMeeting(index.document, { id: 'catch-up', title: 'Catch-up call', timeZone: 'Europe/London', durationMinutes: 60, mode: 'remote' })
    await waitFor(async () => (await as(bob, 'GET', activityPaths.lastSeen(meeting))).status === 200, 10_000, 'the meeting in the index')
    const byAlice = await open(alice, meeting)
    addDecision(byAlice.document, { text: 'Meet fortnightly' })
    await waitFor(async () => (await lastSeen(bob, meeting)).decisions.length === 1, 10_000, 'the first decision')
    // Never opened: every decision is new to Bob, and there is nothing to compare from.
    expect(await lastSeen(bob, meeting)).toMatchObject({ lastSeenAt: null, since: null, changes: 0, summary: null, link: '/meetings/catch-up', title: 'Catch-up call' })

    await visit(bob, meeting)
    expect((await lastSeen(bob, meeting)).decisions).toEqual([])
    addDecision(byAlice.document, { text: 'Publish the draft in March' })
    addAction(byAlice.document, { text: 'Bob drafts the survey', ownerId: bob.id, due: '2027-01-15' })
    addAction(byAlice.document, { text: 'Alice books the room', ownerId: alice.id })
    await waitFor(async () => (await lastSeen(bob, meeting)).decisions.length === 1, 10_000, 'the second decision')

    const activity = await activityOf(bob)
    const news = entry(activity, meeting)
    expect(news.decisions.map((decision) => decision.text)).toEqual(['Publish the draft in March'])
    expect(news.contributors).toEqual([{ id: alice.id, name: alice.name }])
    expect(news.summary).toMatchObject({ kind: 'meeting', decisions: { added: 1 }, actions: { added: 2 } })
    expect(activity.actions).toEqual([
      { meetingId: 'catch-up', meetingTitle: 'Catch-up call', actionId: expect.any(String), text: 'Bob drafts the survey', due: '2027-01-15', link: '/meetings/catch-up' },
    ])
    expect((await activityOf(alice)).actions.map((action) => action.text)).toEqual(['Alice books the room'])
    leave(byAlice)
    leave(index)
  })

  it('answers only approved members, and only for documents with history', async () => {
    expect((await as(null, 'GET', activityPaths.activity)).status).toBe(401)
    expect((await as(null, 'GET', activityPaths.lastSeen(terms))).status).toBe(401)
    expect((await as(pat, 'GET', activityPaths.activity)).status).toBe(403)
    expect((await as(pat, 'GET', activityPaths.lastSeen(terms))).status).toBe(403)
    expect((await as(bob, 'GET', activityPaths.lastSeen('meetings'))).status).toBe(404)
    expect((await as(bob, 'GET', activityPaths.lastSeen('meeting:no-such-meeting'))).status).toBe(404)
    expect((await as(bob, 'GET', activityPaths.lastSeen('assessment:someone'))).status).toBe(404)
    // Observers read every document with history, so they catch up on all of them.
    const observed = await activityOf(oscar)
    expect(observed.documents.map((document) => document.name)).toEqual(expect.arrayContaining([terms, 'competency-matrix', meeting]))
    expect(observed.actions).toEqual([])
  })
})

describe.each(storeKinds)('a document kept open on %s', (kind) => {
  it('counts as seen again every interval while the member keeps it open, not only when they leave', async () => {
    const store = await freshStore(kind)
    const [kim, lee] = (await createMembers(store, [{ name: 'Kim Keeper', role: 'contributor' }, { name: 'Lee Writer', role: 'contributor' }])) as [TestMember, TestMember]
    const running = await startStudio(store, {}, { visitIntervalMs: 300 })
    const providers: HocuspocusProvider[] = []
    try {
      const [kimCookie, leeCookie] = [await signIn(running.url, kim.email), await signIn(running.url, lee.email)]
      const lastSeen = async () => ((await (await call(running, 'GET', activityPaths.lastSeen(terms), { cookie: kimCookie })).json()) as LastSeenResponse).document
      for (const cookie of [kimCookie, leeCookie]) {
        providers.push(connectProvider({ baseUrl: running.url, cookie, document: terms }))
        await waitFor(() => providers.at(-1)!.synced, 10_000, 'the provider to sync')
      }
      const [byKim, byLee] = providers as [HocuspocusProvider, HocuspocusProvider]
      appendParagraph(byLee, 'Lee writes while Kim watches.')
      await waitFor(() => byKim.document.getXmlFragment(richTextField).toString().includes('Lee writes'), 10_000, 'Lee\'s words on Kim\'s screen')
      const edited = new Date().toISOString()
      // Kim never left, yet what she saw is recorded, Lee's words included.
      await waitFor(async () => {
        const seen = await lastSeen()
        return seen.lastSeenAt !== null && seen.lastSeenAt > edited && seen.changes === 0
      }, 10_000, 'Kim\'s open document counted as seen')
    } finally {
      for (const provider of providers) destroyProvider(provider)
      await running.close()
      await store.dispose()
    }
  })
  it('captures an open document once a round for everyone there, not once for each of them', async () => {
    const store = await freshStore(kind)
    const people = (await createMembers(store, ['Ada', 'Ben', 'Cai', 'Dee'].map((name) => ({ name: `${name} Reader`, role: 'contributor' as const })))) as TestMember[]
    const intervalMs = 400
    const running = await startStudio(store, {}, { visitIntervalMs: intervalMs })
    const providers: HocuspocusProvider[] = []
    try {
      const cookies = await Promise.all(people.map((person) => signIn(running.url, person.email)))
      const autoVersions = async () =>
        ((await (await call(running, 'GET', historyPaths.versions(terms), { cookie: cookies[0]! })).json()) as { versions: Array<{ kind: string }> }).versions.filter((version) => version.kind === 'auto').length
      // Four people join a little apart, so rounds kept per connection would fall at four different moments.
      for (const cookie of cookies) {
        providers.push(connectProvider({ baseUrl: running.url, cookie, document: terms }))
        await waitFor(() => providers.at(-1)!.synced, 10_000, 'the provider to sync')
        await new Promise((resolve) => setTimeout(resolve, intervalMs / 4))
      }
      const before = await autoVersions()
      // One of them writes all the while, so every capture finds a change.
      const started = performance.now()
      let line = 0
      while (performance.now() - started < intervalMs * 3) {
        appendParagraph(providers[0]!, `Line ${line++} of a long afternoon.`)
        await new Promise((resolve) => setTimeout(resolve, 40))
      }
      const rounds = Math.ceil((performance.now() - started) / intervalMs)
      // One capture a round (and one more where a round had begun before the writing); one per
      // person each round would be four times as many.
      expect(await autoVersions() - before).toBeLessThanOrEqual(rounds + 1)
    } finally {
      for (const provider of providers) destroyProvider(provider)
      await running.close()
      await store.dispose()
    }
  })
})
