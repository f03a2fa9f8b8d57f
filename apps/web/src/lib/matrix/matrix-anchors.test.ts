import { describe, expect, it } from 'vitest'
import { anchorOf, describeMatrixAnchor } from './matrix-anchors.ts'
import { headColumn } from './matrix-navigation.ts'

describe('comment anchors in the matrix', () => {
  it('anchors cells, overrides, competencies, roles and domains as the comments contract expects', () => {
    const row = { kind: 'competency' as const, id: 'competency:c', competencyId: 'c', domainId: 'd' }
    expect(anchorOf(row, { lineId: row.id, columnId: 'r' }, null)).toBe('cell:c|r')
    expect(anchorOf(row, { lineId: row.id, columnId: 'r' }, 'project-office')).toBe('cell:c|r|project-office')
    expect(anchorOf(row, { lineId: row.id, columnId: headColumn }, 'x')).toBe('competency:c')
    expect(anchorOf({ kind: 'header', id: 'header' }, { lineId: 'header', columnId: 'r' }, null)).toBe('role:r')
    expect(anchorOf({ kind: 'header', id: 'header' }, { lineId: 'header', columnId: headColumn }, null)).toBeNull()
    expect(anchorOf({ kind: 'domain', id: 'domain:d', domainId: 'd' }, { lineId: 'domain:d', columnId: headColumn }, null)).toBe('domain:d')
  })

  it('describes anchors in words for the comments panel', () => {
    const names = { competency: () => 'Board support', role: () => 'PMO Analyst', domain: () => 'Governance', pmoType: () => 'Project office' }
    expect(describeMatrixAnchor('cell:c|r', names)).toBe('Board support, PMO Analyst')
    expect(describeMatrixAnchor('cell:c|r|po', names)).toBe('Board support, PMO Analyst for Project office')
    expect(describeMatrixAnchor('role:r', names)).toBe('the role PMO Analyst')
    expect(describeMatrixAnchor('domain:d', names)).toBe('the domain Governance')
    expect(describeMatrixAnchor('text', names)).toBe('the matrix as a whole')
  })
})
