/**
 * What every publication (CASE, HTML, Word) reads from an exchange framework: the current
 * entities only (archived rows are kept in the JSON export for round trips, but a
 * publication is for reading and assessing against), their codes by position (`D2.C3`),
 * and the expected level of each competency for each role, generally and per PMO type.
 */
import type {
  ExchangeCompetency, ExchangeDescriptor, ExchangeDomain, ExchangeExpectation, ExchangeFramework, ExchangeNamed,
} from '../matrix/exchange-format.ts'

export interface PublishedCompetency {
  competency: ExchangeCompetency
  /** e.g. `D2.C3`: the domain's and the competency's positions among the current ones, from 1. */
  code: string
  position: number
}

export interface PublishedDomain {
  domain: ExchangeDomain
  /** e.g. `D2`. */
  code: string
  position: number
  competencies: PublishedCompetency[]
}

export interface PublishedFramework {
  framework: ExchangeFramework
  levels: ExchangeFramework['levels']
  roles: ExchangeNamed[]
  pmoTypes: ExchangeNamed[]
  domains: PublishedDomain[]
}

const current = <T extends { archived?: boolean }>(items: readonly T[]): T[] => items.filter((item) => !item.archived)

export function publishedFramework(framework: ExchangeFramework): PublishedFramework {
  return {
    framework,
    levels: [...framework.levels].sort((a, b) => a.rank - b.rank),
    roles: current(framework.roles),
    pmoTypes: current(framework.pmoTypes ?? []),
    domains: current(framework.domains).map((domain, d) => ({
      domain,
      code: `D${d + 1}`,
      position: d + 1,
      competencies: current(domain.competencies).map((competency, c) => ({ competency, code: `D${d + 1}.C${c + 1}`, position: c + 1 })),
    })),
  }
}

/** The level's name as the scale has it, e.g. "3 Advanced"; a rank outside the scale is shown as a number. */
export function levelLabel(levels: ExchangeFramework['levels'], rank: number | null): string {
  if (rank === null) return 'No level yet'
  const level = levels.find((candidate) => candidate.rank === rank)
  return level ? `${rank} ${level.name}` : String(rank)
}

/** The competency's descriptor at a level, or undefined where nobody has written one yet. */
export function descriptorAt(competency: ExchangeCompetency, rank: number): ExchangeDescriptor | undefined {
  const descriptor = competency.descriptors?.[String(rank)]
  if (!descriptor) return undefined
  const indicators = descriptor.indicators.filter((indicator) => indicator.trim() !== '')
  return descriptor.summary.trim() === '' && indicators.length === 0 ? undefined : { summary: descriptor.summary.trim(), indicators }
}

export function hasDescriptors(competency: ExchangeCompetency): boolean {
  return Object.keys(competency.descriptors ?? {}).some((rank) => descriptorAt(competency, Number(rank)) !== undefined)
}

/** The PMO types that override at least one expectation of the competency, in the framework's order. */
export function overridingPmoTypes(published: PublishedFramework, competency: ExchangeCompetency): ExchangeNamed[] {
  return published.pmoTypes.filter((pmoType) => Object.keys(competency.overrides?.[pmoType.id] ?? {}).length > 0)
}

export function expectationOf(competency: ExchangeCompetency, roleId: string, pmoTypeId?: string): ExchangeExpectation | undefined {
  return pmoTypeId === undefined ? competency.expectations[roleId] : competency.overrides?.[pmoTypeId]?.[roleId]
}
