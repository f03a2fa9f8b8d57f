import { describe, expect, it } from 'vitest'
import { longestWord, matrixColumns, roleColumnMinRem, roleColumnRem } from './matrix-columns.ts'

describe('matrix column widths', () => {
  it('measures the longest word of a name', () => {
    expect(longestWord('PMO Administrator')).toBe(13)
    expect(longestWord('')).toBe(0)
  })

  it('keeps short role names at the narrowest column', () => {
    expect(roleColumnRem('PMO Analyst')).toBe(roleColumnMinRem)
  })

  it('widens a column so the longest word of its role fits on one line', () => {
    const width = roleColumnRem('PMO Administrator')
    expect(width).toBeGreaterThan(roleColumnMinRem)
    // 13 bold characters at about 0.55rem each, plus the header's padding and menu button.
    expect(width).toBeGreaterThanOrEqual(13 * 0.54 + 3.5)
  })

  it('gives every role column the width the longest name needs, and scrolls when they do not fit', () => {
    const columns = matrixColumns(['PMO Analyst', 'PMO Administrator', 'Head of PMO'], false)
    const roleRem = roleColumnRem('PMO Administrator')
    expect(columns.template).toBe(`18rem repeat(3, minmax(${roleRem}rem, 1fr))`)
    expect(columns.width).toBe(`max(100%, ${18 + 3 * roleRem}rem)`)
  })

  it('shares the whole width between the competency and one role on a phone', () => {
    expect(matrixColumns(['PMO Analyst'], true)).toEqual({ template: 'minmax(0, 1fr) minmax(7.5rem, 42%)', width: '100%' })
  })
})
