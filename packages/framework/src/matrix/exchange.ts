/**
 * The matrix document to and from `pmo-framework/v1`. Exports keep archived rows (flagged),
 * so nothing is lost in a round trip. Imports keep the file's ids; they are planned (what
 * would change, shown as a preview) and then carried out in one Yjs transaction: see
 * import-plan.ts and import-apply.ts.
 */
import type * as Y from 'yjs'
import { exchangeFormat, type ExchangeCompetency, type ExchangeExpectation, type ExchangeFramework, type ExchangeNamed } from './exchange-format.ts'
import { readEntities, readCompetencies, readExpectation, readLevels, readMeta, hasOverride } from './read.ts'
import { cellKey, matrixMaps, noteText, type CellRef } from './schema.ts'

/**
 * The document as `pmo-framework/v1`. A name left empty (two people deleting its two halves at
 * the same moment is enough) is exported as the id, or "Level <rank>", because the format
 * requires a name and the studio must be able to import its own export.
 */
export function toExchange(doc: Y.Doc): ExchangeFramework {
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
  return {
    format: exchangeFormat,
    title: meta.title || 'PMO Competency Framework',
    ...(meta.status ? { status: meta.status } : {}),
    ...(meta.licence ? { licence: meta.licence } : {}),
    ...(meta.version ? { version: meta.version } : {}),
    levels: readLevels(doc).map((level) => ({ rank: level.rank, name: level.name || `Level ${level.rank}`, description: level.description })),
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
          return { ...named(competency), expectations, overrides }
        }),
    })),
  }
}

/** A general cell counts as set when it has a level (even "none yet") or a note. */
function isSet(doc: Y.Doc, ref: CellRef): boolean {
  return matrixMaps(doc).expectations.has(cellKey(ref)) || noteText(doc, ref).length > 0
}

export { importFramework, previewImport, type ImportMode, type ImportReport } from './import-apply.ts'
