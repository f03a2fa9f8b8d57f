import { describe, expect, it } from 'vitest'
import { countsByLine, sameCounts } from './matrix-comment-counts.ts'

const counts = new Map([
  ['role:analyst', 2],
  ['competency:boards', 1],
  ['domain:gov', 5],
  ['cell:boards|analyst', 3],
  ['cell:boards|analyst|project-office', 4],
  ['terms:whatever', 9],
])

describe('comment counts in the grid', () => {
  it('puts role, competency and cell counts on their line and column', () => {
    const lines = countsByLine(counts, null)
    expect(lines.get('header')).toEqual({ analyst: 2 })
    expect(lines.get('domain:gov')).toEqual({ '#head': 5 })
    expect(lines.get('competency:boards')).toEqual({ '#head': 1, analyst: 3 })
  })

  it('counts a PMO type’s own cell anchors when viewing that type', () => {
    expect(countsByLine(counts, 'project-office').get('competency:boards')).toEqual({ '#head': 1, analyst: 4 })
  })

  it('compares counts by value', () => {
    expect(sameCounts({ a: 1 }, { a: 1 })).toBe(true)
    expect(sameCounts({ a: 1 }, { a: 2 })).toBe(false)
  })
})
