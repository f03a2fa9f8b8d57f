import { describe, expect, it } from 'vitest'
import { changedFields, closingText, instantOfWallTime, wallTimeOf } from './proposal-words.ts'

const levels = new Map([[1, 'Aware'], [3, 'Practitioner']])

describe('proposal words', () => {
  it('lists a cell proposal\'s level and note with their old and new values', () => {
    expect(changedFields({ kind: 'cell', before: { level: null, note: '' }, after: { level: 3, note: 'Leads it.' } }, levels)).toEqual([
      { label: 'Level', before: 'No level', after: '3 Practitioner' },
      { label: 'Note', before: '', after: 'Leads it.' },
    ])
  })

  it('lists only the competency fields a proposal changes, descriptors by level', () => {
    const fields = changedFields({
      kind: 'competency',
      before: { name: 'Benefits', descriptors: [{ rank: 1, summary: 'Knows of it.', indicators: [] }] },
      after: { name: 'Benefits realisation', descriptors: [{ rank: 1, summary: 'Knows it.', indicators: ['Names the benefits'] }] },
    }, levels)
    expect(fields).toEqual([
      { label: 'Name', before: 'Benefits', after: 'Benefits realisation' },
      { label: 'Level 1 Aware', before: 'Knows of it.', after: 'Knows it.\n• Names the benefits' },
    ])
  })

  it('says when a proposal closes on the reader\'s own clock, and turns wall times into instants and back', () => {
    const now = new Date('2027-03-01T12:00:00Z')
    expect(closingText('2027-03-04T17:00:00Z', 'America/New_York', now)).toBe('Closes 4 Mar, 12:00 New York time')
    expect(closingText('2027-02-27T17:00:00Z', 'Europe/London', now)).toBe('Closed 27 Feb, 17:00 London time')
    expect(wallTimeOf(new Date('2027-07-01T16:00:00Z'), 'Europe/London')).toBe('2027-07-01T17:00')
    expect(instantOfWallTime('2027-07-01T17:00', 'Europe/London')).toBe('2027-07-01T16:00:00.000Z')
    expect(instantOfWallTime('not a time', 'Europe/London')).toBeNull()
  })
})
