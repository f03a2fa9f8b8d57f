/**
 * Who is where in the matrix, from the document's awareness states. Each tab publishes who
 * it is in the app-wide `presence` field (lib/presence/presence.ts) and, here, `matrix`: the cell it
 * has focused and whether it is editing there. Others' states become marks on cells. States
 * come from other browsers, so each field is checked before use (parsePresence keeps only a
 * six-digit hex colour, the one form that may reach a style).
 */
import type { GridPosition } from './matrix-navigation.ts'
import { parsePresence, presenceField } from '../presence/presence.ts'

/** The awareness field for the focused cell. */
export const matrixField = 'matrix'

export interface PresenceMark {
  clientId: number
  memberId: string
  name: string
  colour: string
  editing: boolean
}

export interface PresencePerson extends PresenceMark {
  position: GridPosition | null
}

/** What this browser publishes under the awareness field `matrix`. */
export interface MatrixAwareness {
  lineId: string
  columnId: string
  editing: boolean
}

export const positionKey = (position: GridPosition) => `${position.lineId}/${position.columnId}`

export function peopleFromStates(states: ReadonlyMap<number, unknown>, ownClientId: number): PresencePerson[] {
  const people: PresencePerson[] = []
  for (const [clientId, raw] of states) {
    if (clientId === ownClientId) continue
    const state = asRecord(raw)
    const who = parsePresence(state?.[presenceField])
    if (!who) continue
    const matrix = asRecord(state?.[matrixField])
    const position =
      matrix && typeof matrix.lineId === 'string' && typeof matrix.columnId === 'string' && matrix.lineId.length <= 200 && matrix.columnId.length <= 100
        ? { lineId: matrix.lineId, columnId: matrix.columnId }
        : null
    people.push({ clientId, memberId: who.memberId, name: who.name.slice(0, 80), colour: who.colour, editing: matrix?.editing === true, position })
  }
  return people.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.clientId - b.clientId)
}

/** Marks by position key (`<line id>/<column id>`). */
export function marksByPosition(people: readonly PresencePerson[]): Map<string, PresenceMark[]> {
  const marks = new Map<string, PresenceMark[]>()
  for (const person of people) {
    if (!person.position) continue
    const key = positionKey(person.position)
    const { position: _position, ...mark } = person
    marks.set(key, [...(marks.get(key) ?? []), mark])
  }
  return marks
}

/** Marks in one line, by column id; lines nobody is on share one empty object. */
export function marksOfLine(marks: ReadonlyMap<string, readonly PresenceMark[]>, lineId: string): Readonly<Record<string, readonly PresenceMark[]>> {
  let found: Record<string, readonly PresenceMark[]> | null = null
  const prefix = `${lineId}/`
  for (const [key, list] of marks) {
    if (!key.startsWith(prefix)) continue
    found ??= {}
    found[key.slice(prefix.length)] = list
  }
  return found ?? noMarks
}

export const noMarks: Readonly<Record<string, readonly PresenceMark[]>> = Object.freeze({})

/** Whether two lines' marks would render the same, so a row can keep its previous props. */
export function sameMarks(a: Readonly<Record<string, readonly PresenceMark[]>>, b: Readonly<Record<string, readonly PresenceMark[]>>): boolean {
  if (a === b) return true
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => {
    const left = a[key]!
    const right = b[key]
    return (
      right !== undefined &&
      left.length === right.length &&
      left.every((mark, index) => {
        const other = right[index]!
        return mark.clientId === other.clientId && mark.name === other.name && mark.colour === other.colour && mark.editing === other.editing
      })
    )
  })
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}
