import { describe, expect, it } from 'vitest'
import { overflowingButtons } from './toolbar-fit.ts'

const base = { gap: 4, moreWidth: 50 }

describe('which toolbar buttons go into More', () => {
  it('keeps every button on the line when they fit', () => {
    expect(overflowingButtons({ ...base, widths: [40, 40, 40], available: 128, hideFirst: [2] })).toEqual([])
  })

  it('moves the least needed buttons first, until the rest and More fit', () => {
    // 5 × 60 + 4 gaps = 316 > 250; without 4: 4 × 60 + 50 + 4 gaps = 306; without 4 and 1: 246.
    expect(overflowingButtons({ ...base, widths: [60, 60, 60, 60, 60], available: 250, hideFirst: [4, 1] })).toEqual([1, 4])
  })

  it('then moves buttons from the end when the least needed are not enough', () => {
    expect(overflowingButtons({ ...base, widths: [60, 60, 60, 60, 60], available: 120, hideFirst: [0] })).toEqual([0, 2, 3, 4])
  })

  it('moves everything when not even one button fits beside More', () => {
    expect(overflowingButtons({ ...base, widths: [60, 60], available: 40, hideFirst: [] })).toEqual([0, 1])
  })
})
