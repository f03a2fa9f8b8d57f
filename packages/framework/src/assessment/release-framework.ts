/**
 * A release's matrix as a member assesses against it: levels, roles, PMO types and, per
 * domain, each competency with its descriptors (indicators keep their ids, which ticks name)
 * and what each role is expected to reach, with the PMO types' overrides. Archived entries
 * are left out: a release shows them nowhere either.
 */
import type { AssessableCompetency, AssessableFramework } from '@studio/contract'
import type * as Y from 'yjs'
import { isEmptyDescriptor, readDescriptor } from '../matrix/descriptors.ts'
import { hasOverride, readExpectation, readMatrix } from '../matrix/read.ts'

export function readAssessableFramework(doc: Y.Doc): AssessableFramework {
  const matrix = readMatrix(doc)
  const roles = matrix.roles.filter((role) => !role.archived)
  const pmoTypes = matrix.pmoTypes.filter((type) => !type.archived)
  const competency = (id: string, name: string, description: string): AssessableCompetency => {
    const descriptors = matrix.levels
      .map((level) => ({ rank: level.rank, ...readDescriptor(doc, id, level.rank) }))
      .filter((descriptor) => !isEmptyDescriptor(descriptor))
      .map(({ rank, summary, indicators }) => ({ rank, summary, indicators: indicators.map(({ id: indicatorId, text }) => ({ id: indicatorId, text })) }))
    const expectations: Record<string, number | null> = {}
    const overrides: Record<string, Record<string, number | null>> = {}
    for (const role of roles) {
      expectations[role.id] = readExpectation(doc, { competencyId: id, roleId: role.id }).level
      for (const type of pmoTypes) {
        const ref = { competencyId: id, roleId: role.id, pmoTypeId: type.id }
        if (hasOverride(doc, ref)) (overrides[type.id] ??= {})[role.id] = readExpectation(doc, ref).level
      }
    }
    return { id, name, description, descriptors, expectations, overrides }
  }
  return {
    title: matrix.meta.title,
    levels: matrix.levels,
    roles: roles.map(({ id, name }) => ({ id, name })),
    pmoTypes: pmoTypes.map(({ id, name }) => ({ id, name })),
    domains: matrix.domains.filter((domain) => !domain.archived).map((domain) => ({
      id: domain.id,
      name: domain.name,
      competencies: domain.competencies.filter((entry) => !entry.archived).map((entry) => competency(entry.id, entry.name, entry.description)),
    })),
  }
}

/** Every competency of the framework, in order, with its domain. */
export function competenciesOf(framework: AssessableFramework): Array<AssessableCompetency & { domainId: string; domain: string }> {
  return framework.domains.flatMap((domain) => domain.competencies.map((entry) => ({ ...entry, domainId: domain.id, domain: domain.name })))
}

/** The level a role is expected to reach, the PMO type's override first. */
export function expectedLevel(competency: AssessableCompetency, roleId: string | null, pmoTypeId: string | null): number | null {
  if (!roleId) return null
  const override = pmoTypeId ? competency.overrides[pmoTypeId] : undefined
  if (override && Object.hasOwn(override, roleId)) return override[roleId] ?? null
  return competency.expectations[roleId] ?? null
}
