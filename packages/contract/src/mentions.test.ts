import { describe, expect, it } from 'vitest'
import { mentionMarkup, mentionParts, mentionsIn } from './mentions.ts'

describe('mentions in a comment', () => {
  it('returns the mentioned member ids once each, in order', () => {
    const text = `${mentionMarkup('Ann', 'a1')} and ${mentionMarkup('Bo', 'b_2')}, again ${mentionMarkup('Ann (old name)', 'a1')}`
    expect(mentionsIn(text)).toEqual(['a1', 'b_2'])
  })

  it('ignores what only looks like a mention', () => {
    expect(mentionsIn('mail @ann or @[Ann](user:a1) or [Ann](member:a1) or @[](member:a1)')).toEqual([])
  })

  it('splits the text into runs and mentions for rendering', () => {
    expect(mentionParts(`Hi ${mentionMarkup('Ann', 'a1')}!`)).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', name: 'Ann', memberId: 'a1' },
      { kind: 'text', text: '!' },
    ])
  })

  it('keeps brackets out of the written name, so the stored form stays parseable', () => {
    const markup = mentionMarkup('Ann [chair]', 'a1')
    expect(markup).toBe('@[Ann chair](member:a1)')
    expect(mentionsIn(markup)).toEqual(['a1'])
  })
})
