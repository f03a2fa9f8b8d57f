/**
 * Comment counts (by anchor, from the comments feature) arranged the way the grid renders
 * them: by line, then by column. Cells viewed for a PMO type count that type's anchors.
 */
import { competencyLineId, domainLineId, headerLineId } from './matrix-layout.ts'
import { headColumn } from './matrix-navigation.ts'

export type LineCounts = Readonly<Record<string, number>>

export const noCounts: LineCounts = Object.freeze({})

export function countsByLine(counts: ReadonlyMap<string, number> | undefined, pmoTypeId: string | null): Map<string, LineCounts> {
  const lines = new Map<string, Record<string, number>>()
  const add = (lineId: string, columnId: string, count: number) => {
    if (count <= 0) return
    const line = lines.get(lineId) ?? {}
    line[columnId] = (line[columnId] ?? 0) + count
    lines.set(lineId, line)
  }
  for (const [anchor, count] of counts ?? []) {
    const colon = anchor.indexOf(':')
    const kind = anchor.slice(0, colon)
    const rest = anchor.slice(colon + 1)
    if (kind === 'role') add(headerLineId, rest, count)
    else if (kind === 'competency') add(competencyLineId(rest), headColumn, count)
    else if (kind === 'domain') add(domainLineId(rest), headColumn, count)
    else if (kind === 'cell') {
      const [competencyId, roleId, pmoType] = rest.split('|')
      if (competencyId && roleId && (pmoType ?? null) === pmoTypeId) add(competencyLineId(competencyId), roleId, count)
    }
  }
  return lines
}

export function sameCounts(a: LineCounts, b: LineCounts): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}
