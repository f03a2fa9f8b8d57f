import { describe, expect, it } from 'vitest'
import { describeSkippedEntries, shownEntries } from './skipped-entries.ts'

describe('describeSkippedEntries', () => {
  it('says nothing when nothing was skipped', () => {
    expect(describeSkippedEntries('competency-matrix', [])).toBeNull()
  })

  it('counts the matrix’s entries and says how an organiser repairs them', () => {
    const notice = describeSkippedEntries('competency-matrix', ['competencies.c1: expected a map, found the text "x"', 'meta.title: expected text, found the number 7'])
    expect(notice?.summary).toBe('2 entries of the matrix could not be read and are left out, here and in downloads.')
    expect(notice?.repair).toMatch(/then import that file with Replace/)
    expect(notice?.lines).toHaveLength(2)
  })

  it('names a meeting and the terms of reference in words, in the singular for one', () => {
    expect(describeSkippedEntries('meeting:kick-off', ['notes › block 1: unknown node "iframe" (left out)'])?.summary)
      .toBe('1 entry of this meeting could not be read and is left out, here and in downloads.')
    expect(describeSkippedEntries('terms-of-reference', ['x', 'y'])?.summary).toMatch(/^2 entries of the terms of reference/)
  })

  it('lists at most a screenful and says how many more there are', () => {
    const notice = describeSkippedEntries('competency-matrix', Array.from({ length: shownEntries + 7 }, (_, i) => `expectations.c${i}|r: level 9 is outside the scale 0–5`))
    expect(notice?.lines).toHaveLength(shownEntries)
    expect(notice?.more).toBe(7)
  })
})
