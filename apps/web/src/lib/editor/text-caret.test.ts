import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { diffEdit, rebaseEdit, transformIndex, transformSelection, type TextDeltaOp } from './text-caret.ts'

describe('keeping the caret in place through others’ edits', () => {
  it('moves the caret by text inserted or deleted before it and not by text after it', () => {
    expect(transformIndex([{ insert: 'abc' }], 5)).toBe(8)
    expect(transformIndex([{ retain: 6 }, { insert: 'abc' }], 5)).toBe(5)
    expect(transformIndex([{ retain: 1 }, { delete: 2 }], 5)).toBe(3)
    expect(transformIndex([{ retain: 3 }, { delete: 5 }], 5)).toBe(3)
  })

  it('leaves text inserted exactly at the caret after it', () => {
    expect(transformIndex([{ retain: 5 }, { insert: 'x' }], 5)).toBe(5)
  })

  it('moves both ends of a selection', () => {
    expect(transformSelection([{ retain: 2 }, { insert: '--' }], { start: 1, end: 4 })).toEqual({ start: 1, end: 6 })
  })

  it('keeps the caret next to the same character for any remote edit (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(), fc.nat(), fc.string(), fc.nat(), (initial, rawCaret, rawAt, inserted, rawRemoved) => {
        const doc = new Y.Doc()
        const text = doc.getText('t')
        text.insert(0, initial)
        const caret = rawCaret % (initial.length + 1)
        const at = rawAt % (initial.length + 1)
        const removed = rawRemoved % (initial.length - at + 1)
        let delta: TextDeltaOp[] = []
        text.observe((event) => (delta = event.delta as TextDeltaOp[]))
        doc.transact(() => {
          if (removed) text.delete(at, removed)
          if (inserted) text.insert(at, inserted)
        })
        const moved = transformIndex(delta, caret)
        // Whatever followed the caret and survived still follows it, and what preceded it
        // still precedes it. (Text inserted exactly at the caret may go either side.)
        if (caret > at + removed) expect(text.toString().slice(moved)).toBe(initial.slice(caret))
        if (caret < at || (caret === at && removed === 0)) expect(text.toString().slice(0, moved)).toBe(initial.slice(0, caret))
      }),
    )
  })

  it('finds the smallest edit and rebases it over changes made meanwhile', () => {
    expect(diffEdit('hello world', 'hello brave world')).toEqual({ start: 6, removed: 0, inserted: 'brave ' })
    const edit = diffEdit('note', 'note!')
    expect(rebaseEdit(edit, [[{ insert: 'A ' }]])).toEqual({ start: 6, removed: 0, inserted: '!' })
  })
})
