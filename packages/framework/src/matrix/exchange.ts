/**
 * The matrix document to and from `pmo-framework/v2` (v1 on request: v2 less descriptors and
 * references, which `omittedFromV1` names). Exports keep archived rows (flagged),
 * so nothing is lost in a round trip. Imports keep the file's ids; they are planned (what
 * would change, shown as a preview) and then carried out in one Yjs transaction: see
 * import-plan.ts and import-apply.ts.
 */
import type * as Y from 'yjs'
import { isEmptyDescriptor, readDescriptor, readReferences } from './descriptors.ts'
import {
  exchangeFormat, exchangeFormatV2, type ExchangeCompetency, type ExchangeDescriptor, type ExchangeExpectation, type ExchangeFormat, type ExchangeFramework,
  type ExchangeNamed, type ExchangeReference,
} from './exchange-format.ts'
import { readEntities, readCompetencies, readExpectation, readLevels, readMeta, hasOverride } from './read.ts'
import { cellKey, matrixMaps, noteText, type CellRef } from './schema.ts'

/**
 * The document as `pmo-framework/v1`. A name left empty (two people deleting its two halves at
 * the same moment is enough) is exported as the id, or "Level <rank>", because the format
 * requires a name and the studio must be able to import its own export.
 */
export function toExchange(doc: Y.Doc, format: ExchangeFormat = exchangeFormatV2): ExchangeFramework {
  const meta = readMeta(doc)
  const named = (entity: { id: string; name: string; description: string; archived: boolean }): ExchangeNamed => ({
    id: entity.id,
    name: entity.name || entity.id,
    description: entity.description,
    ...(entity.archived ? { archived: true } : {}),
  })
  const roles = readEntities(doc, 'role')
  const pmoTypes = readEntities(doc, 'pmoType')
  const competencies = readCompetencies(doc)
  const expectationOf = (ref: CellRef): ExchangeExpectation => {
    const { level, note } = readExpectation(doc, ref)
    return { level, note }
  }
  const levels = readLevels(doc)
  return {
    format,
    title: meta.title || 'PMO Competency Framework',
    ...(meta.status ? { status: meta.status } : {}),
    ...(meta.licence ? { licence: meta.licence } : {}),
    ...(meta.version ? { version: meta.version } : {}),
    levels: levels.map((level) => ({ rank: level.rank, name: level.name || `Level ${level.rank}`, description: level.description })),
    roles: roles.map(named),
    pmoTypes: pmoTypes.map(named),
    domains: readEntities(doc, 'domain').map((domain) => ({
      ...named(domain),
      competencies: competencies
        .filter((competency) => competency.domainId === domain.id)
        .map((competency): ExchangeCompetency => {
          const expectations: Record<string, ExchangeExpectation> = {}
          for (const role of roles) {
            if (isSet(doc, { competencyId: competency.id, roleId: role.id })) expectations[role.id] = expectationOf({ competencyId: competency.id, roleId: role.id })
          }
          const overrides: Record<string, Record<string, ExchangeExpectation>> = {}
          for (const pmoType of pmoTypes) {
            for (const role of roles) {
              const ref = { competencyId: competency.id, roleId: role.id, pmoTypeId: pmoType.id }
              if (!hasOverride(doc, ref)) continue
              ;(overrides[pmoType.id] ??= {})[role.id] = expectationOf(ref)
            }
          }
          if (format === exchangeFormat) return { ...named(competency), expectations, overrides }
          return { ...named(competency), expectations, overrides, ...depthOf(doc, competency.id, levels.map((level) => level.rank)) }
        }),
    })),
  }
}

/** A competency's descriptors (levels that have one) and references, each left out when there are none. */
function depthOf(doc: Y.Doc, competencyId: string, ranks: number[]): Pick<ExchangeCompetency, 'descriptors' | 'references'> {
  const descriptors: Record<string, ExchangeDescriptor> = {}
  for (const rank of ranks) {
    const descriptor = readDescriptor(doc, competencyId, rank)
    if (isEmptyDescriptor(descriptor)) continue
    // An indicator added but not written yet says nothing; the format requires text.
    descriptors[String(rank)] = { summary: descriptor.summary, indicators: descriptor.indicators.map((indicator) => indicator.text).filter((text) => text.length > 0) }
  }
  const references = readReferences(doc, competencyId).map(({ scheme, code, title, uri, relation }): ExchangeReference => ({
    scheme, ...(code ? { code } : {}), ...(title ? { title } : {}), ...(uri ? { uri } : {}), relation,
  }))
  return { ...(Object.keys(descriptors).length > 0 ? { descriptors } : {}), ...(references.length > 0 ? { references } : {}) }
}

/** What a v1 export of this matrix leaves out, in words for a header ("descriptors", "references"); empty when nothing. */
export function omittedFromV1(framework: ExchangeFramework): string[] {
  const competencies = framework.domains.flatMap((domain) => domain.competencies)
  const omitted: string[] = []
  if (competencies.some((competency) => Object.keys(competency.descriptors ?? {}).length > 0)) omitted.push('descriptors')
  if (competencies.some((competency) => (competency.references ?? []).length > 0)) omitted.push('references')
  return omitted
}

/** A general cell counts as set when it has a level (even "none yet") or a note. */
function isSet(doc: Y.Doc, ref: CellRef): boolean {
  return matrixMaps(doc).expectations.has(cellKey(ref)) || noteText(doc, ref).length > 0
}

export { importFramework, previewImport, type ImportMode, type ImportReport } from './import-apply.ts'
