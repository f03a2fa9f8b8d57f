import type { Person } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { matchPeople, mentionQueryBefore } from './match-people.ts'

const person = (id: string, name: string): Person => ({ id, name, role: 'contributor', timezone: 'Europe/London', location: null, organisation: null, attendance: 'either', email: null })
const people = [person('1', 'Bo Chen'), person('2', 'Ann Bolton'), person('3', 'Zoë Émond'), person('4', 'Carl Bonham')]

describe('matching members to a mention being typed', () => {
  it('puts names that start with the words first, then names with a word that does', () => {
    expect(matchPeople(people, 'Bo').map((p) => p.name)).toEqual(['Bo Chen', 'Ann Bolton', 'Carl Bonham'])
  })
  it('ignores case and accents, and lists everyone (alphabetically) for a bare "@"', () => {
    expect(matchPeople(people, 'emo').map((p) => p.name)).toEqual(['Zoë Émond'])
    expect(matchPeople(people, '').map((p) => p.name)).toEqual(['Ann Bolton', 'Bo Chen', 'Carl Bonham', 'Zoë Émond'])
    expect(matchPeople(people, '', 2)).toHaveLength(2)
  })
  it('matches nobody for words no name has', () => {
    expect(matchPeople(people, 'xyz')).toEqual([])
  })
})

describe('the mention being typed in a comment box', () => {
  it('is the "@" word just before the caret', () => {
    expect(mentionQueryBefore('Thanks @Bo', 10)).toEqual({ start: 7, query: 'Bo' })
    expect(mentionQueryBefore('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQueryBefore('(see @ann', 9)).toEqual({ start: 5, query: 'ann' })
  })
  it('is nothing inside an email address, after a space, or once a stored mention is written', () => {
    expect(mentionQueryBefore('bo@example.org', 14)).toBeNull()
    expect(mentionQueryBefore('@Bo ', 4)).toBeNull()
    expect(mentionQueryBefore('@[Bo](member:1)', 15)).toBeNull()
  })
})
