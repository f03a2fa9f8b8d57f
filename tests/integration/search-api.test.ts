/**
 * Search over real HTTP, real providers and both stores (issue 14): edits made through
 * providers become searchable shortly after (polled, never slept for); each kind of content
 * is found with its title and link (terms of reference sections, a meeting's agenda, notes,
 * decisions and actions, the matrix's names and cell notes, comments); words in any order,
 * the last as a prefix, accents and case ignored; deleted text and edited comments stop
 * being found; snippets are plain text with only the contract's marks; who may search; the
 * 400s; and a restart catches up on what changed while the studio was down.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { searchMarks, searchRules, snippetParts, type Comment, type SearchResponse, type SearchResult } from '@studio/contract'
import { addAction, addDecision, addMeeting, readMatrix, richTextField, setNote } from '@studio/framework'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

function appendBlock(provider: HocuspocusProvider, field: string, type: 'paragraph' | 'heading', text: string, attributes?: Record<string, unknown>): void {
  const fragment = provider.document.getXmlFragment(field)
  provider.document.transact(() => {
    const block = new Y.XmlElement(type)
    if (type === 'heading') block.setAttribute('level', 2 as unknown as string)
    const content = new Y.XmlText()
    block.insert(0, [content])
    fragment.insert(fragment.length, [block])
    content.insert(0, text, attributes)
  })
}

function removeBlock(provider: HocuspocusProvider, field: string, start: string): void {
  const fragment = provider.document.getXmlFragment(field)
  const index = fragment.toArray().findIndex((block) => block instanceof Y.XmlElement && block.toString().includes(start))
  expect(index).toBeGreaterThanOrEqual(0)
  fragment.delete(index, 1)
}

describe.each(storeKinds)('search on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let tess: TestMember, oscar: TestMember, pat: TestMember, olga: TestMember
  const cookies: Record<string, string> = {}
  const providers: HocuspocusProvider[] = []

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[tess, oscar, pat, olga] = (await createMembers(store, [
      { name: 'Tess Terms', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
      { name: 'Olga Organiser', role: 'organiser' },
    ])) as [TestMember, TestMember, TestMember, TestMember]
    running = await startStudio(store)
    for (const member of [tess, oscar, pat, olga]) cookies[member.name] = await signIn(running.url, member.email)
  })

  afterAll(async () => {
    for (const provider of providers) destroyProvider(provider)
    await running?.close()
    await store?.dispose()
  })

  const as = (member: TestMember | null, method: string, path: string, body?: unknown) =>
    call(running, method, path, { ...(member ? { cookie: cookies[member.name] } : {}), ...(body === undefined ? {} : { body }) })
  const search = async (member: TestMember, q: string): Promise<SearchResult[]> => {
    const response = await as(member, 'GET', `/api/search?q=${encodeURIComponent(q)}`)
    expect(response.status, await response.clone().text()).toBe(200)
    return ((await response.json()) as SearchResponse).results
  }
  const found = async (member: TestMember, q: string, title: string | RegExp, what = q): Promise<SearchResult> => {
    let result: SearchResult | undefined
    await waitFor(async () => {
      result = (await search(member, q)).find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(candidate.title)))
      return result !== undefined
    }, 10_000, `${what} to be found`)
    return result!
  }
  const open = async (member: TestMember, document: string) => {
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies[member.name], document })
    providers.push(provider)
    await waitFor(() => provider.synced, 10_000, `${member.name} to sync ${document}`)
    return provider
  }
  const marked = (result: SearchResult) => snippetParts(result.snippet).filter((part) => part.match).map((part) => part.text)

  it('finds a section of the terms of reference by words in any order, the last a prefix, accents and case ignored, until it is deleted', async () => {
    const terms = await open(tess, 'terms-of-reference')
    appendBlock(terms, richTextField, 'heading', 'Quokka purpose')
    appendBlock(terms, richTextField, 'paragraph', 'The group writes Café outcomes for every wallaby office.')
    const result = await found(tess, 'office CAFE wallab', 'Terms of reference › Quokka purpose', 'a new section')
    expect(result).toMatchObject({ document: 'terms-of-reference', link: '/terms-of-reference' })
    expect(marked(result)).toEqual(['Café', 'wallaby', 'office'])
    expect(snippetParts(result.snippet).map((part) => part.text).join('')).toBe('The group writes Café outcomes for every wallaby office.')
    // The heading's own words find it too, and every word must be there.
    // A match in the title alone: the place's name marked, then how its text begins.
    const byHeading = await found(tess, 'quokka', 'Terms of reference › Quokka purpose')
    expect(byHeading.snippet).toBe(`${searchMarks.start}Quokka${searchMarks.end} purpose — The group writes Café outcomes for every wallaby office.`)
    expect((await search(tess, 'quokka elephant')).length).toBe(0)

    removeBlock(terms, richTextField, 'wallaby office')
    await waitFor(async () => (await search(tess, 'wallaby')).length === 0, 10_000, 'deleted text to stop being found')
  })

  it('finds a meeting by its title, agenda, notes, decisions and actions, with the meeting\'s label and link', async () => {
    const index = await open(olga, 'meetings')
    addMeeting(index.document, { id: 'bilby-review', title: 'Bilby review', start: '2026-03-12T10:00', timeZone: 'Europe/London', durationMinutes: 60, mode: 'remote' })
    const meeting = await open(tess, 'meeting:bilby-review')
    appendBlock(meeting, 'agenda', 'paragraph', 'Agenda item about kookaburra budgets')
    appendBlock(meeting, 'notes', 'paragraph', 'Notes recorded that the dingo survey closed')
    addDecision(meeting.document, { text: 'Adopt the numbat charter' })
    addAction(meeting.document, { text: 'Draft the echidna letter' })
    const label = 'Bilby review · 12 March 2026'
    for (const [q, title] of [['kookaburra', `${label} › Agenda`], ['dingo', `${label} › Notes`], ['numbat', `${label} › Decision`], ['echidna', `${label} › Action`], ['bilby', label]] as const) {
      expect(await found(tess, q, title)).toMatchObject({ document: 'meeting:bilby-review', link: '/meetings/bilby-review' })
    }
    // An observer reads meetings, so finds them.
    await found(oscar, 'numbat', `${label} › Decision`)
    // A new title relabels the meeting's rows.
    ;(index.document.getMap('meetings').get('bilby-review') as Y.Map<unknown>).set('title', 'Bilby retro')
    await found(tess, 'numbat', 'Bilby retro · 12 March 2026 › Decision', 'the renamed meeting')
  })

  it('finds the matrix\'s names, descriptions and cell notes', async () => {
    const matrix = await open(tess, 'competency-matrix')
    const snapshot = readMatrix(matrix.document)
    const domain = snapshot.domains[0]!
    const competency = domain.competencies[0]!
    const role = snapshot.roles[0]!
    setNote(matrix.document, { competencyId: competency.id, roleId: role.id }, 'Expect a platypus-level grasp of reporting')
    const note = await found(tess, 'platypus', `Matrix › ${competency.name} · ${role.name} (note)`)
    expect(note).toMatchObject({ document: 'competency-matrix', link: '/competency-matrix' })
    await found(oscar, competency.name, `Matrix › ${domain.name} › ${competency.name}`, 'a competency by name')
    await found(oscar, role.name, `Matrix › Roles › ${role.name}`, 'a role by name')
  })

  it('finds comments, by their new words once edited, with who wrote them and where', async () => {
    const posted = await as(tess, 'POST', '/api/comments', { document: 'terms-of-reference', anchor: 'text', body: 'Could we mention the wombat <img src=x onerror=alert(1)> here?' })
    expect(posted.status, await posted.clone().text()).toBe(201)
    const { comment } = (await posted.json()) as { comment: Comment }
    const result = await found(oscar, 'wombat', 'Comment by Tess Terms on Terms of reference')
    expect(result).toMatchObject({ document: 'terms-of-reference', link: '/terms-of-reference' })
    // The snippet is the comment's text as typed: plain text whose only marks are the contract's.
    expect(result.snippet).toBe(`Could we mention the ${searchMarks.start}wombat${searchMarks.end} <img src=x onerror=alert(1)> here?`)

    expect((await as(tess, 'PATCH', `/api/comments/${comment.id}`, { body: 'Could we mention the koala instead?' })).status).toBe(200)
    await found(oscar, 'koala', 'Comment by Tess Terms on Terms of reference', 'the edited comment')
    await waitFor(async () => (await search(oscar, 'wombat')).length === 0, 10_000, 'the old words to stop being found')
    expect((await as(olga, 'PATCH', `/api/comments/${comment.id}`, { resolved: true })).status).toBe(200)
    await found(oscar, 'koala', 'Comment by Tess Terms on Terms of reference (resolved)', 'the resolved comment')
  })

  it('shows formatted text without its formatting', async () => {
    const terms = await open(tess, 'terms-of-reference')
    appendBlock(terms, richTextField, 'paragraph', 'Bold cassowary wording', { bold: {} })
    const result = await found(tess, 'cassowary', /^Terms of reference/)
    expect(result.snippet).not.toMatch(/[<>]/)
    expect(marked(result)).toEqual(['cassowary'])
  })

  it('answers who may search, and says what to fix in a query', async () => {
    expect((await as(null, 'GET', '/api/search?q=koala')).status).toBe(401)
    expect((await as(null, 'GET', '/api/search?q=')).status).toBe(401)
    const pending = await as(pat, 'GET', '/api/search?q=koala')
    expect(pending.status).toBe(403)
    for (const [q, message] of [
      ['', 'Type at least one word to search for.'],
      ['   ', 'Type at least one word to search for.'],
      ['!!! ---', 'Type at least one word (letters or digits) to search for.'],
      ['x'.repeat(searchRules.maxQuery + 1), `Search for at most ${searchRules.maxQuery} characters.`],
    ] as const) {
      const response = await as(tess, 'GET', `/api/search?q=${encodeURIComponent(q)}`)
      expect(response.status).toBe(400)
      const body = await errorOf(response)
      expect(body.errors[0]).toMatchObject({ field: 'q', message })
    }
    const missing = await as(tess, 'GET', '/api/search')
    expect(missing.status).toBe(400)
  })

  it('catches up at start on what changed while it was down', async () => {
    for (const provider of providers.splice(0)) destroyProvider(provider)
    await running.close()
    // Written straight into the store, as another instance or a restore from backup would.
    const { openStore } = await import('@studio/server/store/database')
    const { appendUpdate } = await import('@studio/server/store/update-log')
    const opened = await openStore(store)
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('notes')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Written while down: the quoll clause')])
    fragment.insert(0, [paragraph])
    await appendUpdate(opened, { document: 'meeting:bilby-review', update: Y.encodeStateAsUpdate(doc), authorId: null })
    await opened.close()
    running = await startStudio(store)
    for (const member of [tess, oscar]) cookies[member.name] = await signIn(running.url, member.email)
    await found(tess, 'quoll', /^Bilby retro/, 'content written while the studio was down')
  })
})
