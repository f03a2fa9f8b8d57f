import type { Competency, Entity } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import type { LayoutGroup } from './matrix-layout.ts'
import { firstLineBudget, groupsWithin } from './matrix-progressive.ts'

const entity = (id: string): Entity => ({ id, name: id, description: '', order: id, archived: false })
const group = (id: string, count: number): LayoutGroup => ({
  domain: entity(id),
  competencies: Array.from({ length: count }, (_, index): Competency => ({ ...entity(`${id}-${index}`), domainId: id })),
  matching: count,
  collapsed: false,
})
const shape = (groups: readonly LayoutGroup[]) => groups.map((each) => `${each.domain.id}:${each.competencies.length}`)

describe('rows created a screenful at a time', () => {
  const groups = [group('a', 3), group('b', 4), group('c', 0), group('d', 2)]

  it('covers the header, then each domain heading and its competencies in order, cutting the last group short', () => {
    expect(shape(groupsWithin(groups, 1))).toEqual([])
    expect(shape(groupsWithin(groups, 2))).toEqual(['a:0'])
    expect(shape(groupsWithin(groups, 5))).toEqual(['a:3'])
    expect(shape(groupsWithin(groups, 7))).toEqual(['a:3', 'b:1'])
    expect(shape(groupsWithin(groups, 10))).toEqual(['a:3', 'b:4'])
    expect(shape(groupsWithin(groups, 11))).toEqual(['a:3', 'b:4', 'c:0'])
  })

  it('hands back the very same groups once the budget covers every line, so rows are not re-rendered', () => {
    expect(groupsWithin(groups, 14)).toBe(groups)
    expect(groupsWithin(groups, Number.POSITIVE_INFINITY)).toBe(groups)
  })

  it('makes enough lines at first to fill a window of the shortest lines, and a margin', () => {
    expect(firstLineBudget(900)).toBeGreaterThanOrEqual(Math.ceil(900 / 44))
    expect(firstLineBudget(844)).toBeLessThan(40)
    expect(firstLineBudget(0)).toBeGreaterThan(0)
  })
})
