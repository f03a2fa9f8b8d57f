/**
 * The matrix as CSV for spreadsheets (RFC 4180: CRLF line ends, fields with commas, quotes or
 * line breaks quoted, quotes doubled). One row per competency and role, then one per override.
 * Columns hold names, which is what a person reading a spreadsheet expects; the JSON export is
 * the lossless one, with ids. Archived domains (with their competencies), competencies, roles
 * and PMO types are left out. A cell that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) is prefixed with `'`.
 */
import type * as Y from 'yjs'
import { hasOverride, readExpectation, readMatrix } from './read.ts'
import type { CellRef } from './schema.ts'

export const csvColumns = ['domain', 'competency', 'role', 'pmo_type', 'level', 'level_name', 'note'] as const

export function matrixToCsv(doc: Y.Doc): string {
  const matrix = readMatrix(doc)
  const levelNames = new Map(matrix.levels.map((level) => [level.rank, level.name]))
  const roles = matrix.roles.filter((role) => !role.archived)
  const pmoTypes = matrix.pmoTypes.filter((pmoType) => !pmoType.archived)
  const rows: string[][] = [[...csvColumns]]
  for (const domain of matrix.domains.filter((domain) => !domain.archived)) {
    for (const competency of domain.competencies.filter((competency) => !competency.archived)) {
      const row = (roleName: string, pmoTypeName: string, ref: CellRef) => {
        const { level, note } = readExpectation(doc, ref)
        rows.push([domain.name, competency.name, roleName, pmoTypeName, level === null ? '' : String(level), level === null ? '' : (levelNames.get(level) ?? ''), note])
      }
      for (const role of roles) row(role.name, '', { competencyId: competency.id, roleId: role.id })
      for (const pmoType of pmoTypes) {
        for (const role of roles) {
          const ref = { competencyId: competency.id, roleId: role.id, pmoTypeId: pmoType.id }
          if (hasOverride(doc, ref)) row(role.name, pmoType.name, ref)
        }
      }
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** A cell made safe to open in a spreadsheet, then quoted as RFC 4180 requires. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
