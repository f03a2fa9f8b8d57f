/**
 * The comment rules without a server: who edits, who resolves and reopens, where a reply
 * may go, and which documents take comments.
 */
import type { Comment } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { commentAccessProblem, editProblem, replyProblem, resolveProblem, type Commenter } from './comment-rules.ts'

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

describe('comment rules', () => {
  it('lets only the author edit a comment, whatever the role of anyone else', () => {
    expect(editProblem(comment(), author)).toBeNull()
    for (const other of [organiser, contributor, observer]) expect(editProblem(comment(), other)?.statusCode).toBe(403)
  })

  it('lets the thread author, organisers and contributors resolve, and observers only their own thread', () => {
    for (const member of [author, organiser, contributor]) expect(resolveProblem(comment(), member)).toBeNull()
    expect(resolveProblem(comment(), observer)?.statusCode).toBe(403)
  })

  it('resolves threads only, never a reply', () => {
    const problem = resolveProblem(comment({ replyTo: 'thread' }), organiser)
    expect(problem?.statusCode).toBe(400)
    expect(problem?.errors[0]?.field).toBe('resolved')
  })

  it('accepts a reply to a thread of the same document at the same anchor, and nothing else', () => {
    const thread = comment()
    expect(replyProblem(thread, { document: thread.document, anchor: thread.anchor })).toBeNull()
    expect(replyProblem(null, { document: thread.document, anchor: thread.anchor })?.errors[0]?.field).toBe('replyTo')
    expect(replyProblem(thread, { document: 'terms-of-reference', anchor: thread.anchor })?.errors[0]?.field).toBe('replyTo')
    expect(replyProblem(comment({ replyTo: 'other' }), { document: thread.document, anchor: thread.anchor })?.errors[0]?.field).toBe('replyTo')
    expect(replyProblem(thread, { document: thread.document, anchor: 'text' })?.errors[0]?.field).toBe('anchor')
  })

  it('refuses documents the member cannot read with 403 and readable ones without comments with 400', () => {
    for (const member of [organiser, contributor, observer]) {
      for (const document of ['terms-of-reference', 'competency-matrix', 'meetings', 'meeting:plenary-1']) {
        expect(commentAccessProblem(document, member), `${member.role} on ${document}`).toBeNull()
      }
      expect(commentAccessProblem('assessment:someone-else', member)?.statusCode).toBe(403)
      expect(commentAccessProblem('no-such-document', member)?.statusCode).toBe(403)
      expect(commentAccessProblem(`assessment:${member.id}`, member)?.statusCode).toBe(400)
      expect(commentAccessProblem('comments:terms-of-reference', member)?.statusCode).toBe(400)
    }
  })
})
