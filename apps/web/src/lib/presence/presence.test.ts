import { describe, expect, it } from 'vitest'
import { isIdle, localTime, msUntilNextMinute, parsePresence, peopleHereLabel, presenceField, presentPeople } from './presence.ts'

const alice = { memberId: 'a', name: 'Alice Organiser', colour: '#b91c1c', timeZone: 'Europe/London', attendance: 'room', idle: false }
const bob = { memberId: 'b', name: 'Bob Contributor', colour: '#1d4ed8', timeZone: 'America/New_York', attendance: 'remote', idle: false }

function states(...entries: Array<[number, unknown]>): Map<number, unknown> {
  return new Map(entries.map(([client, presence]) => [client, { [presenceField]: presence, user: { name: 'caret' } }]))
}

describe('parsePresence', () => {
  it('reads a well-formed state', () => {
    expect(parsePresence(alice)).toEqual(alice)
  })

  it('refuses states without a member or a name', () => {
    expect(parsePresence(null)).toBeNull()
    expect(parsePresence({ ...alice, memberId: '' })).toBeNull()
    expect(parsePresence({ ...alice, name: '   ' })).toBeNull()
    expect(parsePresence('Alice')).toBeNull()
  })

  it('drops what another browser sent that cannot be shown safely', () => {
    const parsed = parsePresence({ ...alice, colour: 'red; background: url(x)', timeZone: 'Mars/Olympus', attendance: 'moon', idle: 'yes' })
    expect(parsed).toMatchObject({ colour: '#52606d', timeZone: null, attendance: null, idle: false })
  })
})

describe('presentPeople', () => {
  it('lists you first, then active people, then idle ones, each by name', () => {
    const carol = { ...bob, memberId: 'c', name: 'Carol', idle: true }
    const dan = { ...bob, memberId: 'd', name: 'Dan' }
    const people = presentPeople(states([1, carol], [2, dan], [3, bob], [4, alice]), 'a')
    expect(people.map((person) => [person.name, person.isYou])).toEqual([
      ['Alice Organiser', true],
      ['Bob Contributor', false],
      ['Dan', false],
      ['Carol', false],
    ])
  })

  it('shows a person with two tabs once, active when either tab is', () => {
    const people = presentPeople(states([1, { ...bob, idle: true, attendance: null }], [2, bob]), 'a')
    expect(people).toHaveLength(1)
    expect(people[0]).toMatchObject({ memberId: 'b', tabs: 2, idle: false, attendance: 'remote' })
  })

  it('ignores clients that publish no presence, such as a caret-only state', () => {
    expect(presentPeople(new Map([[1, { user: { name: 'x' } }], [2, null]]), 'a')).toEqual([])
  })
})

describe('clocks', () => {
  it('shows the time now in a person’s zone', () => {
    const now = new Date('2026-07-20T12:05:00Z')
    expect(localTime('Europe/London', now)).toBe('13:05')
    expect(localTime('America/New_York', now)).toBe('08:05')
    expect(localTime(null, now)).toBeNull()
  })

  it('waits until the next minute starts', () => {
    expect(msUntilNextMinute(Date.UTC(2026, 0, 1, 10, 0, 59, 500))).toBe(500)
    expect(msUntilNextMinute(Date.UTC(2026, 0, 1, 10, 1, 0, 0))).toBe(60_000)
  })
})

describe('isIdle', () => {
  it('turns idle after five minutes without input, or at once while the tab is hidden', () => {
    const lastInputAt = 1_000_000
    expect(isIdle({ lastInputAt, now: lastInputAt + 4 * 60_000, hidden: false })).toBe(false)
    expect(isIdle({ lastInputAt, now: lastInputAt + 5 * 60_000, hidden: false })).toBe(true)
    expect(isIdle({ lastInputAt, now: lastInputAt, hidden: true })).toBe(true)
  })
})

describe('peopleHereLabel', () => {
  it('counts people in words', () => {
    expect(peopleHereLabel(1)).toBe('1 person here now')
    expect(peopleHereLabel(3)).toBe('3 people here now')
  })
})
