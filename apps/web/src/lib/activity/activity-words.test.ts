import type { DocumentActivity } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { changesWords, commentsWords, newsWords } from './activity-words.ts'

const quiet: DocumentActivity = {
  name: 'terms-of-reference', kind: 'terms-of-reference', title: 'Terms of reference', lastSeenAt: '2026-12-05T18:00:00.000Z',
  since: null, sinceApproximate: false, changes: 0, summary: null, contributors: [], comments: { new: 0, resolved: 0 }, decisions: [], link: '/terms-of-reference',
}

describe('catching-up words', () => {
  it('names what changed and who changed it', () => {
    const changed = { ...quiet, changes: 5, summary: { kind: 'text' as const, wordsAdded: 4, wordsRemoved: 1 }, contributors: [{ id: 'a', name: 'Alice' }, { id: 'c', name: 'Carl' }] }
    expect(changesWords(changed)).toBe('4 words added, 1 word removed by Alice and Carl')
  })

  it('says nothing when nothing is new', () => {
    expect(changesWords(quiet)).toBeNull()
    expect(commentsWords(quiet.comments)).toBeNull()
    expect(newsWords(quiet)).toEqual([])
  })

  it('counts comments and decisions', () => {
    expect(newsWords({ ...quiet, comments: { new: 2, resolved: 1 }, decisions: [{ id: 'd', text: 'Meet monthly', createdAt: '' }] }))
      .toEqual(['2 new comments, 1 thread resolved', '1 decision recorded'])
  })
})
