import { describe, expect, it } from 'vitest'
import { cellDetail, describePlace, entityDetail } from './matrix-detail.ts'

const competency = { id: 'boards', domainId: 'gov', name: 'Board support', description: 'Runs boards.', order: 'a', archived: false }
const role = { id: 'analyst', name: 'PMO Analyst', description: '', order: 'a', archived: false }
const levels = new Map([[3, { rank: 3, name: 'Independent', description: 'Does it unaided.' }]])

describe('matrix details', () => {
  it('describes a cell by its level descriptor, override, note and competency', () => {
    const pmoType = { id: 'po', name: 'Project office', description: '', order: 'a', archived: false }
    expect(cellDetail(competency, role, { level: 3, note: ' Chairs it. ', overridden: true }, levels, pmoType)).toEqual({
      title: 'Board support · PMO Analyst · Project office',
      parts: [
        { label: 'Independent (level 3)', text: 'Does it unaided.' },
        { label: 'Override', text: 'Set for Project office, in place of the general expectation.' },
        { label: 'Note', text: 'Chairs it.' },
        { label: 'Competency', text: 'Runs boards.' },
      ],
    })
    expect(cellDetail(competency, role, { level: null, note: '', overridden: false }, levels, null).parts[0]?.label).toBe('No level')
  })

  it('describes a header and where a person is', () => {
    expect(entityDetail({ ...role, description: 'Analyses.' }, 'role')).toEqual({ title: 'PMO Analyst', parts: [{ label: 'Description', text: 'Analyses.' }] })
    const names = { competency: () => 'Board support', role: () => 'PMO Analyst', domain: () => 'Governance' }
    expect(describePlace({ lineId: 'competency:boards', columnId: 'analyst' }, false, names)).toBe('on Board support · PMO Analyst')
    expect(describePlace({ lineId: 'competency:boards', columnId: 'analyst' }, true, names)).toBe('editing Board support · PMO Analyst')
    expect(describePlace({ lineId: 'domain:gov', columnId: '#head' }, false, names)).toBe('on Governance')
    expect(describePlace(null, false, names)).toBe('looking around')
  })
})
