import type { Level } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import { cellLabel, domainLabel, headerLabel, levelName, levelSetAnnouncement } from './matrix-labels.ts'

const levels = new Map<number, Level>([[3, { rank: 3, name: 'Independent', description: 'Does it unaided.' }]])

describe('matrix accessible names', () => {
  it('names a cell by competency, role and level', () => {
    expect(cellLabel({ competency: 'Governance support', role: 'PMO Analyst', level: levelName(3, levels), note: '' })).toBe(
      'Governance support, PMO Analyst: Independent.',
    )
  })

  it('adds the comment count and the note, collapsed to one line', () => {
    expect(cellLabel({ competency: 'Governance support', role: 'PMO Analyst', level: 'Independent', note: 'Chairs the\n monthly board', comments: 2 })).toBe(
      'Governance support, PMO Analyst: Independent, 2 comments. Note: Chairs the monthly board.',
    )
  })

  it('says when a PMO type overrides the cell, and when there is no level', () => {
    expect(cellLabel({ competency: 'Budgets', role: 'Head of PMO', level: levelName(null, levels), note: 'Varies.', overrideFor: 'Project office' })).toBe(
      'Budgets, Head of PMO: No level (override for Project office). Note: Varies.',
    )
  })

  it('gives untitled rows a name and describes domains and announcements', () => {
    expect(headerLabel('', 'competency')).toBe('Untitled competency')
    expect(headerLabel('PMO Analyst', 'role', 1)).toBe('PMO Analyst, 1 comment')
    expect(domainLabel('Finance', 1)).toBe('Finance, domain, 1 competency')
    expect(levelName(9, levels)).toBe('Level 9')
    expect(levelSetAnnouncement('Budgets', 'Analyst', 'Aware', 'Project office')).toBe('Budgets, Analyst for Project office set to Aware.')
  })
})
