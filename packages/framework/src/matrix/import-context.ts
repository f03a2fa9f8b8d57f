/**
 * What the parts of an import plan (import-plan.ts, import-plan-cells.ts) share: entities as
 * the document holds them, the names things will have after the import, and which ids a
 * file lists.
 */
import type { ImportMode, PreviewCellValue } from '@studio/contract'
import type * as Y from 'yjs'
import type { ExchangeExpectation, ExchangeFramework, ExchangeNamed } from './exchange-format.ts'
import { entityMap, plainTextOf, type EntityKind } from './schema.ts'

/** An entity as the document holds it now. */
export interface Existing {
  name: string
  description: string
  archived: boolean
  domainId: string | null
}

export function existingEntity(doc: Y.Doc, kind: EntityKind, id: string): Existing | null {
  const entity = entityMap(doc, kind, id)
  if (!entity) return null
  const domainId = entity.get('domainId')
  return {
    name: plainTextOf(entity.get('name')),
    description: plainTextOf(entity.get('description')),
    archived: entity.get('archived') === true,
    domainId: typeof domainId === 'string' ? domainId : null,
  }
}

/**
 * The names things will have after the import, for the preview's lists: the file's for what
 * a replace writes or either mode adds, the matrix's for what stays as it is.
 */
export class NamesAfter {
  private readonly fileNames = new Map<string, string>()
  private readonly fileDomains = new Map<string, string>()
  private readonly doc: Y.Doc
  private readonly mode: ImportMode

  constructor(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode) {
    this.doc = doc
    this.mode = mode
    const put = (kind: EntityKind, items: ExchangeNamed[]) => items.forEach((item) => this.fileNames.set(`${kind}:${item.id}`, item.name))
    put('role', framework.roles)
    put('pmoType', framework.pmoTypes ?? [])
    put('domain', framework.domains)
    for (const domain of framework.domains) {
      put('competency', domain.competencies)
      for (const competency of domain.competencies) this.fileDomains.set(competency.id, domain.id)
    }
  }

  name(kind: EntityKind, id: string): string {
    const existing = existingEntity(this.doc, kind, id)
    const inFile = this.fileNames.get(`${kind}:${id}`)
    if (existing && (this.mode === 'merge' || inFile === undefined)) return existing.name || id
    return inFile ?? id
  }

  domainOf(competencyId: string): string {
    const existing = existingEntity(this.doc, 'competency', competencyId)
    const inFile = this.fileDomains.get(competencyId)
    if (existing?.domainId && (this.mode === 'merge' || inFile === undefined)) return existing.domainId
    return inFile ?? existing?.domainId ?? ''
  }
}

export function listedIds(framework: ExchangeFramework, kind: EntityKind): string[] {
  if (kind === 'competency') return framework.domains.flatMap((domain) => domain.competencies.map((competency) => competency.id))
  const items: ExchangeNamed[] = kind === 'role' ? framework.roles : kind === 'pmoType' ? (framework.pmoTypes ?? []) : framework.domains
  return items.map((item) => item.id)
}

/** A cell's value as the preview shows it. */
export function cellValue(expectation: ExchangeExpectation, levelNames: Map<number, string>): PreviewCellValue {
  return { level: expectation.level, levelName: expectation.level === null ? null : (levelNames.get(expectation.level) ?? null), note: expectation.note ?? '' }
}

