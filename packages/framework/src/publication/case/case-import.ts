/**
 * A CASE 1.0 CFPackage read back as a framework (the reverse of case-export.ts). Direct
 * children of the CFDocument are domains; every item below a domain, at any depth, is one of
 * its competencies, in `isChildOf` sequence order. Role rubrics give the roles, the scale
 * (criterion levels: score = rank, quality = name), the expected levels and the descriptors;
 * override rubrics give the PMO types' overrides; `exactMatchOf`/`isRelatedTo` associations
 * to nodes outside the package give the references.
 *
 * Ids: `idOf` recognises the studio's own identifiers (the caller runs caseIdentifier over the
 * matrix as it is), so a package the studio exported comes back onto the same rows; anything
 * else keeps its CASE identifier as its id (a lowercase UUID is a valid id), so importing
 * the same foreign package twice matches the same rows.
 */
import {
  exchangeFormat, exchangeFormatV2, type ExchangeCompetency, type ExchangeDescriptor, type ExchangeDomain, type ExchangeExpectation, type ExchangeFramework,
  type ExchangeNamed, type ExchangeReference,
} from '../../matrix/exchange-format.ts'
import { caseIdentifier, type CaseAddressing } from './case-identifiers.ts'
import { closeMatchGrouping, descriptorFromText, expectationFromCriterion, levelDescriptionsFromNotes, overrideOf } from './case-text.ts'
import type { CaseAssociation, CaseItem, CasePackage, CaseRubric } from './case-types.ts'

export type CaseIdResolver = (kind: 'domain' | 'competency' | 'role' | 'pmoType', identifier: string) => string | undefined

export function fromCasePackage(casePackage: CasePackage, idOf: CaseIdResolver = () => undefined): ExchangeFramework {
  const { CFDocument: document } = casePackage
  const items = new Map((casePackage.CFItems ?? []).map((item) => [item.identifier, item]))
  const associations = casePackage.CFAssociations ?? []
  const children = childrenByParent(associations)
  const id = (kind: Parameters<CaseIdResolver>[0], identifier: string) => idOf(kind, identifier) ?? identifier.toLowerCase()

  const rubrics = casePackage.CFRubrics ?? []
  const overrideRubrics = new Map(rubrics.flatMap((rubric) => {
    const override = overrideOf(rubric.description)
    return override ? [[rubric.identifier, override] as const] : []
  }))
  const roleRubrics = rubrics.filter((rubric) => !overrideRubrics.has(rubric.identifier))
  const competencyIdOf = new Map<string, string>()

  const domains: ExchangeDomain[] = (children.get(document.identifier) ?? [])
    .map((identifier) => items.get(identifier))
    .filter((item): item is CaseItem => item !== undefined)
    .map((domainItem) => ({
      ...named(id('domain', domainItem.identifier), domainItem),
      competencies: descendants(domainItem.identifier, children, items).map((competencyItem): ExchangeCompetency => {
        const competencyId = id('competency', competencyItem.identifier)
        competencyIdOf.set(competencyItem.identifier, competencyId)
        const references = referencesOf(competencyItem.identifier, associations, items, casePackage)
        return { ...named(competencyId, competencyItem), expectations: {}, overrides: {}, descriptors: {}, ...(references.length > 0 ? { references } : {}) }
      }),
    }))
  const competencies = new Map(domains.flatMap((domain) => domain.competencies).map((competency) => [competency.id, competency]))

  const levelNames = new Map<number, string>()
  const roles: ExchangeNamed[] = roleRubrics.map((rubric) => ({ id: id('role', rubric.identifier), name: rubric.title?.trim() || 'Role', ...(rubric.description ? { description: rubric.description } : {}) }))
  const roleIdOfRubric = new Map(roleRubrics.map((rubric, index) => [rubric.identifier, roles[index]!.id]))

  const readRubric = (rubric: CaseRubric, place: (competency: ExchangeCompetency) => Record<string, ExchangeExpectation>, roleId: string) => {
    for (const criterion of rubric.CFRubricCriteria ?? []) {
      const competency = competencies.get(competencyIdOf.get(criterion.CFItemURI?.identifier ?? '') ?? '')
      if (!competency) continue
      const expectation = expectationFromCriterion(criterion.description)
      if (expectation) place(competency)[roleId] = expectation
      for (const level of criterion.CFRubricCriterionLevels ?? []) {
        if (level.score === undefined) continue
        if (level.quality && !levelNames.has(level.score)) levelNames.set(level.score, level.quality)
        const descriptor: ExchangeDescriptor | undefined = descriptorFromText(level.description)
        if (descriptor && competency.descriptors && !competency.descriptors[String(level.score)]) competency.descriptors[String(level.score)] = descriptor
      }
    }
  }
  roleRubrics.forEach((rubric, index) => readRubric(rubric, (competency) => competency.expectations, roles[index]!.id))

  const concepts = new Map((casePackage.CFDefinitions?.CFConcepts ?? []).map((concept) => [concept.identifier, concept]))
  const pmoTypes = new Map<string, ExchangeNamed>()
  for (const rubric of rubrics) {
    const override = overrideRubrics.get(rubric.identifier)
    const roleId = override && roleIdOfRubric.get(override.rubric)
    const concept = override && concepts.get(override.pmoType)
    if (!override || !roleId || !concept) continue
    const pmoTypeId = id('pmoType', concept.identifier)
    pmoTypes.set(pmoTypeId, { id: pmoTypeId, name: concept.title, ...(concept.description ? { description: concept.description } : {}) })
    readRubric(rubric, (competency) => (competency.overrides![pmoTypeId] ??= {}), roleId)
  }
  // PMO types without overrides are still part of the framework.
  for (const concept of concepts.values()) {
    const pmoTypeId = idOf('pmoType', concept.identifier)
    if (pmoTypeId && !pmoTypes.has(pmoTypeId)) pmoTypes.set(pmoTypeId, { id: pmoTypeId, name: concept.title, ...(concept.description ? { description: concept.description } : {}) })
  }

  // Descriptors and references are v2; a package without any reads as v1, which every studio takes.
  for (const competency of competencies.values()) if (Object.keys(competency.descriptors!).length === 0) delete competency.descriptors
  const needsV2 = [...competencies.values()].some((competency) => competency.descriptors || competency.references)
  const levelDescriptions = levelDescriptionsFromNotes(document.notes)
  return {
    format: needsV2 ? exchangeFormatV2 : exchangeFormat,
    title: document.title,
    ...(document.adoptionStatus ? { status: document.adoptionStatus } : {}),
    ...(document.licenseURI?.title ? { licence: licenceText(casePackage, document.licenseURI.identifier) ?? document.licenseURI.title } : {}),
    ...(document.version ? { version: document.version } : {}),
    levels: [...levelNames.entries()].sort(([a], [b]) => a - b).map(([rank, name]) => ({ rank, name, ...(levelDescriptions.has(rank) ? { description: levelDescriptions.get(rank)! } : {}) })),
    roles,
    // In the order the package defines them, as the framework had them.
    pmoTypes: [...concepts.keys()].map((identifier) => pmoTypes.get(id('pmoType', identifier))).filter((pmoType): pmoType is ExchangeNamed => pmoType !== undefined),
    domains,
  }
}

function named(id: string, item: CaseItem): ExchangeNamed {
  return { id, name: item.fullStatement.trim() || item.humanCodingScheme || id, ...(item.notes ? { description: item.notes } : {}) }
}

/** Child identifiers of each node, by `isChildOf` (origin is the child), in sequence order. */
function childrenByParent(associations: CaseAssociation[]): Map<string, string[]> {
  const byParent = new Map<string, CaseAssociation[]>()
  for (const association of associations) {
    if (association.associationType !== 'isChildOf') continue
    const parent = association.destinationNodeURI.identifier
    byParent.set(parent, [...(byParent.get(parent) ?? []), association])
  }
  return new Map([...byParent].map(([parent, list]) => [
    parent,
    list.sort((a, b) => (a.sequenceNumber ?? Number.MAX_SAFE_INTEGER) - (b.sequenceNumber ?? Number.MAX_SAFE_INTEGER)).map((association) => association.originNodeURI.identifier),
  ]))
}

function descendants(parent: string, children: Map<string, string[]>, items: Map<string, CaseItem>, seen = new Set<string>()): CaseItem[] {
  return (children.get(parent) ?? []).flatMap((identifier) => {
    const item = items.get(identifier)
    if (!item || seen.has(identifier)) return []
    seen.add(identifier)
    return [item, ...descendants(identifier, children, items, seen)]
  })
}

function referencesOf(itemIdentifier: string, associations: CaseAssociation[], items: Map<string, CaseItem>, casePackage: CasePackage): ExchangeReference[] {
  const groupings = new Map((casePackage.CFDefinitions?.CFAssociationGroupings ?? []).map((grouping) => [grouping.identifier, grouping]))
  return associations
    .filter((association) => association.originNodeURI.identifier === itemIdentifier && !items.has(association.destinationNodeURI.identifier))
    .filter((association) => association.associationType === 'exactMatchOf' || association.associationType === 'isRelatedTo')
    .map((association): ExchangeReference => {
      const destination = association.destinationNodeURI
      const grouping = association.CFAssociationGroupingURI ? groupings.get(association.CFAssociationGroupingURI.identifier) : undefined
      const scheme = grouping?.title || association.CFAssociationGroupingURI?.title || 'Other'
      const close = association.associationType === 'isRelatedTo' && grouping?.description === closeMatchGrouping(scheme)
      return {
        scheme,
        ...(destination.identifier && destination.identifier !== destination.uri ? { code: destination.identifier } : {}),
        ...(destination.title && destination.title !== destination.identifier ? { title: destination.title } : {}),
        uri: destination.uri,
        relation: association.associationType === 'exactMatchOf' ? 'exact' : close ? 'close' : 'related',
      }
    })
}

function licenceText(casePackage: CasePackage, identifier: string): string | undefined {
  return casePackage.CFDefinitions?.CFLicenses?.find((licence) => licence.identifier === identifier)?.licenseText
}

/**
 * Recognises the studio's own identifiers: those case-export.ts gives the rows of `framework`
 * (the matrix as it is, archived rows too) under the same address.
 */
export function caseIdResolver(framework: ExchangeFramework, addressing: CaseAddressing): CaseIdResolver {
  const known = new Map<string, string>()
  const add = (kind: 'domain' | 'competency' | 'role' | 'pmo-type', id: string) => known.set(caseIdentifier(addressing, kind, id), id)
  for (const domain of framework.domains) {
    add('domain', domain.id)
    for (const competency of domain.competencies) add('competency', competency.id)
  }
  for (const role of framework.roles) add('role', role.id)
  for (const pmoType of framework.pmoTypes ?? []) add('pmo-type', pmoType.id)
  return (_kind, identifier) => known.get(identifier)
}
