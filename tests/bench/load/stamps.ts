/**
 * Stamped edits and their deliveries, keeping the document's model (the studio refuses
 * anything else): a keystroke is one character typed into the typist's own paragraph of
 * the meeting's `notes` rich text (an XmlElement 'paragraph' holding an XmlText, as the
 * editor writes it); a matrix edit is `setLevel` through @studio/framework. The update
 * carries nothing but the edit, as small as a real keystroke, and is the same for every
 * server compared.
 *
 * The stamp is the edit's own Yjs id. Every typist's edit adds items at its client's next
 * clock, so before each edit the typist writes `performance.now()` into a table indexed by
 * (typist, clock); the table lives in a SharedArrayBuffer that every crowd worker thread
 * reads, along with each typist's client id and the clock it started from. A receiver
 * learns which clocks it got from the transaction that applied them (beforeState to
 * afterState, per client), so it needs no decoding and no observer on any shared type:
 * each new clock of a typist's client with a time in the table is one delivery of one edit. Edits merged into one message by a server
 * still count one by one, each with its own time. Worker threads share the process's time
 * origin, so performance.now() agrees across them; a time is written before its edit leaves
 * for the server, so it is long visible by the time the edit comes back to another thread.
 */
import { cellKey, setLevel } from '@studio/framework'
import * as Y from 'yjs'
import type { MatrixContent } from './matrix-document.ts'
import type { Person } from './people.ts'

/**
 * (typist, clock) -> time of the edit that made that clock, shared between threads. The
 * buffer holds, per typist, a registration (its client id and first clock, then a flag set
 * with Atomics so both are complete when seen) and `capacity` times from that first clock
 * on, zero where no edit made the clock. A typist may have written before (the matrix
 * session's first person writes the whole matrix), hence the first clock.
 */
export class StampTable {
  readonly buffer: SharedArrayBuffer
  private readonly registrations: Uint32Array
  private readonly times: Float64Array
  private readonly capacity: number
  private readonly typistByClient = new Map<number, { row: number; first: number }>()

  static create(typists: number, capacity: number): StampTable {
    const header = Uint32Array.BYTES_PER_ELEMENT * registration * typists
    const aligned = Math.ceil(header / Float64Array.BYTES_PER_ELEMENT) * Float64Array.BYTES_PER_ELEMENT
    return new StampTable(new SharedArrayBuffer(aligned + Float64Array.BYTES_PER_ELEMENT * typists * capacity), typists)
  }

  /** The table over a buffer another thread created. */
  constructor(buffer: SharedArrayBuffer, typists: number) {
    this.buffer = buffer
    this.registrations = new Uint32Array(buffer, 0, registration * typists)
    const offset = Math.ceil(this.registrations.byteLength / Float64Array.BYTES_PER_ELEMENT) * Float64Array.BYTES_PER_ELEMENT
    this.times = new Float64Array(buffer, offset)
    this.capacity = this.times.length / typists
  }

  get typists(): number {
    return this.registrations.length / registration
  }

  /** Before the typist's first stamped edit: its client id and the clock its next edit takes. */
  register(slot: number, client: number, first: number): void {
    this.registrations[registration * slot] = client
    this.registrations[registration * slot + 1] = first
    Atomics.store(this.registrations, registration * slot + 2, 1)
  }

  /** False when the typist's row is full (the run typed far longer than planned). */
  record(slot: number, clock: number, at: number): boolean {
    const offset = clock - this.registrations[registration * slot + 1]!
    if (offset < 0 || offset >= this.capacity) return false
    this.times[slot * this.capacity + offset] = at
    return true
  }

  /** Calls `each(time)` for every stamped clock of `client` in [from, to). */
  forEachStamp(client: number, from: number, to: number, each: (at: number) => void): void {
    const typist = this.typistOf(client)
    if (!typist) return
    for (let offset = Math.max(0, from - typist.first), end = Math.min(to - typist.first, this.capacity); offset < end; offset++) {
      const at = this.times[typist.row + offset]!
      if (at > 0) each(at)
    }
  }

  /** Where a client's times are, or null for a client that is no typist (yet); typists found are remembered. */
  private typistOf(client: number): { row: number; first: number } | null {
    const known = this.typistByClient.get(client)
    if (known) return known
    for (let slot = 0; slot < this.typists; slot++) {
      const at = registration * slot
      if (Atomics.load(this.registrations, at + 2) === 1 && this.registrations[at] === client) {
        const typist = { row: slot * this.capacity, first: this.registrations[at + 1]! }
        this.typistByClient.set(client, typist)
        return typist
      }
    }
    return null
  }
}

/** Per typist in the header: client id, first clock, registered flag. */
const registration = 3

/** Where a typist stamps its edits; none for setup typing nobody times (the storm's notes, a warm-up). */
export interface StampSlot {
  table: StampTable
  slot: number
}

/** Stamps the edit `make` is about to make at the doc's next clock, then makes it. Null if the table is full. */
function stamped(doc: Y.Doc, stamp: StampSlot | undefined, make: () => void): number | null {
  const at = performance.now()
  if (stamp && !stamp.table.record(stamp.slot, Y.getState(doc.store, doc.clientID), at)) return null
  make()
  return at
}

/** One keystroke at a time at the end of the typist's own paragraph in the meeting's notes, as in a meeting. */
export class TextTypist {
  private readonly doc: Y.Doc
  private readonly text: Y.XmlText
  private readonly stamp: StampSlot | undefined
  private cursor = 0
  private seq = 0

  /** Adds the typist's paragraph (an update of its own, before the first keystroke). */
  constructor(person: Person, stamp?: StampSlot) {
    this.doc = person.doc
    this.stamp = stamp
    stamp?.table.register(stamp.slot, this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID))
    const notes = this.doc.getXmlFragment('notes')
    const paragraph = new Y.XmlElement('paragraph')
    this.text = new Y.XmlText()
    paragraph.insert(0, [this.text])
    notes.insert(notes.length, [paragraph])
  }

  /** The send time, or null when no stamp could be recorded. */
  edit(): number | null {
    if (this.cursor > this.text.length) this.cursor = this.text.length
    const character = String.fromCharCode(97 + (this.seq++ % 26))
    const at = stamped(this.doc, this.stamp, () => this.text.insert(this.cursor, character))
    if (at !== null) this.cursor += 1
    return at
  }
}

/** One cell's expected level changed, through the matrix model's own operation. */
export class CellEditor {
  private readonly doc: Y.Doc
  private readonly matrix: MatrixContent
  private readonly stamp: StampSlot | undefined

  constructor(person: Person, matrix: MatrixContent, stamp?: StampSlot) {
    this.doc = person.doc
    this.matrix = matrix
    this.stamp = stamp
    stamp?.table.register(stamp.slot, this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID))
  }

  edit(): number | null {
    const cell = this.matrix.cells[Math.floor(Math.random() * this.matrix.cells.length)]!
    // setLevel leaves an unchanged level alone, which would send nothing.
    const current = this.doc.getMap('expectations').get(cellKey(cell))
    const others = this.matrix.levels.filter((level) => level !== current)
    const level = others[Math.floor(Math.random() * others.length)]!
    return stamped(this.doc, this.stamp, () => setLevel(this.doc, cell, level))
  }
}

export type Editor = TextTypist | CellEditor

/** Calls `arrived(sentAt, now)` for every stamped edit from someone else that this person's document applies. */
export function observeDeliveries(person: Person, table: StampTable, arrived: (sentAt: number, now: number) => void): void {
  person.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local) return
    let now: number | undefined
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0
      if (after === before) continue
      table.forEachStamp(client, before, after, (sentAt) => arrived(sentAt, (now ??= performance.now())))
    }
  })
}
