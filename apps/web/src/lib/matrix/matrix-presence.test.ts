import { describe, expect, it } from 'vitest'
import { marksByPosition, marksOfLine, noMarks, peopleFromStates, sameMarks } from './matrix-presence.ts'

const who = (memberId: string, name: string, colour: string) => ({ memberId, name, colour, timeZone: null, attendance: null, idle: false })
const states = new Map<number, unknown>([
  [1, { presence: who('me', 'Me', '#b91c1c'), matrix: { lineId: 'competency:a', columnId: 'r1', editing: false } }],
  [2, { presence: who('bob', 'Bob', '#15803d'), matrix: { lineId: 'competency:a', columnId: 'r2', editing: true } }],
  [3, { presence: who('eve', 'Eve', 'red; background: url(x)'), matrix: { lineId: 'header', columnId: 'r1' } }],
  [4, { presence: { name: 'No id' } }],
  [5, { presence: who('amy', 'Amy', '#0369a1') }],
  [6, null],
])

describe('matrix presence', () => {
  it('lists everyone else with a name, in name order, and drops unsafe colours', () => {
    const people = peopleFromStates(states, 1)
    expect(people.map((person) => person.name)).toEqual(['Amy', 'Bob', 'Eve'])
    expect(people.find((person) => person.name === 'Eve')?.colour).toBe('#52606d')
    expect(people.find((person) => person.name === 'Amy')?.position).toBeNull()
  })

  it('marks the cell each person has focused, and whether they are editing it', () => {
    const marks = marksByPosition(peopleFromStates(states, 1))
    expect(marks.get('competency:a/r2')).toEqual([{ clientId: 2, memberId: 'bob', name: 'Bob', colour: '#15803d', editing: true }])
    expect(marksOfLine(marks, 'competency:a')).toEqual({ r2: marks.get('competency:a/r2') })
    expect(marksOfLine(marks, 'competency:b')).toBe(noMarks)
  })

  it('tells when a line’s marks render the same', () => {
    const first = marksOfLine(marksByPosition(peopleFromStates(states, 1)), 'competency:a')
    const second = marksOfLine(marksByPosition(peopleFromStates(states, 1)), 'competency:a')
    expect(sameMarks(first, second)).toBe(true)
    expect(sameMarks(first, noMarks)).toBe(false)
  })
})
