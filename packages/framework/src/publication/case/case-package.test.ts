// The CASE 1.0 package: valid against the CFPackage JSON Schema, stable identifiers, the mapping both ways.
import { describe, expect, it } from 'vitest'
import type { ExchangeFramework } from '../../matrix/exchange-format.ts'
import { publicationFixture } from '../publication-fixture.ts'
import { publishedFramework } from '../published-framework.ts'
import { caseIdResolver, fromCasePackage } from './case-import.ts'
import { toCasePackage } from './case-export.ts'
import { looksLikeCasePackage, validateCasePackage } from './case-validation.ts'

const options = { publicUrl: 'https://studio.example.org', lastChangeDateTime: '2026-12-06T12:00:00.000Z', creator: 'The working group' }

/** What the studio does at import time: its own identifiers map back to the matrix's ids. */
const resolverFor = (framework: ExchangeFramework) => caseIdResolver(framework, options)

/** The framework as published (archived rows left out), in the exchange format's terms. */
function current(framework: ExchangeFramework) {
  const published = publishedFramework(framework)
  return {
    levels: published.levels.map(({ rank, name }) => ({ rank, name })),
    roles: published.roles.map(({ id, name }) => ({ id, name })),
    domains: published.domains.map(({ domain, competencies }) => ({
      id: domain.id,
      name: domain.name,
      competencies: competencies.map(({ competency }) => ({
        id: competency.id,
        name: competency.name,
        description: competency.description ?? '',
        expectations: Object.fromEntries(Object.entries(competency.expectations).map(([role, { level, note }]) => [role, { level, note: note || undefined }])),
        overrides: Object.fromEntries(Object.entries(competency.overrides ?? {}).filter(([, roles]) => Object.keys(roles).length > 0)
          .map(([pmoType, roles]) => [pmoType, Object.fromEntries(Object.entries(roles).map(([role, { level, note }]) => [role, { level, note: note || undefined }]))])),
        descriptors: competency.descriptors ?? {},
      })),
    })),
  }
}

describe('the CASE export', () => {
  it('is a CFPackage the CASE 1.0 JSON Schema accepts', () => {
    const result = validateCasePackage(toCasePackage(publicationFixture(), options))
    expect(result.ok ? [] : result.problems).toEqual([])
  })

  it('the schema check is real: a package without a creator or with a bad identifier is refused', () => {
    const casePackage = toCasePackage(publicationFixture(), options) as unknown as { CFDocument: Record<string, unknown>; CFItems: Array<Record<string, unknown>> }
    delete casePackage.CFDocument.creator
    casePackage.CFItems[0]!.identifier = 'not-a-uuid'
    const result = validateCasePackage(casePackage)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['/CFDocument/creator', '/CFItems/0/identifier']))
  })

  it('codes domains and competencies by position, and leaves archived rows out', () => {
    const casePackage = toCasePackage(publicationFixture(), options)
    const codes = casePackage.CFItems!.map((item) => item.humanCodingScheme)
    expect(codes.slice(0, 3)).toEqual(['D1', 'D1.C1', 'D1.C2'])
    expect(codes).toContain('D2.C1')
    expect(casePackage.CFItems!.map((item) => item.fullStatement)).not.toContain('Retired')
    expect(casePackage.CFItems!.map((item) => item.fullStatement)).not.toContain('Retired domain')
    expect(casePackage.CFItems!.filter((item) => item.CFItemType === 'Domain')).toHaveLength(11)
  })

  it('keeps every identifier across a rename and a new release, and changes them for another studio', () => {
    const before = toCasePackage(publicationFixture(), options)
    const renamed = publicationFixture()
    renamed.domains[0]!.competencies[0]!.name = 'Board and gate support'
    renamed.version = '2.0'
    const after = toCasePackage(renamed, { ...options, lastChangeDateTime: '2027-01-01T00:00:00.000Z' })
    expect(after.CFItems!.map((item) => item.identifier)).toEqual(before.CFItems!.map((item) => item.identifier))
    expect(after.CFDocument.identifier).toBe(before.CFDocument.identifier)
    const elsewhere = toCasePackage(publicationFixture(), { ...options, publicUrl: 'https://other.example.org' })
    expect(elsewhere.CFDocument.identifier).not.toBe(before.CFDocument.identifier)
    expect(before.CFItems![0]!.identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('holds the tree in isChildOf associations, and references with an address as exactMatchOf and isRelatedTo', () => {
    const casePackage = toCasePackage(publicationFixture(), options)
    const first = casePackage.CFItems!.find((item) => item.humanCodingScheme === 'D1.C1')!
    const domain = casePackage.CFItems!.find((item) => item.humanCodingScheme === 'D1')!
    const from = casePackage.CFAssociations!.filter((association) => association.originNodeURI.identifier === first.identifier)
    expect(from.map((association) => [association.associationType, association.destinationNodeURI.uri])).toEqual([
      ['isChildOf', domain.uri],
      ['isRelatedTo', 'https://sfia-online.org/en/sfia-9/skills/prof'],
      ['exactMatchOf', 'https://www.apm.org.uk/'],
    ])
    expect(casePackage.CFAssociations!.find((association) => association.originNodeURI.identifier === domain.identifier)!.destinationNodeURI.identifier)
      .toBe(casePackage.CFDocument.identifier)
  })

  it('gives one rubric per role, criteria per competency, levels scored by rank with the descriptor and the expected level', () => {
    const framework = publicationFixture()
    const casePackage = toCasePackage(framework, options)
    const manager = casePackage.CFRubrics!.find((rubric) => rubric.title === 'PMO Manager')!
    const criterion = manager.CFRubricCriteria![0]!
    expect(criterion.description).toBe('Expected level: 4 (Advanced).\nNote: Chairs the <b>board</b> secretariat.')
    expect(criterion.CFRubricCriterionLevels!.map((level) => [level.score, level.quality])).toEqual(framework.levels.map((level) => [level.rank, level.name]))
    expect(criterion.CFRubricCriterionLevels![3]!.description).toBe('Governance support at Independent: summary.\n- Indicator one at 3 & more\n- Indicator two at 3')
    expect(manager.CFRubricCriteria).toHaveLength(publishedFramework(framework).domains.flatMap((domain) => domain.competencies).length)
    const override = casePackage.CFRubrics!.find((rubric) => rubric.title === 'PMO Analyst (Portfolio office)')!
    expect(override.CFRubricCriteria!.map((one) => one.description)).toEqual(['Expected level: 4 (Advanced).\nNote: Portfolio boards are heavier & more frequent.'])
  })
})

describe('reading a CASE package back', () => {
  it('gives the same domains, competencies, roles, levels, expectations, overrides and descriptors', () => {
    const framework = publicationFixture()
    const back = fromCasePackage(toCasePackage(framework, options), resolverFor(framework))
    expect(current(back)).toEqual(current(framework))
    expect(back.title).toBe(framework.title)
    expect(back.version).toBe('1.2')
    expect(back.licence).toBe(framework.licence)
    expect(back.levels.map((level) => level.description)).toEqual(framework.levels.map((level) => level.description))
    expect(back.pmoTypes!.map((pmoType) => pmoType.id)).toEqual(framework.pmoTypes!.map((pmoType) => pmoType.id))
  })

  it('brings back references that have an address, close ones through their own grouping (CASE relates both alike)', () => {
    const framework = publicationFixture()
    const casePackage = toCasePackage(framework, options)
    const closeAssociation = casePackage.CFAssociations!.find((association) => association.destinationNodeURI.identifier === 'PROF')!
    expect(closeAssociation.associationType).toBe('isRelatedTo')
    const back = fromCasePackage(casePackage, resolverFor(framework))
    expect(back.domains[0]!.competencies[0]!.references).toEqual([
      { scheme: 'SFIA 9', code: 'PROF', title: 'Portfolio, programme and project support', uri: 'https://sfia-online.org/en/sfia-9/skills/prof', relation: 'close' },
      { scheme: 'APM', code: 'GOV', uri: 'https://www.apm.org.uk/', relation: 'exact' },
    ])
  })

  it('keeps a foreign package\'s identifiers as ids, so importing it twice matches the same rows', () => {
    const casePackage = toCasePackage(publicationFixture(), { ...options, publicUrl: 'https://elsewhere.example.org' })
    const once = fromCasePackage(casePackage)
    const twice = fromCasePackage(casePackage)
    expect(once.domains[0]!.id).toBe(casePackage.CFItems![0]!.identifier)
    expect(twice).toEqual(once)
    expect(once.roles.map((role) => role.name)).toEqual(publicationFixture().roles.map((role) => role.name))
  })

  it('tells a CASE package from a pmo-framework file', () => {
    expect(looksLikeCasePackage(toCasePackage(publicationFixture(), options))).toBe(true)
    expect(looksLikeCasePackage(publicationFixture())).toBe(false)
    expect(looksLikeCasePackage([])).toBe(false)
  })
})
