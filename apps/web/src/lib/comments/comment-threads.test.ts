import type { Comment } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import {
  buildThreads, defaultAnchorLabel, mergeComments, openCommentsLabel, openCountsByAnchor,
} from './comment-threads.ts'

function comment(id: string, overrides: Partial<Comment> = {}): Comment {
  return {
    id, document: 'competency-matrix', anchor: 'text', body: id, authorId: 'ann', authorName: 'Ann', replyTo: null,
    resolved: false, resolvedBy: null, resolvedByName: null, resolvedAt: null,
    createdAt: `2026-01-01T00:00:0${id.length}.000Z`, updatedAt: '2026-01-01T00:00:00.000Z', editedAt: null, quote: null, ...overrides,
  }
}

describe('comment threads', () => {
  it('keeps the most recently updated version of each comment, the later source on a tie', () => {
    const fromApi = [comment('a', { body: 'api', updatedAt: '2026-01-02T00:00:00.000Z' }), comment('b', { body: 'api' })]
    const fromMirror = [comment('a', { body: 'mirror' }), comment('b', { body: 'mirror' }), comment('c')]
    const merged = mergeComments(fromApi, fromMirror)
    expect([...merged.values()].map((c) => `${c.id}:${c.body}`)).toEqual(['a:api', 'b:mirror', 'c:c'])
  })

  it('groups replies under their thread in order and leaves out replies to unknown threads', () => {
    const threads = buildThreads([
      comment('reply-2', { replyTo: 't', createdAt: '2026-01-03T00:00:00.000Z' }),
      comment('t', { createdAt: '2026-01-01T00:00:00.000Z', anchor: 'role:x' }),
      comment('reply-1', { replyTo: 't', createdAt: '2026-01-02T00:00:00.000Z' }),
      comment('orphan', { replyTo: 'missing' }),
    ])
    expect(threads).toHaveLength(1)
    expect(threads[0]!.anchor).toBe('role:x')
    expect(threads[0]!.replies.map((c) => c.id)).toEqual(['reply-1', 'reply-2'])
  })

  it('counts open threads per anchor, never replies or resolved threads', () => {
    const threads = buildThreads([
      comment('one', { anchor: 'cell:a|b' }), comment('two', { anchor: 'cell:a|b' }), comment('three', { anchor: 'cell:a|b', resolved: true }),
      comment('reply', { anchor: 'cell:a|b', replyTo: 'one' }), comment('four', { anchor: 'role:b' }),
    ])
    expect(Object.fromEntries(openCountsByAnchor(threads))).toEqual({ 'cell:a|b': 2, 'role:b': 1 })
  })

  it('names counts and anchors in words', () => {
    expect(openCommentsLabel(0)).toBe('No open comments')
    expect(openCommentsLabel(1, 'Risk')).toBe('1 open comment on Risk')
    expect(openCommentsLabel(2)).toBe('2 open comments')
    expect(defaultAnchorLabel('cell:risk-management|pmo-analyst')).toBe('risk management for pmo analyst')
    expect(defaultAnchorLabel('text')).toBe('the whole document')
  })

})
