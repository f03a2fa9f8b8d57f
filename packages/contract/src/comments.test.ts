/** Comment anchors: the forms each document takes, and the builders the web app uses. */
import { describe, expect, it } from 'vitest'
import {
  anchorKindsFor, cellAnchor, competencyAnchor, createCommentBody, domainAnchor, headingAnchor, headingSlug, parseAnchor, pmoTypeAnchor, roleAnchor,
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
    expect(anchorKindsFor('terms-of-reference')).toEqual(['text', 'heading'])
    expect(anchorKindsFor('meeting:plenary-1')).toEqual(['text', 'heading', 'item'])
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
