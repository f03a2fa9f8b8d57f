/**
 * The framework's downloadable files, made one way for every route that serves them: the
 * members' exports (`/api/export/framework.*`, now or `?version=`) and a release's public
 * downloads (`/framework/:release/framework.*`, releases/). Each file is a pure function of
 * the matrix document read through `read`; the route decides who may ask, which state is
 * read and how the answer is cached.
 */
import type { FrameworkFileFormat } from '@studio/contract'
import { matrixToCsv, toExchange } from '@studio/framework'
import { frameworkToDocx, frameworkToHtml, toCasePackage } from '@studio/framework/publication'
import type * as Y from 'yjs'
import { readWorkbookData, writeWorkbook } from './xlsx-export.ts'

export const frameworkFileBaseName = 'pmo-competency-framework'

/** Reads the matrix (live, or a version's state) with `reader`. */
export type MatrixReader = <T>(reader: (doc: Y.Doc) => T) => Promise<T>

export interface FrameworkFile {
  /** The full content type, charset and CSV header flag included. */
  contentType: string
  fileName: string
  body: string | Buffer | Uint8Array
  /** HTML that must be sent with `Content-Security-Policy: sandbox` (http/text-downloads.ts). */
  sandboxed: boolean
}

export interface FrameworkFileOptions {
  /** The studio's address, which names the CASE package's items. */
  publicUrl: string
  /** The date the HTML page says it was generated on, or the release date; today by default. */
  date?: Date
}

export const frameworkContentTypes: Record<FrameworkFileFormat, string> = {
  json: 'application/json; charset=utf-8',
  // header=present (RFC 4180) tells tools the first line names the columns.
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'case.json': 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** Excel reads a CSV without a byte order mark in the machine's legacy code page and garbles accents. */
export const byteOrderMark = '\uFEFF'

/** Who promulgates the framework, as CASE requires one: the working group at the studio's address. */
export function caseCreator(publicUrl: string): string {
  return `The working group at ${new URL(publicUrl).host}`
}

export function dayInWords(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/** The framework as `format`: pmo-framework/v2 JSON, the matrix CSV, Excel, a CASE 1.0 package, the HTML page or Word. */
export async function frameworkFile(format: FrameworkFileFormat, read: MatrixReader, options: FrameworkFileOptions): Promise<FrameworkFile> {
  const date = options.date ?? new Date()
  const file = (body: FrameworkFile['body'], sandboxed = false): FrameworkFile => ({
    contentType: frameworkContentTypes[format], fileName: `${frameworkFileBaseName}.${format}`, body, sandboxed,
  })
  switch (format) {
    // Indented like the starter framework, so two exports can be compared line by line.
    case 'json': return file(`${JSON.stringify(await read((doc) => toExchange(doc)), null, 2)}\n`)
    case 'csv': return file(byteOrderMark + (await read(matrixToCsv)))
    case 'xlsx': return file(await writeWorkbook(await read(readWorkbookData)))
    case 'case.json': {
      const casePackage = toCasePackage(await read((doc) => toExchange(doc)), {
        publicUrl: options.publicUrl, creator: caseCreator(options.publicUrl), lastChangeDateTime: date.toISOString(),
      })
      return file(`${JSON.stringify(casePackage, null, 2)}\n`)
    }
    case 'html': return file(frameworkToHtml(await read((doc) => toExchange(doc)), { generatedOn: dayInWords(date) }), true)
    case 'docx': return file(await frameworkToDocx(await read((doc) => toExchange(doc))))
  }
}
