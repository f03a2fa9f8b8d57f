/**
 * Reading the studio's own CSV (csv-export.ts) back: RFC 4180 fields (quoted fields may hold
 * commas, doubled quotes and line breaks), CRLF or LF line ends, a leading byte order mark,
 * and the `;` separator a spreadsheet saves in locales where the comma is the decimal mark.
 * The `'` the export puts before a cell a spreadsheet would run as a formula is taken off.
 * The rows become a framework through grid-import.ts; every problem names its row and column
 * as a spreadsheet counts them (the header is row 1).
 */
import type * as Y from 'yjs'
import { csvColumns } from './csv-export.ts'
import { gridToExchange, type GridImport, type GridRow } from './grid-import.ts'

export function csvToExchange(doc: Y.Doc, text: string): GridImport {
  const records = parseCsv(text.replace(/^\uFEFF/, ''))
  if (records.length === 0) return { ok: false, problems: [{ path: '/row 1', message: `The file is empty: the studio's CSV starts with the row ${csvColumns.join(',')}.` }] }
  const header = records[0]?.map((name) => name.trim().toLowerCase()) ?? []
  const columnAt = new Map(header.map((name, index) => [name, index]))
  const missing = csvColumns.filter((column) => !columnAt.has(column))
  const unknown = header.filter((name) => name !== '' && !(csvColumns as readonly string[]).includes(name))
  if (missing.length > 0 || unknown.length > 0) {
    return {
      ok: false,
      problems: [
        ...missing.map((column) => ({ path: `/row 1/${column}`, message: 'is missing: the first row names the columns' })),
        ...unknown.map((column) => ({ path: `/row 1/${column}`, message: 'is not a column of the studio\'s CSV: remove it' })),
      ],
    }
  }
  const rows: GridRow[] = []
  records.slice(1).forEach((record, index) => {
    if (record.every((field) => field.trim() === '')) return
    const field = (column: (typeof csvColumns)[number]) => withoutFormulaGuard(record[columnAt.get(column)!] ?? '')
    rows.push({
      at: `/row ${index + 2}`,
      domain: field('domain'),
      competency: field('competency'),
      role: field('role'),
      pmoType: field('pmo_type'),
      level: field('level'),
      levelName: field('level_name'),
      note: field('note'),
    })
  })
  return gridToExchange(doc, rows)
}

/** The export's guard undone: `'=SUM(A1)` was `=SUM(A1)`. Any other leading `'` is the text's own. */
export function withoutFormulaGuard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value
}

/** RFC 4180 records; the separator is `;` when the first line has semicolons and no comma. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') field += text[++i]
      else quoted = false
    } else if (c === '"' && field === '') quoted = true
    else if (c === separator) {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      records.push([...record, field])
      record = []
      field = ''
    } else field += c
  }
  if (field !== '' || record.length > 0) records.push([...record, field])
  return records
}
