// validateExchange: the JSON Schema, then what a schema cannot say, each problem at its path.
import { describe, expect, it } from 'vitest'
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { validateExchange, type ExchangeFramework, type ExchangeProblem } from './exchange-format.ts'

const starterFile = () => structuredClone(starter) as ExchangeFramework

function problemsOf(data: unknown): ExchangeProblem[] {
  const result = validateExchange(data)
  if (result.ok) throw new Error('expected the file to be refused')
  return result.problems
}

const pathsOf = (data: unknown) => problemsOf(data).map((problem) => problem.path).sort()

describe('validateExchange', () => {
  it('accepts the starter framework and hands it back typed', () => {
    const result = validateExchange(starterFile())
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.framework.domains).toHaveLength(11)
  })

  it('refuses something that is not an object', () => {
    for (const data of [null, 5, 'framework', []]) expect(problemsOf(data)).toEqual([{ path: '', message: 'must be object' }])
  })

  it('reports every missing required field at its own path', () => {
    expect(problemsOf({})).toEqual(['/format', '/title', '/levels', '/roles', '/domains'].map((path) => ({ path, message: 'is required' })))
    const file = starterFile() as unknown as { roles: Array<Partial<ExchangeFramework['roles'][number]>>, domains: Array<{ competencies: Array<Record<string, unknown>> }> }
    delete file.roles[2]!.id
    delete file.domains[1]!.competencies[0]!.expectations
    expect(problemsOf(file)).toEqual([
      { path: '/roles/2/id', message: 'is required' },
      { path: '/domains/1/competencies/0/expectations', message: 'is required' },
    ])
  })

  it('reports every schema error in one pass, each at its path', () => {
    const file = starterFile() as ExchangeFramework & Record<string, unknown>
    file.format = 'pmo-framework/v3' as ExchangeFramework['format']
    // An unknown format is checked as v1, which has no room for the starter's descriptors and references.
    for (const competency of file.domains.flatMap((domain) => domain.competencies)) {
      delete competency.descriptors
      delete competency.references
    }
    file.colour = 'blue'
    file.title = ''
    file.levels[0]!.rank = 10
    file.roles[0]!.id = 'Not An Id'
    file.roles[1]!.description = 'x'.repeat(4001)
    file.pmoTypes![0]!.name = ''
    file.domains[0]!.competencies[0]!.expectations['pmo-analyst'] = { level: 2.5 }
    file.domains[0]!.competencies[1]!.expectations['pmo-analyst'] = { level: 3, note: 'x', extra: true } as never
    file.domains[0]!.competencies[2]!.expectations['Bad Role'] = { level: 1 }
    file.domains[0]!.competencies[3]!.overrides = { 'project-office': { 'pmo-analyst': { level: -1 } } }
    expect(problemsOf(file)).toEqual(expect.arrayContaining([
      { path: '/format', message: 'must be "pmo-framework/v1" or "pmo-framework/v2"' },
      { path: '/colour', message: 'is not part of the pmo-framework/v1 format' },
      { path: '/domains/0/competencies/1/expectations/pmo-analyst/extra', message: 'is not part of the pmo-framework/v1 format' },
      { path: '/roles/0/id', message: 'must be an id: up to 64 lowercase letters, digits and hyphens, starting with a letter or digit' },
      { path: '/domains/0/competencies/2/expectations/Bad Role', message: 'must be an id: up to 64 lowercase letters, digits and hyphens, starting with a letter or digit' },
    ]))
    expect(pathsOf(file)).toEqual([
      '/colour',
      '/domains/0/competencies/0/expectations/pmo-analyst/level',
      '/domains/0/competencies/1/expectations/pmo-analyst/extra',
      '/domains/0/competencies/2/expectations/Bad Role',
      '/domains/0/competencies/3/overrides/project-office/pmo-analyst/level',
      '/format',
      '/levels/0/rank',
      '/pmoTypes/0/name',
      '/roles/0/id',
      '/roles/1/description',
      '/title',
    ])
  })

  it('escapes a key holding "/" or "~" in the path, as JSON Pointer requires', () => {
    const file = starterFile()
    file.domains[0]!.competencies[0]!.expectations['a/b~c'] = { level: 1 }
    expect(pathsOf(file)).toEqual(['/domains/0/competencies/0/expectations/a~1b~0c'])
  })

  it('reports every repeated id and rank', () => {
    const file = starterFile()
    file.levels.push({ rank: 1, name: 'Aware again' })
    file.roles.push({ id: 'pmo-administrator', name: 'Administrator again' })
    file.pmoTypes!.push({ id: 'project-office', name: 'Project office again' })
    file.domains.push({ id: 'governance-and-assurance', name: 'Governance again', competencies: [] })
    file.domains[5]!.competencies[1]!.id = file.domains[0]!.competencies[0]!.id
    file.domains[0]!.competencies[2]!.id = file.domains[0]!.competencies[0]!.id
    expect(problemsOf(file)).toEqual([
      { path: '/levels/6/rank', message: 'repeats rank 1' },
      { path: '/roles/5/id', message: 'repeats the id "pmo-administrator"' },
      { path: '/pmoTypes/4/id', message: 'repeats the id "project-office"' },
      { path: '/domains/11/id', message: 'repeats the id "governance-and-assurance"' },
      { path: '/domains/0/competencies/2/id', message: 'repeats the competency id "governance-support"' },
      { path: '/domains/5/competencies/1/id', message: 'repeats the competency id "governance-support"' },
    ])
  })

  it('reports every expectation and override naming a role, PMO type or level that is not in the file', () => {
    const file = starterFile()
    const first = file.domains[0]!.competencies[0]!
    first.expectations['chief-pmo-wizard'] = { level: 1 }
    first.expectations['pmo-analyst'] = { level: 7, note: '' }
    first.overrides = {
      'no-such-office': { 'pmo-analyst': { level: 2 } },
      'project-office': { 'chief-pmo-wizard': { level: 2 }, 'pmo-manager': { level: 8 }, 'head-of-pmo': { level: null } },
    }
    file.domains[1]!.competencies[0]!.expectations['pmo-manager'] = { level: 9 }
    expect(problemsOf(file)).toEqual([
      { path: '/domains/0/competencies/0/expectations/pmo-analyst/level', message: 'is level 7, which is not in levels' },
      { path: '/domains/0/competencies/0/expectations/chief-pmo-wizard', message: 'names a role "chief-pmo-wizard" that is not in roles' },
      { path: '/domains/0/competencies/0/overrides/no-such-office', message: 'names a PMO type "no-such-office" that is not in pmoTypes' },
      { path: '/domains/0/competencies/0/overrides/project-office/chief-pmo-wizard', message: 'names a role "chief-pmo-wizard" that is not in roles' },
      { path: '/domains/0/competencies/0/overrides/project-office/pmo-manager/level', message: 'is level 8, which is not in levels' },
      { path: '/domains/1/competencies/0/expectations/pmo-manager/level', message: 'is level 9, which is not in levels' },
    ])
  })

  it('treats overrides as naming unknown PMO types when the file has no pmoTypes at all', () => {
    const file = starterFile()
    delete file.pmoTypes
    file.domains[0]!.competencies[0]!.overrides = { 'project-office': {} }
    expect(pathsOf(file)).toEqual(['/domains/0/competencies/0/overrides/project-office'])
  })

  it('checks references only once the file has the right shape, so a second pass may find more', () => {
    const file = starterFile() as ExchangeFramework & Record<string, unknown>
    file.colour = 'blue'
    file.domains[0]!.competencies[0]!.expectations['chief-pmo-wizard'] = { level: 1 }
    expect(pathsOf(file)).toEqual(['/colour'])
    delete file.colour
    expect(pathsOf(file)).toEqual(['/domains/0/competencies/0/expectations/chief-pmo-wizard'])
  })
})
