/**
 * The parts of a 1EdTech CASE 1.0 CFPackage the studio writes and reads, named as the
 * specification names them (case-v1p0-cfpackage-schema.json is the authority on shape).
 */
export interface CaseLink {
  title: string
  identifier: string
  uri: string
}

export interface CaseDocument {
  identifier: string
  uri: string
  creator: string
  title: string
  lastChangeDateTime: string
  version?: string
  adoptionStatus?: string
  description?: string
  language?: string
  notes?: string
  licenseURI?: CaseLink | null
}

export interface CaseItem {
  identifier: string
  uri: string
  fullStatement: string
  humanCodingScheme?: string
  listEnumeration?: string
  notes?: string
  CFItemType?: string
  CFItemTypeURI?: CaseLink
  CFDocumentURI?: CaseLink
  lastChangeDateTime: string
}

export type CaseAssociationType = 'isChildOf' | 'isPeerOf' | 'isPartOf' | 'exactMatchOf' | 'precedes' | 'isRelatedTo' | 'replacedBy' | 'exemplar' | 'hasSkillLevel'

export interface CaseAssociation {
  identifier: string
  uri: string
  associationType: CaseAssociationType
  sequenceNumber?: number
  originNodeURI: CaseLink
  destinationNodeURI: CaseLink
  CFAssociationGroupingURI?: CaseLink | null
  CFDocumentURI?: CaseLink
  lastChangeDateTime: string
}

export interface CaseDefinitionEntry {
  identifier: string
  uri: string
  title: string
  description?: string
  hierarchyCode?: string
  typeCode?: string
  licenseText?: string
  lastChangeDateTime: string
}

export interface CaseDefinitions {
  CFItemTypes?: CaseDefinitionEntry[]
  CFLicenses?: CaseDefinitionEntry[]
  CFConcepts?: CaseDefinitionEntry[]
  CFAssociationGroupings?: CaseDefinitionEntry[]
  CFSubjects?: CaseDefinitionEntry[]
}

export interface CaseRubricCriterionLevel {
  identifier: string
  uri: string
  description?: string
  quality?: string
  score?: number
  feedback?: string
  position?: number
  rubricCriterionId?: string
  lastChangeDateTime: string
}

export interface CaseRubricCriterion {
  identifier: string
  uri: string
  category?: string
  description?: string
  CFItemURI?: CaseLink
  position?: number
  rubricId?: string
  lastChangeDateTime: string
  CFRubricCriterionLevels?: CaseRubricCriterionLevel[]
}

export interface CaseRubric {
  identifier: string
  uri: string
  title?: string
  description?: string
  lastChangeDateTime: string
  CFRubricCriteria?: CaseRubricCriterion[]
}

export interface CasePackage {
  CFDocument: CaseDocument
  CFItems?: CaseItem[]
  CFAssociations?: CaseAssociation[]
  CFDefinitions?: CaseDefinitions
  CFRubrics?: CaseRubric[]
}
