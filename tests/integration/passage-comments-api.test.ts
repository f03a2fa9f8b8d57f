/**
 * Comments on a passage over real HTTP, on both stores: a thread anchored to
 * `passage:<start>.<end>` on the terms of reference and on a meeting, with its quote stored,
 * listed and mirrored into `comments:<document>`; refused where passages do not exist (the
 * matrix, the meetings list); the quote's rules; replies; and observers as the shared comment
 * rule says.
 */
import { commentRules, commentsMapName, mayComment, passageAnchor, type Comment, type CommentResponse, type CommentsResponse } from '@studio/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

type Who = 'contributor' | 'observer' | 'pending'

// Two encoded Yjs relative positions, as the web app makes them from a selection.
const passage = passageAnchor('APSJguUEFAA', 'APSJguUEI0E')
const meeting = 'meeting:plenary-2026-01'

describe.each(storeKinds)('comments on a passage on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  const members = {} as Record<Who, TestMember>
  const cookies = {} as Record<Who, string>

  beforeAll(async () => {
    store = await freshStore(kind)
    const created = await createMembers(store, [
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])
    running = await startStudio(store, { LOG_LEVEL: 'error' })
    const keys: Who[] = ['contributor', 'observer', 'pending']
    for (const [index, key] of keys.entries()) {
      members[key] = created[index]!
      cookies[key] = await signIn(running.url, created[index]!.email)
    }
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  const post = (who: Who, body: Record<string, unknown>) => call(running, 'POST', '/api/comments', { cookie: cookies[who], body })

  async function created(who: Who, body: Record<string, unknown>): Promise<Comment> {
    const response = await post(who, body)
    expect(response.status, JSON.stringify(body)).toBe(201)
    return ((await response.json()) as CommentResponse).comment
  }

  async function refusedFields(response: Response): Promise<string[]> {
    expect(response.status).toBe(400)
    return (await errorOf(response)).errors.map((error) => error.field ?? '').sort()
  }

  it('starts a thread on a passage of the terms of reference, keeps its quote, lists it and mirrors it', async () => {
    const thread = await created('contributor', { document: 'terms-of-reference', anchor: passage, body: 'Monthly is too often.', quote: '  meet every month \n' })
    expect(thread).toMatchObject({ anchor: passage, quote: 'meet every month', replyTo: null, authorId: members.contributor.id })

    const listing = await call(running, 'GET', '/api/comments?document=terms-of-reference', { cookie: cookies.observer })
    const listed = ((await listing.json()) as CommentsResponse).comments
    expect(listed.find((comment) => comment.id === thread.id)).toEqual(thread)

    const mirrored = await running.studio.serverChanges.read('comments:terms-of-reference', (doc) => doc.getMap<Comment>(commentsMapName).get(thread.id))
    expect(mirrored).toMatchObject({ anchor: passage, quote: 'meet every month' })
  })

  it('starts one on a passage of a meeting, and keeps the quote when the thread is edited and resolved', async () => {
    const thread = await created('contributor', { document: meeting, anchor: passage, body: 'Who takes this?', quote: 'Budget review' })
    const edit = await call(running, 'PATCH', `/api/comments/${thread.id}`, { cookie: cookies.contributor, body: { body: 'Who takes this action?' } })
    expect(((await edit.json()) as CommentResponse).comment.quote).toBe('Budget review')
    const resolve = await call(running, 'PATCH', `/api/comments/${thread.id}`, { cookie: cookies.contributor, body: { resolved: true } })
    expect(((await resolve.json()) as CommentResponse).comment).toMatchObject({ resolved: true, quote: 'Budget review' })
  })

  it('refuses a passage on the competency matrix and on the meetings list', async () => {
    for (const document of ['competency-matrix', 'meetings']) {
      const response = await post('contributor', { document, anchor: passage, body: 'Here?', quote: 'Risk' })
      expect(await refusedFields(response), document).toEqual(['anchor'])
    }
  })

  it('needs a quote of at most 500 characters on a passage thread, and takes none elsewhere', async () => {
    const base = { document: 'terms-of-reference', anchor: passage, body: 'Quote rules' }
    expect(await refusedFields(await post('contributor', base))).toEqual(['quote'])
    const tooLong = await post('contributor', { ...base, quote: 'x'.repeat(commentRules.maxQuote + 1) })
    expect(response400Message(await errorOf(tooLong.clone()))).toBe('Quote at most 500 characters of the passage.')
    expect(await refusedFields(tooLong)).toEqual(['quote'])
    expect((await created('contributor', { ...base, quote: 'x'.repeat(commentRules.maxQuote) })).quote).toHaveLength(commentRules.maxQuote)
    expect(await refusedFields(await post('contributor', { document: 'terms-of-reference', anchor: 'text', body: 'Whole', quote: 'x' }))).toEqual(['quote'])
  })

  it('takes replies at the passage without a quote of their own', async () => {
    const thread = await created('contributor', { document: 'terms-of-reference', anchor: passage, body: 'A thread', quote: 'the framework' })
    const reply = await created('observer', { document: 'terms-of-reference', anchor: passage, body: 'Agreed', replyTo: thread.id })
    expect(reply).toMatchObject({ replyTo: thread.id, anchor: passage, quote: null })
    const quoted = await post('contributor', { document: 'terms-of-reference', anchor: passage, body: 'Again', replyTo: thread.id, quote: 'the framework' })
    expect(await refusedFields(quoted)).toEqual(['quote'])
  })

  it('lets observers comment on a passage as the comment rule says, and refuses pending members', async () => {
    const body = { document: 'terms-of-reference', anchor: passage, body: 'An observer asks', quote: 'meet every month' }
    const allowed = mayComment('terms-of-reference', { id: members.observer.id, role: 'observer' })
    expect((await post('observer', body)).status).toBe(allowed ? 201 : 403)
    expect((await post('pending', body)).status).toBe(403)
  })
})

function response400Message(body: { error: { message: string }; errors: { field?: string; message: string }[] }): string | undefined {
  return body.errors.find((error) => error.field === 'quote')?.message
}
