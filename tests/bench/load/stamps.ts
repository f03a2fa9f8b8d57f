/**
 * Stamped edits and their deliveries. Every edit carries, in the same Yjs transaction (so
 * the same update), an entry in the document's `bench` map: key the sender and their
 * sequence number, value `performance.now()` at the moment of the edit. A key per edit
 * (never overwritten) means two edits merged into one message by a server still count as
 * two deliveries, each with its own time. Every receiving
 * person's document observes that map, so a delivery is timed from the edit to the moment
 * the receiving client has applied it, all in this one process on one clock (worker
 * threads share the process's time origin, so performance.now() agrees across them).
 */
import { setLevel } from '@studio/framework'
import type { MatrixContent } from './matrix-document.ts'
import type { Person } from './people.ts'

interface Stamp {
  at: number
}

const stampMap = 'bench'

/** One keystroke in the document's notes at the typist's own cursor, as in a meeting. */
export class TextTypist {
  private readonly person: Person
  private cursor = -1
  private seq = 0

  constructor(person: Person) {
    this.person = person
  }

  edit(): number {
    const doc = this.person.doc
    const text = doc.getText('notes')
    if (this.cursor < 0 || this.cursor > text.length) this.cursor = text.length
    const at = performance.now()
    doc.transact(() => {
      text.insert(this.cursor, String.fromCharCode(97 + (this.seq % 26)))
      doc.getMap<Stamp>(stampMap).set(`${this.person.id}:${++this.seq}`, { at })
    })
    this.cursor += 1
    return at
  }
}

/** One cell's expected level set, through the matrix model's own operation. */
export class CellEditor {
  private readonly person: Person
  private readonly matrix: MatrixContent
  private seq = 0

  constructor(person: Person, matrix: MatrixContent) {
    this.person = person
    this.matrix = matrix
  }

  edit(): number {
    const doc = this.person.doc
    const cell = this.matrix.cells[Math.floor(Math.random() * this.matrix.cells.length)]!
    const level = this.matrix.levels[Math.floor(Math.random() * this.matrix.levels.length)]!
    const at = performance.now()
    doc.transact(() => {
      setLevel(doc, cell, level)
      doc.getMap<Stamp>(stampMap).set(`${this.person.id}:${++this.seq}`, { at })
    })
    return at
  }
}

export type Editor = TextTypist | CellEditor

/** Calls `arrived(sentAt, now)` for every edit from someone else that reaches this person's document. */
export function observeDeliveries(person: Person, arrived: (sentAt: number, now: number) => void): void {
  const stamps = person.doc.getMap<Stamp>(stampMap)
  stamps.observe((event) => {
    if (event.transaction.local) return
    const now = performance.now()
    for (const key of event.keysChanged) {
      const stamp = stamps.get(key)
      if (stamp) arrived(stamp.at, now)
    }
  })
}
