/**
 * Identifiers and addresses of everything in the studio's CASE package. Each identifier is a
 * UUID v5 (RFC 9562, name-based) of the studio's address and the entity's id in the matrix:
 * ids there never change on a rename, and a release is the same matrix later, so an item
 * keeps its identifier across renames and releases, and two studios publishing the starter
 * framework do not claim each other's items. The same function, run over the matrix at
 * import time, recognises the studio's own items in a package brought back (case-import.ts).
 */
import { v5 as uuidV5 } from 'uuid'

/** Fixed for good: changing it would give every published item a new identifier. */
const studioCaseNamespace = '7f26abd3-d199-4687-9f08-0e16b8323859'

export type CaseEntityKind = 'document' | 'domain' | 'competency' | 'role' | 'criterion' | 'criterion-level' | 'association' | 'item-type' | 'licence' | 'pmo-type' | 'grouping'

export interface CaseAddressing {
  /** The studio's public address (PUBLIC_URL): the framework's identity, and where its URIs point. */
  publicUrl: string
}

export function caseIdentifier(addressing: CaseAddressing, kind: CaseEntityKind, ...parts: string[]): string {
  return uuidV5(JSON.stringify([addressing.publicUrl, kind, ...parts]), studioCaseNamespace)
}

/** The CASE REST paths' shape under the studio's address. The studio does not serve them (yet): they name, they do not resolve. */
const collections: Record<CaseEntityKind, string> = {
  document: 'CFDocuments',
  domain: 'CFItems',
  competency: 'CFItems',
  role: 'CFRubrics',
  criterion: 'CFRubricCriteria',
  'criterion-level': 'CFRubricCriterionLevels',
  association: 'CFAssociations',
  'item-type': 'CFItemTypes',
  licence: 'CFLicenses',
  'pmo-type': 'CFConcepts',
  grouping: 'CFAssociationGroupings',
}

export function caseUri(addressing: CaseAddressing, kind: CaseEntityKind, identifier: string): string {
  return `${addressing.publicUrl.replace(/\/+$/, '')}/api/case/v1p0/${collections[kind]}/${identifier}`
}
