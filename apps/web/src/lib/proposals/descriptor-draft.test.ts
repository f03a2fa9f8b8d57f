import { describe, expect, it } from 'vitest'
import { indicatorsFromLines, linesOfIndicators, proposedDescriptor } from './descriptor-draft.ts'

const now = { rank: 3, summary: 'Runs the estimate.', indicators: [{ text: 'Uses three-point estimates' }, { text: 'Explains the range' }] }

describe('a level descriptor in a proposal form', () => {
  it('reads indicators one a line, leaving out blank lines and the spaces around them', () => {
    expect(indicatorsFromLines('  First \n\n Second\n')).toEqual(['First', 'Second'])
    expect(linesOfIndicators(now.indicators)).toBe('Uses three-point estimates\nExplains the range')
  })

  it('is no change when it says what the level says now', () => {
    expect(proposedDescriptor(now, 'Runs the estimate. ', 'Uses three-point estimates\n\nExplains the range\n')).toBeNull()
  })

  it('proposes the whole descriptor for the level when the summary or any indicator differs', () => {
    expect(proposedDescriptor(now, 'Owns the estimate.', linesOfIndicators(now.indicators))).toEqual({
      rank: 3, summary: 'Owns the estimate.', indicators: ['Uses three-point estimates', 'Explains the range'],
    })
    expect(proposedDescriptor(now, now.summary, 'Uses three-point estimates')).toEqual({ rank: 3, summary: 'Runs the estimate.', indicators: ['Uses three-point estimates'] })
    expect(proposedDescriptor({ rank: 1, summary: '', indicators: [] }, '', 'Knows the words')).toEqual({ rank: 1, summary: '', indicators: ['Knows the words'] })
  })
})
