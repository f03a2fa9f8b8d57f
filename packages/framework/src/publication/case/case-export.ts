/**
 * The framework as a 1EdTech CASE 1.0 CFPackage: the CFDocument is the framework, CFItems
 * are its domains ("D2") and competencies ("D2.C3"), `isChildOf` associations hold the tree,
 * references to other frameworks become `exactMatchOf` (exact) and `isRelatedTo` (close,
 * related) associations grouped by scheme (CASE has no "close match": close ones have a
 * grouping of their own, described as such, so the studio reads them back as close), and each role is a CFRubric whose criteria are
 * the competencies and whose criterion levels are the scale: score = rank, quality = the
 * level's name, description = the competency's descriptor there. PMO types that override a
 * role's expectations get a rubric of their own holding only the overridden criteria.
 * Archived rows are not published. Identifiers: case-identifiers.ts.
 */
import type { ExchangeFramework, ExchangeReference } from '../../matrix/exchange-format.ts'
import { descriptorAt, expectationOf, publishedFramework, type PublishedCompetency, type PublishedFramework } from '../published-framework.ts'
import { caseIdentifier, caseUri, type CaseAddressing, type CaseEntityKind } from './case-identifiers.ts'
import { closeMatchGrouping, criterionDescription, descriptorText, overrideRubricDescription, scaleNotes } from './case-text.ts'
import type {
  CaseAssociation, CaseAssociationType, CaseDefinitionEntry, CaseItem, CaseLink, CasePackage, CaseRubric, CaseRubricCriterion,
} from './case-types.ts'

export interface CaseExportOptions extends CaseAddressing {
  /** When the package was made (ISO 8601): every record's lastChangeDateTime. */
  lastChangeDateTime: string
  /** Who promulgates the framework (CFDocument.creator, required by CASE). */
  creator: string
}

export const caseItemTypes = { domain: 'Domain', competency: 'Competency' } as const

const referenceAssociation: Record<ExchangeReference['relation'], CaseAssociationType> = {
  exact: 'exactMatchOf',
  close: 'isRelatedTo',
  related: 'isRelatedTo',
}

export function toCasePackage(framework: ExchangeFramework, options: CaseExportOptions): CasePackage {
  const published = publishedFramework(framework)
  const at = options.lastChangeDateTime
  const entry = (kind: CaseEntityKind, ...parts: string[]) => {
    const identifier = caseIdentifier(options, kind, ...parts)
    return { identifier, uri: caseUri(options, kind, identifier) }
  }
  const link = (kind: CaseEntityKind, title: string, ...parts: string[]): CaseLink => ({ title, ...entry(kind, ...parts) })

  const documentLink = link('document', framework.title)
  const itemTypes: CaseDefinitionEntry[] = [
    { ...entry('item-type', 'domain'), title: caseItemTypes.domain, hierarchyCode: '1', description: 'A group of related competencies.', lastChangeDateTime: at },
    { ...entry('item-type', 'competency'), title: caseItemTypes.competency, hierarchyCode: '2', description: 'Something a PMO practitioner can do, assessed against the levels of the scale.', lastChangeDateTime: at },
  ]
  const itemTypeLink = (type: 'domain' | 'competency'): CaseLink => {
    const { identifier, uri, title } = itemTypes[type === 'domain' ? 0 : 1]!
    return { identifier, uri, title }
  }
  const licence = framework.licence?.trim()
    ? { ...entry('licence', framework.licence), title: framework.licence, licenseText: framework.licence, lastChangeDateTime: at }
    : undefined

  const items: CaseItem[] = []
  const associations: CaseAssociation[] = []
  const associate = (type: CaseAssociationType, origin: CaseLink, destination: CaseLink, sequenceNumber?: number, grouping?: CaseLink) => {
    associations.push({
      ...entry('association', type, origin.identifier, destination.identifier, destination.uri),
      associationType: type,
      ...(sequenceNumber !== undefined ? { sequenceNumber } : {}),
      originNodeURI: origin,
      destinationNodeURI: destination,
      ...(grouping ? { CFAssociationGroupingURI: grouping } : {}),
      CFDocumentURI: documentLink,
      lastChangeDateTime: at,
    })
  }
  const groupings = new Map<string, CaseDefinitionEntry>()

  for (const { domain, code, position, competencies } of published.domains) {
    const domainLink = link('domain', domain.name, domain.id)
    items.push(item(domainLink, code, position, domain.description, itemTypeLink('domain'), documentLink, at))
    associate('isChildOf', domainLink, documentLink, position)
    for (const { competency, code: competencyCode, position: competencyPosition } of competencies) {
      const competencyLink = link('competency', competency.name, competency.id)
      items.push(item(competencyLink, competencyCode, competencyPosition, competency.description, itemTypeLink('competency'), documentLink, at))
      associate('isChildOf', competencyLink, domainLink, competencyPosition)
      for (const reference of competency.references ?? []) {
        if (!reference.uri) continue // CASE points at a resolvable node; a reference without an address stays in the other publications only.
        const close = reference.relation === 'close'
        const key = close ? `${reference.scheme}\u0000close` : reference.scheme
        const grouping = groupings.get(key) ?? {
          ...(close ? entry('grouping', reference.scheme, 'close') : entry('grouping', reference.scheme)),
          title: reference.scheme,
          ...(close ? { description: closeMatchGrouping(reference.scheme) } : {}),
          lastChangeDateTime: at,
        }
        groupings.set(key, grouping)
        const destination = { title: reference.title ?? reference.code ?? reference.scheme, identifier: reference.code ?? reference.uri, uri: reference.uri }
        associate(referenceAssociation[reference.relation], competencyLink, destination, undefined, { title: grouping.title, identifier: grouping.identifier, uri: grouping.uri })
      }
    }
  }

  const pmoTypeConcepts = published.pmoTypes.map((pmoType, index): CaseDefinitionEntry => ({
    ...entry('pmo-type', pmoType.id), title: pmoType.name, hierarchyCode: `P${index + 1}`, ...(pmoType.description ? { description: pmoType.description } : {}), lastChangeDateTime: at,
  }))

  return {
    CFDocument: {
      ...entry('document'),
      creator: options.creator,
      title: framework.title,
      lastChangeDateTime: at,
      ...(framework.version ? { version: framework.version } : {}),
      ...(framework.status ? { adoptionStatus: framework.status } : {}),
      language: 'en',
      description: 'A PMO competency framework: competencies grouped in domains, a scale of levels with what each competency looks like at each level, and the level each role is expected to reach.',
      ...(scaleNotes(published.levels) ? { notes: scaleNotes(published.levels) } : {}),
      ...(licence ? { licenseURI: { title: licence.title, identifier: licence.identifier, uri: licence.uri } } : {}),
    },
    CFItems: items,
    CFAssociations: associations,
    CFDefinitions: {
      CFItemTypes: itemTypes,
      ...(licence ? { CFLicenses: [licence] } : {}),
      ...(pmoTypeConcepts.length > 0 ? { CFConcepts: pmoTypeConcepts } : {}),
      ...(groupings.size > 0 ? { CFAssociationGroupings: [...groupings.values()] } : {}),
    },
    CFRubrics: rubrics(published, options, pmoTypeConcepts),
  }
}

function item(self: CaseLink, code: string, position: number, description: string | undefined, type: CaseLink, document: CaseLink, at: string): CaseItem {
  return {
    identifier: self.identifier,
    uri: self.uri,
    fullStatement: self.title,
    humanCodingScheme: code,
    listEnumeration: String(position),
    ...(description?.trim() ? { notes: description.trim() } : {}),
    CFItemType: type.title,
    CFItemTypeURI: type,
    CFDocumentURI: document,
    lastChangeDateTime: at,
  }
}

function rubrics(published: PublishedFramework, options: CaseExportOptions, pmoTypeConcepts: CaseDefinitionEntry[]): CaseRubric[] {
  const at = options.lastChangeDateTime
  const all = published.domains.flatMap((domain) => domain.competencies.map((competency) => ({ ...competency, domainName: domain.domain.name })))
  const rubricsOut: CaseRubric[] = []
  for (const role of published.roles) {
    const roleRubricId = caseIdentifier(options, 'role', role.id)
    rubricsOut.push({
      identifier: roleRubricId,
      uri: caseUri(options, 'role', roleRubricId),
      title: role.name,
      ...(role.description?.trim() ? { description: role.description.trim() } : {}),
      lastChangeDateTime: at,
      CFRubricCriteria: all.map((competency, index) => criterion(published, options, roleRubricId, competency, index + 1, criterionDescription(expectationOf(competency.competency, role.id), published.levels))),
    })
    published.pmoTypes.forEach((pmoType, p) => {
      const overridden = all.filter((competency) => expectationOf(competency.competency, role.id, pmoType.id))
      if (overridden.length === 0) return
      const identifier = caseIdentifier(options, 'role', role.id, pmoType.id)
      rubricsOut.push({
        identifier,
        uri: caseUri(options, 'role', identifier),
        title: `${role.name} (${pmoType.name})`,
        description: overrideRubricDescription(pmoType.name, pmoTypeConcepts[p]!.identifier, roleRubricId),
        lastChangeDateTime: at,
        CFRubricCriteria: overridden.map((competency, index) =>
          criterion(published, options, identifier, competency, index + 1, criterionDescription(expectationOf(competency.competency, role.id, pmoType.id), published.levels))),
      })
    })
  }
  return rubricsOut
}

function criterion(
  published: PublishedFramework, options: CaseExportOptions, rubricId: string, { competency, code, domainName }: PublishedCompetency & { domainName: string },
  position: number, description: string,
): CaseRubricCriterion {
  const at = options.lastChangeDateTime
  const identifier = caseIdentifier(options, 'criterion', rubricId, competency.id)
  const competencyId = caseIdentifier(options, 'competency', competency.id)
  return {
    identifier,
    uri: caseUri(options, 'criterion', identifier),
    category: domainName,
    description,
    CFItemURI: { title: `${code} ${competency.name}`, identifier: competencyId, uri: caseUri(options, 'competency', competencyId) },
    position,
    rubricId,
    lastChangeDateTime: at,
    CFRubricCriterionLevels: published.levels.map((level, index) => {
      const levelId = caseIdentifier(options, 'criterion-level', identifier, String(level.rank))
      const descriptor = descriptorAt(competency, level.rank)
      return {
        identifier: levelId,
        uri: caseUri(options, 'criterion-level', levelId),
        quality: level.name,
        score: level.rank,
        ...(descriptor ? { description: descriptorText(descriptor) } : {}),
        position: index + 1,
        rubricCriterionId: identifier,
        lastChangeDateTime: at,
      }
    }),
  }
}
