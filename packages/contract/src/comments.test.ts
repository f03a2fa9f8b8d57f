/** Comment anchors: the forms each document takes, and the builders the web app uses. */
import { describe, expect, it } from 'vitest'
import {
  anchorKindsFor, cellAnchor, commentRules, commentSchema, competencyAnchor, createCommentBody, domainAnchor, headingAnchor, headingSlug, isPassageAnchor,
  parseAnchor, passageAnchor, pmoTypeAnchor, roleAnchor,
} from './comments.ts'

describe('comment anchors', () => {
  it('parses every documented form and builds the same strings', () => {
    expect(parseAnchor('text')).toEqual({ kind: 'text' })
    expect(parseAnchor(cellAnchor('risk', 'pmo-analyst'))).toEqual({ kind: 'cell', competencyId: 'risk', roleId: 'pmo-analyst', pmoTypeId: null })
    expect(parseAnchor(cellAnchor('risk', 'pmo-analyst', 'project-office'))).toEqual({
      kind: 'cell', competencyId: 'risk', roleId: 'pmo-analyst', pmoTypeId: 'project-office',
    })
    expect(parseAnchor(competencyAnchor('risk'))).toEqual({ kind: 'competency', id: 'risk' })
    expect(parseAnchor(roleAnchor('head-of-pmo'))).toEqual({ kind: 'role', id: 'head-of-pmo' })
    expect(parseAnchor(domainAnchor('financial-control'))).toEqual({ kind: 'domain', id: 'financial-control' })
    expect(parseAnchor(pmoTypeAnchor('project-office'))).toEqual({ kind: 'pmo-type', id: 'project-office' })
    expect(parseAnchor(headingAnchor('Roles & Responsibilities'))).toEqual({ kind: 'heading', slug: 'roles-responsibilities' })
    expect(parseAnchor('item:plenary_1')).toEqual({ kind: 'item', id: 'plenary_1' })
  })

  it('refuses unknown prefixes, stray separators, spaces and over-long anchors', () => {
    for (const anchor of ['', 'Text', 'text ', 'paragraph:1', 'cell:a', 'cell:a|b|c|d', 'role:', 'role:a b', 'heading:Purpose', `role:${'a'.repeat(65)}`, `heading:${'a'.repeat(301)}`]) {
      expect(parseAnchor(anchor), anchor).toBeNull()
    }
  })

  it('gives each commentable document its own anchors, and none to anything else', () => {
    expect(anchorKindsFor('competency-matrix')).toEqual(['text', 'cell', 'competency', 'role', 'domain', 'pmo-type'])
    expect(anchorKindsFor('terms-of-reference')).toEqual(['text', 'heading', 'passage'])
    expect(anchorKindsFor('meeting:plenary-1')).toEqual(['text', 'heading', 'item', 'passage'])
    expect(anchorKindsFor('meetings')).toEqual(['text', 'item'])
    expect(anchorKindsFor('assessment:someone')).toEqual([])
    expect(anchorKindsFor('comments:terms-of-reference')).toEqual([])
  })

  it('makes a slug of any heading, even one with no ASCII letters', () => {
    expect(headingSlug('  Décisions et actions  ')).toBe('decisions-et-actions')
    expect(headingSlug('日本語')).toBe('section')
  })

  it('trims the body and lists every invalid field of a new comment', () => {
    const parsed = createCommentBody.safeParse({ document: 'terms-of-reference', anchor: 'text', body: '  Hello \n' })
    expect(parsed.success && parsed.data.body).toBe('Hello')
    const failed = createCommentBody.safeParse({ document: 'terms-of-reference', anchor: 'role:x', body: '' })
    expect(failed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['anchor', 'body'])
  })
})

describe('passage anchors and quotes', () => {
  // Real ends of a passage: Y.encodeRelativePosition of two characters' positions, base64url.
  const start = 'APSJguUEFAA'
  const end = 'APSJguUEI0E'
  const anchor = passageAnchor(start, end)
  const thread = (fields: Record<string, unknown>) => createCommentBody.safeParse({ document: 'terms-of-reference', anchor, body: 'Too vague', ...fields })
  const issuePaths = (parsed: ReturnType<typeof thread>) => parsed.error?.issues.map((issue) => issue.path.join('.')).sort() ?? []

  it('parses a passage anchor into its two positions and builds the same string', () => {
    expect(anchor).toBe(`passage:${start}.${end}`)
    expect(parseAnchor(anchor)).toEqual({ kind: 'passage', start, end })
    expect(isPassageAnchor(anchor)).toBe(true)
    expect(isPassageAnchor('text')).toBe(false)
  })

  it('refuses a passage anchor with a missing, padded, non-base64url or over-long position', () => {
    for (const bad of ['passage:', `passage:${start}`, `passage:${start}.`, `passage:.${end}`, `passage:${start}=.${end}`, `passage:${start}+.${end}`, `passage:${start}.${end}.${end}`, `passage:${'A'.repeat(141)}.${end}`]) {
      expect(parseAnchor(bad), bad).toBeNull()
    }
    // The longest positions still fit the anchor limit.
    expect(passageAnchor('A'.repeat(140), 'B'.repeat(140)).length).toBeLessThanOrEqual(commentRules.maxAnchor)
  })

  it('takes passages on the terms of reference and meetings only', () => {
    expect(thread({ quote: 'Members meet monthly' }).success).toBe(true)
    expect(thread({ document: 'meeting:plenary-1', quote: 'Members meet monthly' }).success).toBe(true)
    expect(issuePaths(thread({ document: 'competency-matrix', quote: 'Risk' }))).toEqual(['anchor'])
    expect(issuePaths(thread({ document: 'meetings', quote: 'Plenary' }))).toEqual(['anchor'])
  })

  it('needs a trimmed quote of 1 to 500 characters on a new passage thread', () => {
    const trimmed = thread({ quote: '  Members meet monthly \n' })
    expect(trimmed.success && trimmed.data.quote).toBe('Members meet monthly')
    expect(issuePaths(thread({}))).toEqual(['quote'])
    expect(issuePaths(thread({ quote: '   ' }))).toEqual(['quote'])
    expect(thread({ quote: 'x'.repeat(commentRules.maxQuote) }).success).toBe(true)
    const tooLong = thread({ quote: 'x'.repeat(commentRules.maxQuote + 1) })
    expect(issuePaths(tooLong)).toEqual(['quote'])
    expect(tooLong.error?.issues[0]?.message).toBe('Quote at most 500 characters of the passage.')
  })

  it('refuses a quote anywhere else: other anchors and replies', () => {
    expect(issuePaths(thread({ anchor: 'text', quote: 'Members' }))).toEqual(['quote'])
    expect(issuePaths(thread({ replyTo: 'thread-1', quote: 'Members' }))).toEqual(['quote'])
    expect(thread({ replyTo: 'thread-1' }).success).toBe(true)
  })

  it('reads a mirrored comment written before quotes existed as having none', () => {
    const old = {
      id: 'c1', document: 'terms-of-reference', anchor: 'text', body: 'Hi', authorId: 'a', authorName: 'Ann', replyTo: null, resolved: false,
      resolvedBy: null, resolvedByName: null, resolvedAt: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', editedAt: null,
    }
    expect(commentSchema.parse(old).quote).toBeNull()
  })
})
