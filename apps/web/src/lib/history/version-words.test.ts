import { describe, expect, it } from 'vitest'
import { peopleList, summaryWords, versionTitle } from './version-words.ts'

const none = { added: 0, changed: 0, archived: 0 }

describe('version words', () => {
  it('titles a version by its name, else by what made it', () => {
    expect(versionTitle({ name: 'Consultation draft 1', kind: 'named' })).toBe('Consultation draft 1')
    expect(versionTitle({ name: null, kind: 'before-restore' })).toBe('Before a restore')
  })

  it('lists people as a sentence', () => {
    expect(peopleList([])).toBeNull()
    expect(peopleList(['Ana'])).toBe('Ana')
    expect(peopleList(['Ana', 'Ben', 'Carl'])).toBe('Ana, Ben and Carl')
  })

  it('says what a summary counts', () => {
    expect(summaryWords({ kind: 'text', wordsAdded: 12, wordsRemoved: 1 })).toBe('12 words added, 1 word removed')
    expect(summaryWords({ kind: 'matrix', cells: { added: 0, changed: 4, archived: 1 }, competencies: { ...none, added: 1 }, roles: none, domains: none, pmoTypes: none }))
      .toBe('4 cells changed, 1 cell cleared, 1 competency added')
    expect(summaryWords({ kind: 'text', wordsAdded: 0, wordsRemoved: 0 })).toBe('No visible change')
  })
})
