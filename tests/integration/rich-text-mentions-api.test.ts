/**
 * Mentions typed into the rich-text documents (issue 14): a member writes a mention into the
 * terms of reference (or a meeting's notes) through a real HocuspocusProvider, and the
 * mentioned member is told once, the writer as the actor. Not told: the writer mentioning
 * themself, a pending applicant, an id that is no member, a member already mentioned, and
 * a mention the studio itself writes (as a restore or an import does).
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import type { NotificationsResponse } from '@studio/contract'
import { settleMs } from '@studio/server/notifications/meeting-watch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

type Who = 'olga' | 'carl' | 'bo' | 'oscar' | 'cora' | 'pat'

/** A paragraph as the editor writes one holding mentions: text and inline mention elements. */
function paragraphWith(parts: Array<string | { id: string; label: string }>): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, parts.map((part) => {
    if (typeof part === 'string') return new Y.XmlText(part)
    const mention = new Y.XmlElement('mention')
    mention.setAttribute('id', part.id)
    mention.setAttribute('label', part.label)
    mention.setAttribute('mentionSuggestionChar', '@')
    return mention
  }))
  return paragraph
}

function append(doc: Y.Doc, field: string, paragraph: Y.XmlElement): void {
  const fragment = doc.getXmlFragment(field)
  fragment.insert(fragment.length, [paragraph])
}

describe.each(storeKinds)('mentions in rich text on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  const members = {} as Record<Who, TestMember>
  const cookies = {} as Record<Who, string>
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    const names: Array<[Who, string, 'organiser' | 'contributor' | 'observer', 'approved' | 'pending']> = [
      ['olga', 'Olga Organiser', 'organiser', 'approved'],
      ['carl', 'Carl Contributor', 'contributor', 'approved'],
      ['bo', 'Bo Chen', 'contributor', 'approved'],
      ['oscar', 'Oscar Observer', 'observer', 'approved'],
      ['cora', 'Cora Contributor', 'contributor', 'approved'],
      ['pat', 'Pat Pending', 'contributor', 'pending'],
    ]
    const created = await createMembers(store, names.map(([, name, role, status]) => ({ name, role, status })))
    running = await startStudio(store, { LOG_LEVEL: 'error' })
    for (const [index, [key, , , status]] of names.entries()) {
      members[key] = created[index]!
      if (status === 'approved') cookies[key] = await signIn(running.url, created[index]!.email)
    }
  })

  afterAll(async () => {
    for (const provider of providers.splice(0)) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  async function mentions(who: Who): Promise<NotificationsResponse['notifications']> {
    const response = await call(running, 'GET', '/api/notifications', { cookie: cookies[who] })
    expect(response.status).toBe(200)
    return ((await response.json()) as NotificationsResponse).notifications.filter((n) => n.kind === 'mention')
  }
  const storedFor = (who: Who) => running.studio.store.db.selectFrom('notifications').select('id').where('recipient_id', '=', members[who].id).execute()

  async function open(who: Who, document: string): Promise<HocuspocusProvider> {
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies[who], document })
    providers.push(provider)
    await waitFor(() => provider.synced, 10_000, `${who} to sync ${document}`)
    return provider
  }

  it('tells a member mentioned in the terms of reference once, with the writer as the actor', async () => {
    const carl = await open('carl', 'terms-of-reference')
    append(carl.document, 'default', paragraphWith([
      'Over to ', { id: members.bo.id, label: 'Bo' }, ' for the roles, with ', { id: members.carl.id, label: 'Carl' },
      ', ', { id: members.pat.id, label: 'Pat' }, ' and ', { id: 'no-such-member', label: 'Nobody' }, '.',
    ]))
    await waitFor(async () => (await mentions('bo')).length === 1, 10_000, 'Bo to hear of the mention')
    const [told] = await mentions('bo')
    expect(told).toMatchObject({
      kind: 'mention', read: false, actor: { id: members.carl.id, name: 'Carl Contributor' }, document: 'terms-of-reference', link: '/terms-of-reference',
    })
    expect(told!.text).toBe('Carl Contributor mentioned you in the terms of reference: “Over to @Bo for the roles, with @Carl, @Pat and @Nobody.”')
    expect(await mentions('carl')).toEqual([])
    expect(await storedFor('pat')).toEqual([])
    const strays = await running.studio.store.db.selectFrom('notifications').select('id').where('recipient_id', '=', 'no-such-member').execute()
    expect(strays).toEqual([])
  })

  it('does not tell a member again when a later edit keeps or repeats their mention', async () => {
    const carl = await open('carl', 'terms-of-reference')
    const fragment = carl.document.getXmlFragment('default')
    const first = fragment.get(fragment.length - 1) as Y.XmlElement
    ;(first.get(0) as Y.XmlText).insert(0, 'Now: ')
    // Bo again, and Oscar (an observer reads the terms, so he hears of it) for the first time.
    append(carl.document, 'default', paragraphWith(['Thanks ', { id: members.bo.id, label: 'Bo' }, ' and ', { id: members.oscar.id, label: 'Oscar' }, '.']))
    await waitFor(async () => (await mentions('oscar')).length === 1, 10_000, 'Oscar to hear of his mention')
    expect(await mentions('bo')).toHaveLength(1)
  })

  it('tells nobody of a mention the studio writes itself, as a restore or an import does', async () => {
    await running.studio.serverChanges.apply('terms-of-reference', null, (doc) => {
      append(doc, 'default', paragraphWith(['Restored: ', { id: members.olga.id, label: 'Olga' }]))
    })
    // Carl's next edit settles after the studio's change: Cora is told, Olga is not.
    const carl = await open('carl', 'terms-of-reference')
    await waitFor(() => carl.document.getXmlFragment('default').toString().includes(members.olga.id), 10_000, 'the restored mention to reach Carl')
    append(carl.document, 'default', paragraphWith(['Over to ', { id: members.cora.id, label: 'Cora' }]))
    await waitFor(async () => (await mentions('cora')).length === 1, 10_000, 'Cora to hear of her mention')
    expect(await mentions('olga')).toEqual([])
  })

  it('tells a member mentioned in a meeting\'s notes, linking to the meeting', async () => {
    const bo = await open('bo', 'meeting:kick-off')
    append(bo.document, 'notes', paragraphWith(['Question for ', { id: members.cora.id, label: 'Cora' }]))
    await waitFor(async () => (await mentions('cora')).length === 2, 10_000, 'Cora to hear of the meeting mention')
    const [latest] = await mentions('cora')
    expect(latest).toMatchObject({ actor: { id: members.bo.id }, document: 'meeting:kick-off', link: '/meetings/kick-off' })
    expect(latest!.text).toContain('Bo Chen mentioned you in the meeting “')
  })

  it('quotes the sentence as finished: the writer\'s keystrokes after a mention put its notice off until they pause', async () => {
    const olga = await open('olga', 'meeting:kick-off')
    append(olga.document, 'notes', paragraphWith(['Ask ', { id: members.carl.id, label: 'Carl' }, ' about']))
    const notes = olga.document.getXmlFragment('notes')
    const tail = (notes.get(notes.length - 1) as Y.XmlElement).get(2) as Y.XmlText
    // Olga types on, a word every 0.6 s: for longer than the settling pause, never pausing that long.
    const typedAt = Date.now()
    for (const word of [' the', ' roles', ' before', ' Friday', '.']) {
      await new Promise((resolve) => setTimeout(resolve, settleMs * 0.4))
      tail.insert(tail.length, word)
    }
    expect(Date.now() - typedAt).toBeGreaterThan(settleMs)
    await waitFor(async () => (await mentions('carl')).length === 1, 10_000, 'Carl to hear of his mention')
    const [told] = await mentions('carl')
    expect(told!.text).toContain('“Ask @Carl about the roles before Friday.”')
  })
})
