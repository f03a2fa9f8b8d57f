/**
 * Descriptors as rows for spreadsheets: one per competency and level that has a descriptor,
 * in the matrix's order, archived domains and competencies left out (as the CSV and the
 * workbook leave them out). Shared by the CSV's `?part=descriptors` and the workbook's
 * "Descriptors" sheet; indicators are one per line in one cell, as people write them.
 */
import type * as Y from 'yjs'
import { csvField } from './csv-export.ts'
import { isEmptyDescriptor, readDescriptor } from './descriptors.ts'
import { readMatrix } from './read.ts'

export interface DescriptorRow {
  domain: string
  competencyId: string
  competency: string
  rank: number
  levelName: string
  summary: string
  indicators: string[]
}

export const descriptorCsvColumns = ['domain', 'competency_id', 'competency', 'level', 'level_name', 'summary', 'indicators'] as const

export function readDescriptorRows(doc: Y.Doc): DescriptorRow[] {
  const matrix = readMatrix(doc)
  const rows: DescriptorRow[] = []
  for (const domain of matrix.domains.filter((domain) => !domain.archived)) {
    for (const competency of domain.competencies.filter((competency) => !competency.archived)) {
      for (const level of matrix.levels) {
        const descriptor = readDescriptor(doc, competency.id, level.rank)
        if (isEmptyDescriptor(descriptor)) continue
        rows.push({
          domain: domain.name, competencyId: competency.id, competency: competency.name, rank: level.rank, levelName: level.name,
          summary: descriptor.summary, indicators: descriptor.indicators.map((indicator) => indicator.text).filter((text) => text.length > 0),
        })
      }
    }
  }
  return rows
}

/** The descriptors' CSV (RFC 4180, as matrixToCsv writes it); indicators one per line in their field. */
export function descriptorsToCsv(doc: Y.Doc): string {
  const rows: string[][] = [[...descriptorCsvColumns]]
  for (const row of readDescriptorRows(doc)) {
    rows.push([row.domain, row.competencyId, row.competency, String(row.rank), row.levelName, row.summary, row.indicators.join('\n')])
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}
