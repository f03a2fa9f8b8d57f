/**
 * Yjs is patched to remember each root type's name when it encodes (patches/yjs@13.6.33.patch):
 * a document with thousands of root types (the matrix's notes and descriptors) no longer
 * scans them all for every item. The names it writes must stay right, for roots made before
 * the first lookup and after it.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

describe('root type names in encoded updates', () => {
  it('names every root right, including roots made after the first encoding', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    doc.transact(() => {
      for (let i = 0; i < 500; i++) doc.getText(`note:${i}`).insert(0, `note ${i}`)
      doc.getMap('expectations').set('c1|r1', 3)
    })
    // Made after the names were first remembered: a miss, then found.
    doc.getMap('indicators:c1|2').set('a', 'first indicator')
    doc.getText('note:late').insert(0, 'written late')

    const copy = new Y.Doc()
    for (const update of updates) Y.applyUpdate(copy, update)
    expect(copy.getText('note:0').toString()).toBe('note 0')
    expect(copy.getText('note:499').toString()).toBe('note 499')
    expect(copy.getMap('expectations').get('c1|r1')).toBe(3)
    expect(copy.getMap('indicators:c1|2').get('a')).toBe('first indicator')
    expect(copy.getText('note:late').toString()).toBe('written late')

    const whole = new Y.Doc()
    Y.applyUpdate(whole, Y.encodeStateAsUpdate(doc))
    expect(whole.getText('note:late').toString()).toBe('written late')
    expect(whole.share.size).toBe(doc.share.size)
  })

  it('names the roots of each document, not another document’s with the same name', () => {
    const first = new Y.Doc()
    const second = new Y.Doc()
    first.getText('a').insert(0, 'first')
    second.getText('b').insert(0, 'second')
    second.getText('a').insert(0, 'second a')
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(second))
    expect(copy.getText('b').toString()).toBe('second')
    expect(copy.getText('a').toString()).toBe('second a')
  })
})
