/**
 * The comment rules the server enforces and the web app offers: who edits, who resolves and
 * reopens, where a reply may go, and which documents take comments.
 */
import { describe, expect, it } from 'vitest'
import {
  commentAccessProblem, editProblem, mayComment, mayEditComment, mayResolveThread, replyProblem, resolveProblem, type Commenter,
} from './comment-permissions.ts'
import type { Comment } from './comments.ts'

const author: Commenter = { id: 'author', role: 'observer' }
const organiser: Commenter = { id: 'olga', role: 'organiser' }
const contributor: Commenter = { id: 'carl', role: 'contributor' }
const observer: Commenter = { id: 'oscar', role: 'observer' }

function comment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: 'thread', document: 'competency-matrix', anchor: 'cell:risk|pmo-analyst', body: 'Too high?',
    authorId: author.id, authorName: 'Ann Author', replyTo: null, resolved: false, resolvedBy: null,
    resolvedByName: null, resolvedAt: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', editedAt: null, quote: null,
    ...overrides,
  }
}

describe('comment permissions', () => {
  it('lets only the author edit a comment, whatever the role of anyone else', () => {
    expect(editProblem(comment(), author)).toBeNull()
    for (const other of [organiser, contributor, observer]) {
      expect(editProblem(comment(), other)).toMatchObject({ status: 403, code: 'forbidden' })
    }
  })

  it('lets the thread author, organisers and contributors resolve, and observers only their own thread', () => {
    for (const member of [author, organiser, contributor]) expect(resolveProblem(comment(), member)).toBeNull()
    expect(resolveProblem(comment(), observer)).toMatchObject({ status: 403, code: 'forbidden' })
  })

  it('resolves threads only, never a reply', () => {
    expect(resolveProblem(comment({ replyTo: 'thread' }), organiser)).toMatchObject({ status: 400, code: 'invalid', field: 'resolved' })
  })

  it('accepts a reply to a thread of the same document at the same anchor, and nothing else', () => {
    const thread = comment()
    expect(replyProblem(thread, { document: thread.document, anchor: thread.anchor })).toBeNull()
    expect(replyProblem(null, { document: thread.document, anchor: thread.anchor })?.field).toBe('replyTo')
    expect(replyProblem(thread, { document: 'terms-of-reference', anchor: thread.anchor })?.field).toBe('replyTo')
    expect(replyProblem(comment({ replyTo: 'other' }), { document: thread.document, anchor: thread.anchor })?.field).toBe('replyTo')
    expect(replyProblem(thread, { document: thread.document, anchor: 'text' })?.field).toBe('anchor')
  })

  it('refuses documents the member cannot read with 403 and readable ones without comments with 400', () => {
    for (const member of [organiser, contributor, observer]) {
      for (const document of ['terms-of-reference', 'competency-matrix', 'meetings', 'meeting:plenary-1']) {
        expect(commentAccessProblem(document, member), `${member.role} on ${document}`).toBeNull()
      }
      expect(commentAccessProblem('assessment:someone-else', member)?.status).toBe(403)
      expect(commentAccessProblem('no-such-document', member)?.status).toBe(403)
      expect(commentAccessProblem(`assessment:${member.id}`, member)).toMatchObject({ status: 400, field: 'document' })
      expect(commentAccessProblem('comments:terms-of-reference', member)?.status).toBe(400)
    }
  })

  it('answers yes or no for the pages, and no for nobody signed in', () => {
    const thread = comment({ authorId: observer.id })
    expect(mayEditComment(thread, observer)).toBe(true)
    expect(mayEditComment(thread, organiser)).toBe(false)
    expect(mayResolveThread(thread, observer)).toBe(true)
    expect(mayResolveThread(thread, contributor)).toBe(true)
    expect(mayResolveThread(thread, { id: 'other', role: 'observer' })).toBe(false)
    expect(mayResolveThread(comment({ replyTo: 'thread' }), organiser)).toBe(false)
    expect(mayComment('competency-matrix', observer)).toBe(true)
    expect(mayComment('assessment:someone-else', organiser)).toBe(false)
    expect(mayComment('competency-matrix', null)).toBe(false)
    expect(mayEditComment(thread, null)).toBe(false)
    expect(mayResolveThread(thread, null)).toBe(false)
  })
})
