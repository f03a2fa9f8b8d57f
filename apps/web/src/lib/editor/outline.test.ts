import { describe, expect, it } from 'vitest'
import { nestHeadings, sameHeadings, untitledHeading } from './outline.ts'

describe('nestHeadings', () => {
  it('nests each heading under the nearest heading of a higher level above it', () => {
    const outline = nestHeadings([
      { level: 1, text: 'Terms of reference', pos: 0 },
      { level: 2, text: 'Purpose', pos: 20 },
      { level: 2, text: 'Scope', pos: 40 },
      { level: 3, text: 'In scope', pos: 50 },
      { level: 2, text: 'Membership', pos: 70 },
    ])
    expect(outline).toHaveLength(1)
    expect(outline[0]?.children.map((entry) => entry.text)).toEqual(['Purpose', 'Scope', 'Membership'])
    expect(outline[0]?.children[1]?.children.map((entry) => entry.text)).toEqual(['In scope'])
  })

  it('keeps a heading that skips a level, under the heading above it', () => {
    const outline = nestHeadings([
      { level: 1, text: 'Top', pos: 0 },
      { level: 3, text: 'Deep', pos: 10 },
      { level: 2, text: 'Middle', pos: 20 },
    ])
    expect(outline[0]?.children.map((entry) => [entry.text, entry.level])).toEqual([['Deep', 3], ['Middle', 2]])
  })

  it('starts a new top level when a heading is higher than everything open', () => {
    const outline = nestHeadings([
      { level: 2, text: 'First', pos: 0 },
      { level: 1, text: 'Second', pos: 10 },
    ])
    expect(outline.map((entry) => entry.text)).toEqual(['First', 'Second'])
  })

  it('names an empty heading rather than showing an empty link', () => {
    expect(nestHeadings([{ level: 2, text: '  ', pos: 3 }])[0]?.text).toBe(untitledHeading)
  })

  it('answers an empty outline for a document without headings', () => {
    expect(nestHeadings([])).toEqual([])
  })
})

describe('sameHeadings', () => {
  it('tells a changed heading text or position from an unchanged outline', () => {
    const before = [{ level: 1, text: 'Purpose', pos: 0 }]
    expect(sameHeadings(before, [{ level: 1, text: 'Purpose', pos: 0 }])).toBe(true)
    expect(sameHeadings(before, [{ level: 1, text: 'Purposes', pos: 0 }])).toBe(false)
    expect(sameHeadings(before, [{ level: 1, text: 'Purpose', pos: 4 }])).toBe(false)
    expect(sameHeadings(before, [])).toBe(false)
  })
})
