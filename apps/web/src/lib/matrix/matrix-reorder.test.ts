import { describe, expect, it } from 'vitest'
import { competencyMove, dropIndex, neighbourMoveIndex } from './matrix-reorder.ts'

const ordered = (...ids: string[]) => ids.map((id, index) => ({ id, order: `a${index}` }))

describe('where a moved row lands', () => {
  it('moves past the visible neighbour, skipping hidden siblings', () => {
    const siblings = ordered('a', 'hidden', 'c', 'd')
    expect(neighbourMoveIndex(siblings, ['a', 'c', 'd'], 'c', -1)).toBe(0)
    expect(neighbourMoveIndex(siblings, ['a', 'c', 'd'], 'c', 1)).toBe(3)
    expect(neighbourMoveIndex(siblings, ['a', 'c', 'd'], 'a', -1)).toBeNull()
    expect(neighbourMoveIndex(siblings, ['a', 'c', 'd'], 'd', 1)).toBeNull()
  })

  it('drops before or after a target', () => {
    const siblings = ordered('a', 'b', 'c')
    expect(dropIndex(siblings, 'c', 'a', false)).toBe(0)
    expect(dropIndex(siblings, 'a', 'c', true)).toBe(2)
  })

  it('moves a competency from the edge of its domain into the next domain that way', () => {
    const groups = [
      { domainId: 'd1', competencyIds: ['a', 'b'] },
      { domainId: 'd2', competencyIds: ['c'] },
    ]
    const siblings = (domainId: string) => (domainId === 'd1' ? ordered('a', 'b') : ordered('c', 'archived'))
    expect(competencyMove(groups, siblings, 'b', 1)).toEqual({ domainId: 'd2', index: 0 })
    expect(competencyMove(groups, siblings, 'c', -1)).toEqual({ domainId: 'd1', index: 2 })
    expect(competencyMove(groups, siblings, 'a', 1)).toEqual({ domainId: 'd1', index: 1 })
    expect(competencyMove(groups, siblings, 'a', -1)).toBeNull()
  })
})
