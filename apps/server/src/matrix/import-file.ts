/**
 * An import's body as one of the files the studio reads: pmo-framework JSON, a CASE 1.0
 * CFPackage (JSON with a CFDocument), the studio's CSV, or its Excel workbook. The kind is
 * told by the content where it can be (a workbook is a zip; a CSV starts with its header
 * row; a CASE package has a CFDocument), else by the declared content type, and JSON is the
 * default, so a JSON file is read, and refused, exactly as before whatever type it is sent
 * with. A CSV or workbook has no ids: it becomes a framework against the matrix as it is at
 * the moment of the import (frameworkOf, inside the change), matching rows by name; a CASE
 * package's identifiers are matched against those the studio's CASE export gives the matrix's
 * rows (publication/case in the framework package).
 */
import { DocumentName, ErrorCode, frameworkImportTypes, type ImportMode, type ImportPreview } from '@studio/contract'
import { csvToExchange, gridToExchange, previewImport, toExchange, type ExchangeFramework, type ExchangeProblem, type GridImport } from '@studio/framework'
import { caseIdResolver, fromCasePackage, looksLikeCasePackage, validateCasePackage, type CasePackage } from '@studio/framework/publication'
import type * as Y from 'yjs'
import { HttpError } from '../http/errors.ts'
import { checkFramework, readFrameworkFile, type FrameworkContext } from './matrix-import.ts'
import { readWorkbookGrid, WorkbookProblem, type WorkbookGrid } from './xlsx-import.ts'

export type ImportFile =
  | { kind: 'json'; framework: ExchangeFramework }
  | { kind: 'csv'; text: string }
  | { kind: 'xlsx'; grid: WorkbookGrid }
  | { kind: 'case'; casePackage: CasePackage; publicUrl: string }

const zipSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04])

function invalid(message: string, problems: ExchangeProblem[]): HttpError {
  return new HttpError(400, ErrorCode.invalid, message, problems.map((problem) => ({ field: problem.path, message: problem.message })))
}

/** The body read as the file it is; a 400 naming what to fix when it cannot be read. */
export async function readImportFile(body: Buffer | undefined, contentType: string | undefined, publicUrl: string): Promise<ImportFile> {
  const declared = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (body && (body.subarray(0, 4).equals(zipSignature) || declared === frameworkImportTypes.xlsx)) {
    try {
      return { kind: 'xlsx', grid: await readWorkbookGrid(body) }
    } catch (error) {
      if (!(error instanceof WorkbookProblem)) throw error
      throw invalid(`${error.message} Nothing was imported.`, [{ path: error.path, message: error.message }])
    }
  }
  if (body && body.length > 0 && (declared === frameworkImportTypes.csv || looksLikeCsv(body))) {
    const text = decodeText(body)
    if (text !== null) return { kind: 'csv', text }
  }
  const data = readFrameworkFile(body)
  if (looksLikeCasePackage(data)) return { kind: 'case', casePackage: checkCasePackage(data), publicUrl }
  return { kind: 'json', framework: checkFramework(data) }
}

function checkCasePackage(data: unknown): CasePackage {
  const checked = validateCasePackage(data)
  if (checked.ok) return checked.casePackage
  const count = checked.problems.length
  throw invalid(
    `The file is not a valid CASE 1.0 package (${count} ${count === 1 ? 'problem' : 'problems'}); nothing was imported. Fix each listed path and import it again.`,
    checked.problems,
  )
}

/** A CSV starts with the studio's header row (a spreadsheet may have saved it with `;`). */
function looksLikeCsv(body: Buffer): boolean {
  const start = (decodeText(body.subarray(0, 200)) ?? '').replace(/^\uFEFF/, '').trimStart().toLowerCase()
  return /^"?domain"?[,;]/.test(start)
}

function decodeText(body: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return null
  }
}

/** The file as a framework, matched against the matrix by name where it has no ids. */
export function frameworkOf(doc: Y.Doc, file: ImportFile): ExchangeFramework {
  if (file.kind === 'json') return file.framework
  if (file.kind === 'case') return checkFramework(fromCasePackage(file.casePackage, caseIdResolver(toExchange(doc), { publicUrl: file.publicUrl })))
  const read: GridImport = file.kind === 'csv' ? csvToExchange(doc, file.text) : gridToExchange(doc, file.grid.rows, file.grid.extras)
  if (read.ok) return read.framework
  const count = read.problems.length
  const what = file.kind === 'csv' ? 'CSV' : 'Excel workbook'
  throw invalid(
    `The ${what} cannot be imported (${count} ${count === 1 ? 'problem' : 'problems'}); nothing was imported. Fix each listed place and import it again.`,
    read.problems,
  )
}

/** What importing the file would change, read from a copy of the matrix: nothing changes. */
export function previewFrameworkFile(context: FrameworkContext, file: ImportFile, mode: ImportMode): Promise<ImportPreview> {
  return context.serverChanges.read(DocumentName.competencyMatrix, (doc) => previewImport(doc, frameworkOf(doc, file), mode))
}
