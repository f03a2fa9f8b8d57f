/**
 * The competency matrix as an Excel workbook laid out like the studio's grid: role names
 * across the top, one row group per domain (the domain row shaded, its competencies under
 * it at outline level 1, so each domain collapses), each cell the level's name with the
 * note as a cell comment. The first sheet holds the general expectations, then one sheet
 * per PMO type with its overrides applied (overridden cells shaded), then the levels legend,
 * then "Descriptors": what each level looks like per competency (summary, indicators one per line).
 * Archived rows and columns are left out. Reading the document is synchronous and separate
 * from writing the file, so the document is held only while it is read.
 */
import { readDescriptorRows, readExpectation, readMatrix, type DescriptorRow, type Level } from '@studio/framework'
import ExcelJS from 'exceljs'
import type * as Y from 'yjs'

interface GridCell {
  level: number | null
  note: string
  overridden: boolean
}

interface GridRow {
  name: string
  description: string
  /** One per role, in the order of `roles`. */
  cells: GridCell[]
}

interface Grid {
  /** The sheet's name; null for the general expectations. */
  pmoType: { name: string; description: string } | null
  domains: Array<{ name: string; description: string; competencies: GridRow[] }>
}

export interface WorkbookData {
  title: string
  levels: Level[]
  roles: Array<{ name: string; description: string }>
  grids: Grid[]
  descriptors: DescriptorRow[]
}

/** Everything the workbook shows, read from the matrix document. */
export function readWorkbookData(doc: Y.Doc): WorkbookData {
  const matrix = readMatrix(doc)
  const roles = matrix.roles.filter((role) => !role.archived)
  const pmoTypes = matrix.pmoTypes.filter((pmoType) => !pmoType.archived)
  const domains = matrix.domains.filter((domain) => !domain.archived)
  const grid = (pmoTypeId: string | null): Grid['domains'] =>
    domains.map((domain) => ({
      name: domain.name,
      description: domain.description,
      competencies: domain.competencies
        .filter((competency) => !competency.archived)
        .map((competency) => ({
          name: competency.name,
          description: competency.description,
          cells: roles.map((role) => readExpectation(doc, { competencyId: competency.id, roleId: role.id, pmoTypeId })),
        })),
    }))
  return {
    title: matrix.meta.title || 'PMO Competency Framework',
    levels: matrix.levels,
    roles: roles.map(({ name, description }) => ({ name, description })),
    grids: [
      { pmoType: null, domains: grid(null) },
      ...pmoTypes.map((pmoType) => ({ pmoType: { name: pmoType.name, description: pmoType.description }, domains: grid(pmoType.id) })),
    ],
    descriptors: readDescriptorRows(doc),
  }
}

const generalSheetName = 'Framework'
const legendSheetName = 'Levels'
/** Not a PMO type's sheet: the import (xlsx-import.ts) passes over it. */
export const descriptorsSheetName = 'Descriptors'
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } }
const domainFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const overrideFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }

export async function writeWorkbook(data: WorkbookData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Working Group Studio'
  workbook.title = data.title
  workbook.created = new Date()
  const levelNames = new Map(data.levels.map((level) => [level.rank, level.name]))
  const sheetNames = new SheetNames([generalSheetName, legendSheetName, descriptorsSheetName])
  for (const grid of data.grids) {
    const name = grid.pmoType ? sheetNames.claim(grid.pmoType.name) : generalSheetName
    addGridSheet(workbook, name, data, grid, levelNames)
  }
  addLegendSheet(workbook, data)
  addDescriptorsSheet(workbook, data)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function addGridSheet(workbook: ExcelJS.Workbook, name: string, data: WorkbookData, grid: Grid, levelNames: Map<number, string>): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    // The domain row is above its competencies, so it is the summary row of its group; one
    // outline level, declared here because exceljs does not derive it from the rows.
    properties: { outlineLevelRow: 1, outlineProperties: { summaryBelow: false, summaryRight: false } } as Partial<ExcelJS.WorksheetProperties>,
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  })
  sheet.columns = [{ width: 46 }, ...data.roles.map(() => ({ width: 18 }))]
  const width = data.roles.length + 1

  const header = sheet.addRow([grid.pmoType ? `Competency (${grid.pmoType.name})` : 'Competency', ...data.roles.map((role) => role.name)])
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  header.alignment = { vertical: 'middle', wrapText: true }
  for (let column = 1; column <= width; column++) header.getCell(column).fill = headerFill
  data.roles.forEach((role, index) => commentOn(header.getCell(index + 2), role.description))
  if (grid.pmoType) commentOn(header.getCell(1), grid.pmoType.description)

  for (const domain of grid.domains) {
    const domainRow = sheet.addRow([domain.name])
    domainRow.font = { bold: true }
    for (let column = 1; column <= width; column++) domainRow.getCell(column).fill = domainFill
    commentOn(domainRow.getCell(1), domain.description)
    for (const competency of domain.competencies) {
      const row = sheet.addRow([competency.name, ...competency.cells.map((cell) => (cell.level === null ? '' : (levelNames.get(cell.level) ?? String(cell.level))))])
      row.outlineLevel = 1
      row.alignment = { vertical: 'top', wrapText: true }
      row.getCell(1).alignment = { vertical: 'top', wrapText: true, indent: 1 }
      commentOn(row.getCell(1), competency.description)
      competency.cells.forEach((cell, index) => {
        const target = row.getCell(index + 2)
        commentOn(target, cell.note)
        if (grid.pmoType && cell.overridden) target.fill = overrideFill
      })
    }
  }
}

function addLegendSheet(workbook: ExcelJS.Workbook, data: WorkbookData): void {
  const sheet = workbook.addWorksheet(legendSheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [{ width: 8 }, { width: 20 }, { width: 90 }]
  const header = sheet.addRow(['Rank', 'Level', 'Descriptor'])
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  for (let column = 1; column <= 3; column++) header.getCell(column).fill = headerFill
  for (const level of data.levels) {
    sheet.addRow([level.rank, level.name, level.description]).alignment = { vertical: 'top', wrapText: true }
  }
  sheet.addRow([])
  sheet.addRow(['', 'Reading the sheets', `"${generalSheetName}" gives what each role is expected to reach in every PMO. Each PMO type's sheet applies that type's overrides; overridden cells are shaded. A blank cell has no level agreed yet; notes are cell comments.`])
    .alignment = { vertical: 'top', wrapText: true }
}

function addDescriptorsSheet(workbook: ExcelJS.Workbook, data: WorkbookData): void {
  const sheet = workbook.addWorksheet(descriptorsSheetName, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] })
  sheet.columns = [{ width: 24 }, { width: 24 }, { width: 36 }, { width: 7 }, { width: 16 }, { width: 60 }, { width: 70 }]
  const header = sheet.addRow(['Domain', 'Competency id', 'Competency', 'Rank', 'Level', 'Summary', 'Indicators'])
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  for (let column = 1; column <= 7; column++) header.getCell(column).fill = headerFill
  for (const row of data.descriptors) {
    sheet.addRow([row.domain, row.competencyId, row.competency, row.rank, row.levelName, row.summary, row.indicators.join('\n')])
      .alignment = { vertical: 'top', wrapText: true }
  }
}

function commentOn(cell: ExcelJS.Cell, text: string): void {
  if (text.trim().length > 0) cell.note = text
}

/**
 * Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`, not starting or
 * ending with an apostrophe, unique regardless of case.
 */
export class SheetNames {
  private readonly taken: Set<string>

  constructor(reserved: string[]) {
    this.taken = new Set(reserved.map((name) => name.toLowerCase()))
  }

  claim(wanted: string): string {
    const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim().slice(0, 31) || 'PMO type'
    let name = base
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`
      name = base.slice(0, 31 - suffix.length) + suffix
    }
    this.taken.add(name.toLowerCase())
    return name
  }
}
