/**
 * Reading the studio's own Excel workbook (xlsx-export.ts) back as a grid of names, which
 * @studio/framework's gridToExchange turns into a framework to preview and import.
 *
 * The workbook as written: the "Framework" sheet has role names across row 1 (their
 * descriptions as comments), then each domain's row (its name, its description as a comment)
 * and its competencies under it at outline level 1, each cell the level's name with the note
 * as a comment. Each PMO type has a sheet shaped the same, with that type's overrides applied
 * and shaded. "Levels" lists rank, name and descriptor.
 *
 * Read back as people edit it: a row is a competency when it is outlined under a domain or
 * has any level in it, else a domain; on a PMO type's sheet a cell is an override when it is
 * shaded, or says something else than the matrix shows for that PMO type (see GridRow). Every problem names its sheet, row
 * and column as Excel shows them.
 */
import type { GridExtras, GridRow } from '@studio/framework'
import { sameName } from '@studio/framework'
import ExcelJS from 'exceljs'
import { descriptorsSheetName } from './xlsx-export.ts'

const generalSheetName = 'Framework'
const legendSheetName = 'Levels'
const overrideColour = 'FFFFF2CC'

export interface WorkbookGrid {
  rows: GridRow[]
  extras: GridExtras
}

export class WorkbookProblem extends Error {
  readonly path: string

  constructor(path: string, message: string) {
    super(message)
    this.path = path
  }
}

/** The workbook's grid, or a WorkbookProblem when it is not the studio's workbook. */
export async function readWorkbookGrid(file: Buffer): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
  } catch {
    throw new WorkbookProblem('/', 'The file is not an Excel workbook that can be read (.xlsx). Export it again from the matrix page, or save it from Excel as an Excel workbook.')
  }
  const general = workbook.getWorksheet(generalSheetName)
  if (!general) throw new WorkbookProblem(`/${generalSheetName}`, `The workbook has no sheet named "${generalSheetName}": import the workbook exported from the matrix page, with its sheets as they were named.`)
  const descriptions: NonNullable<GridExtras['descriptions']> = { domains: new Map(), competencies: new Map(), roles: new Map(), pmoTypes: new Map() }
  const generalGrid = readSheet(general, descriptions)
  for (const [name, description] of generalGrid.roleDescriptions) descriptions.roles.set(sameName(name), description)

  const rows: GridRow[] = generalGrid.cells.map((cell) => rowOf(cell, ''))
  for (const sheet of workbook.worksheets) {
    if (sheet === general || sheet.name === legendSheetName || sheet.name === descriptorsSheetName) continue
    const header = textOf(sheet.getCell(1, 1))
    const pmoType = /^Competency \((.+)\)$/s.exec(header)?.[1] ?? sheet.name
    const description = noteOf(sheet.getCell(1, 1))
    if (description) descriptions.pmoTypes.set(sameName(pmoType), description)
    for (const cell of readSheet(sheet, null).cells) rows.push({ ...rowOf(cell, pmoType), ...(cell.shaded ? {} : { onlyIfEdited: true }) })
  }
  return { rows, extras: { descriptions, ...readLevels(workbook) } }
}

interface SheetCell {
  at: string
  domain: string
  competency: string
  role: string
  value: string
  note: string
  shaded: boolean
}

function rowOf(cell: SheetCell, pmoType: string): GridRow {
  const rank = /^\s*-?\d+\s*$/.test(cell.value)
  return { at: cell.at, domain: cell.domain, competency: cell.competency, role: cell.role, pmoType, level: rank ? cell.value : '', levelName: rank ? '' : cell.value, note: cell.note }
}

/** JSON Pointer segment, so a sheet name with a slash stays one segment. */
const segment = (text: string) => text.replaceAll('~', '~0').replaceAll('/', '~1')

function readSheet(sheet: ExcelJS.Worksheet, descriptions: NonNullable<GridExtras['descriptions']> | null) {
  const header = sheet.getRow(1)
  const roles: Array<{ column: number; name: string }> = []
  const roleDescriptions = new Map<string, string>()
  for (let column = 2; column <= header.cellCount; column++) {
    const name = textOf(header.getCell(column)).trim()
    if (name === '') continue
    roles.push({ column, name })
    const description = noteOf(header.getCell(column))
    if (description) roleDescriptions.set(name, description)
  }
  const cells: SheetCell[] = []
  let domain = ''
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number)
    const name = textOf(row.getCell(1)).trim()
    if (name === '') continue
    const values = roles.map((role) => textOf(row.getCell(role.column)).trim())
    const isCompetency = (row.outlineLevel ?? 0) >= 1 || values.some((value) => value !== '')
    if (!isCompetency) {
      domain = name
      const description = noteOf(row.getCell(1))
      if (descriptions && description) descriptions.domains.set(sameName(domain), description)
      continue
    }
    if (descriptions) {
      const description = noteOf(row.getCell(1))
      if (description) descriptions.competencies.set(sameName(`${domain}\n${name}`), description)
    }
    roles.forEach((role, index) => {
      const cell = row.getCell(role.column)
      cells.push({
        at: `/${segment(sheet.name)}/row ${number}, column ${cell.address.replace(/\d+$/, '')}`,
        domain,
        competency: name,
        role: role.name,
        value: values[index]!,
        note: noteOf(cell),
        shaded: fillColour(cell) === overrideColour,
      })
    })
  }
  return { cells, roleDescriptions }
}

/** The levels sheet's scale; none when the sheet is missing (the matrix's own scale is used). */
function readLevels(workbook: ExcelJS.Workbook): Pick<GridExtras, 'levels'> {
  const sheet = workbook.getWorksheet(legendSheetName)
  if (!sheet) return {}
  const levels: NonNullable<GridExtras['levels']> = []
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number)
    const rank = textOf(row.getCell(1)).trim()
    if (!/^\d+$/.test(rank)) continue
    levels.push({ rank: Number(rank), name: textOf(row.getCell(2)).trim(), description: textOf(row.getCell(3)) })
  }
  return levels.length > 0 ? { levels } : {}
}

function textOf(cell: ExcelJS.Cell): string {
  return cell.value === null || cell.value === undefined ? '' : cell.text
}

function noteOf(cell: ExcelJS.Cell): string {
  const note = cell.note as string | ExcelJS.Comment | undefined
  if (!note) return ''
  return typeof note === 'string' ? note : (note.texts ?? []).map((part) => part.text).join('')
}

function fillColour(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined
}
