// Row and column order: fractional keys, ties broken by id, and where keyAt puts a new key.
import fc from 'fast-check'
import { generateNKeysBetween } from 'fractional-indexing'
import { describe, expect, it } from 'vitest'
import { byOrder, keyAt, type Ordered } from './order.ts'

const rows = (...orders: string[]): Ordered[] => orders.map((order, index) => ({ id: `row-${index}`, order }))

/** Where an item with `key` lands among `siblings` once sorted. */
function positionOf(siblings: Ordered[], key: string): number {
  return [...siblings, { id: 'new', order: key }].sort(byOrder).findIndex((item) => item.id === 'new')
}

describe('byOrder', () => {
  it('sorts by key and breaks ties by id, so every replica shows the same order', () => {
    const items = [{ id: 'b', order: 'a1' }, { id: 'c', order: 'a0' }, { id: 'a', order: 'a1' }]
    expect(items.sort(byOrder).map((item) => item.id)).toEqual(['c', 'a', 'b'])
  })
})

describe('keyAt', () => {
  it('gives a first key when there are no siblings, whatever the index asked for', () => {
    for (const index of [-1, 0, 5]) expect(keyAt([], index)).toBe('a0')
  })

  it('puts a key before the first and after the last sibling at the ends', () => {
    const siblings = rows('a0', 'a1', 'a2')
    expect(keyAt(siblings, 0) < 'a0').toBe(true)
    expect(keyAt(siblings, 3) > 'a2').toBe(true)
    expect(positionOf(siblings, keyAt(siblings, 0))).toBe(0)
    expect(positionOf(siblings, keyAt(siblings, 3))).toBe(3)
  })

  it('clamps an index outside the list to its ends', () => {
    const siblings = rows('a0', 'a1')
    expect(keyAt(siblings, -4)).toBe(keyAt(siblings, 0))
    expect(keyAt(siblings, 99)).toBe(keyAt(siblings, 2))
  })

  it('puts a key strictly between two neighbours', () => {
    const siblings = rows('a0', 'a1', 'a2')
    const key = keyAt(siblings, 2)
    expect(key > 'a1' && key < 'a2').toBe(true)
    expect(positionOf(siblings, key)).toBe(2)
  })

  it('goes after every sibling sharing the key before it, the nearest free place', () => {
    // Two people inserting at one place at the same moment can mint the same key.
    const siblings = rows('a0', 'a1', 'a1', 'a2')
    const key = keyAt(siblings, 2)
    expect(key > 'a1' && key < 'a2').toBe(true)
    expect(positionOf(siblings, key)).toBe(3)
  })

  it('goes after a run of equal keys that reaches the end of the list', () => {
    const siblings = rows('a0', 'a0', 'a0')
    const key = keyAt(siblings, 1)
    expect(key > 'a0').toBe(true)
    expect(positionOf(siblings, key)).toBe(3)
  })

  it('goes before equal keys at the start of the list when asked for the first place', () => {
    const siblings = rows('a0', 'a0')
    expect(positionOf(siblings, keyAt(siblings, 0))).toBe(0)
  })

  it('lands exactly at the index asked for whenever the keys are distinct', () => {
    fc.assert(
      fc.property(fc.nat(12), fc.integer({ min: -2, max: 15 }), (count, index) => {
        const siblings = rows(...generateNKeysBetween(null, null, count))
        expect(positionOf(siblings, keyAt(siblings, index))).toBe(Math.max(0, Math.min(index, count)))
      }),
    )
  })

  it('keeps finding room after many insertions at one place', () => {
    let siblings = rows('a0', 'a1')
    for (let i = 0; i < 200; i++) {
      const key = keyAt(siblings, 1)
      siblings = [...siblings, { id: `n${i}`, order: key }].sort(byOrder)
      expect(siblings[1]!.id).toBe(`n${i}`)
    }
  })
})
