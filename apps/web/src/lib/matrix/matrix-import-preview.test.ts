import type { ImportPreview, PreviewCell } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { archivedNames, changesAnything, countLines, describeCellPlace, describeCellValue, describeField, groupByDomain } from './matrix-import-preview.ts'

const zero = () => ({ added: 0, changed: 0, archived: 0, restored: 0, cleared: 0, kept: 0, unchanged: 0 })

const cell = (change: PreviewCell['change'], domainId: string): PreviewCell => ({
  competencyId: 'estimating', competency: 'Estimating', domainId, roleId: 'analyst', role: 'Analyst', pmoTypeId: null, pmoType: null, change,
  from: { level: 2, levelName: 'Supported', note: '' }, to: { level: 3, levelName: 'Independent', note: 'Bottom-up' },
})

const preview: ImportPreview = {
  mode: 'replace',
  counts: { domains: { ...zero(), unchanged: 2 }, competencies: { ...zero(), archived: 1, unchanged: 5 }, roles: zero(), pmoTypes: zero(), cells: { ...zero(), changed: 1, unchanged: 30 }, levels: { ...zero(), unchanged: 6 }, descriptors: zero(), references: zero() },
  entities: [
    { kind: 'domain', id: 'planning', name: 'Planning', domainId: null, change: 'unchanged', fields: [] },
    { kind: 'domain', id: 'finance', name: 'Finance', domainId: null, change: 'unchanged', fields: [] },
    { kind: 'competency', id: 'coffee', name: 'Coffee', domainId: 'finance', change: 'archived', fields: [] },
  ],
  cells: [cell('changed', 'planning')],
  levels: [],
  meta: [],
}

describe('an import preview for people', () => {
  it('counts each kind of thing in one line, changes first', () => {
    expect(countLines(preview).map((line) => `${line.label}: ${line.parts.map((part) => part.text).join(', ')}`)).toEqual([
      'Domains: 2 unchanged',
      'Competencies: 1 archived, 5 unchanged',
      'Levels: 6 unchanged',
      'Cells: 1 changed, 30 unchanged',
    ])
  })

  it('counts descriptors and references like the rest', () => {
    const withDescriptors = { ...preview, counts: { ...preview.counts, descriptors: { ...zero(), added: 3 }, references: { ...zero(), unchanged: 1 } } }
    expect(countLines(withDescriptors).slice(-2).map((line) => `${line.label}: ${line.parts.map((part) => part.text).join(', ')}`)).toEqual([
      'Level descriptors: 3 added',
      'References (by competency): 1 unchanged',
    ])
    expect(changesAnything(withDescriptors)).toBe(true)
  })

  it('groups changes by domain and leaves out domains where nothing changes', () => {
    const groups = groupByDomain(preview)
    expect(groups.map((group) => [group.name, group.competencies.map((c) => c.name), group.cells.length, group.changes])).toEqual([
      ['Planning', [], 1, 1],
      ['Finance', ['Coffee'], 0, 1],
    ])
  })

  it('names what a replace archives, and knows when nothing would change', () => {
    expect(archivedNames(preview)).toEqual([{ kind: 'competency', name: 'Coffee' }])
    expect(changesAnything(preview)).toBe(true)
    expect(changesAnything({ ...preview, counts: { ...preview.counts, competencies: { ...zero(), unchanged: 5 }, cells: { ...zero(), kept: 2 } } })).toBe(false)
  })

  it('describes a cell and a field in words', () => {
    expect(describeCellValue(cell('changed', 'x').from)).toBe('2 Supported')
    expect(describeCellValue(cell('changed', 'x').to)).toBe('3 Independent — “Bottom-up”')
    expect(describeCellValue(null)).toBe('empty')
    expect(describeCellValue({ level: null, levelName: null, note: '' })).toBe('no level yet')
    expect(describeCellPlace({ ...cell('added', 'x'), pmoType: 'Project office' })).toBe('Analyst in Estimating (Project office)')
    expect(describeField({ field: 'position', from: '1', to: '4' })).toBe('place: 1 → 4')
    expect(describeField({ field: 'description', from: '', to: 'New' })).toBe('description: empty → New')
  })
})
