import type { Competency, Entity } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import { layoutMatrix, matchesSearch, noFilters } from './matrix-layout.ts'
import type { MatrixStructure } from './matrix-snapshot.ts'

const entity = (id: string, name: string, extra: Partial<Entity> = {}): Entity => ({ id, name, description: '', order: id, archived: false, ...extra })
const competency = (id: string, domainId: string, name: string, extra: Partial<Competency> = {}): Competency => ({ ...entity(id, name), domainId, ...extra })

const structure: MatrixStructure = {
  meta: { title: '', status: '', licence: '', version: '' },
  levels: [],
  roles: [entity('analyst', 'Analyst'), entity('manager', 'Manager'), entity('old', 'Old role', { archived: true })],
  pmoTypes: [],
  domains: [entity('governance', 'Governance'), entity('finance', 'Finance'), entity('empty', 'Empty'), entity('gone', 'Gone', { archived: true })],
  competencies: [
    competency('boards', 'governance', 'Board support', { description: 'Organises stage gates' }),
    competency('assurance', 'governance', 'Assurance'),
    competency('budgets', 'finance', 'Budgets', { description: 'Forecasts and café accruals' }),
    competency('retired', 'finance', 'Retired', { archived: true }),
    competency('lost', 'gone', 'In an archived domain'),
  ],
}

describe('matrix layout', () => {
  it('shows live domains in order, each heading followed by its competencies, and hides archived ones', () => {
    const layout = layoutMatrix(structure, noFilters, new Set())
    expect(layout.columns.map((column) => column.id)).toEqual(['analyst', 'manager'])
    expect(layout.lines.map((line) => line.id)).toEqual([
      'header',
      'domain:governance',
      'competency:boards',
      'competency:assurance',
      'domain:finance',
      'competency:budgets',
      'domain:empty',
    ])
  })

  it('shows only the heading of a collapsed domain, with how many competencies it holds', () => {
    const layout = layoutMatrix(structure, noFilters, new Set(['governance']))
    expect(layout.groups[0]).toMatchObject({ collapsed: true, matching: 2, competencies: [] })
    expect(layout.lines.map((line) => line.id)).not.toContain('competency:boards')
  })

  it('searches names and descriptions, ignoring case and accents, and looks inside collapsed domains', () => {
    const layout = layoutMatrix(structure, { ...noFilters, search: 'CAFE' }, new Set(['finance']))
    expect(layout.lines.map((line) => line.id)).toEqual(['header', 'domain:finance', 'competency:budgets'])
    expect(matchesSearch({ name: 'Board support', description: 'Organises stage gates' }, 'stage board')).toBe(true)
    expect(matchesSearch({ name: 'Board support', description: '' }, 'board budget')).toBe(false)
  })

  it('filters by domain and by role', () => {
    const layout = layoutMatrix(structure, { search: '', domainId: 'finance', roleId: 'manager' }, new Set())
    expect(layout.columns.map((column) => column.id)).toEqual(['manager'])
    expect(layout.groups.map((group) => group.domain.id)).toEqual(['finance'])
  })
})
