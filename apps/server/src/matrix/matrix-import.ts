/**
 * Importing a `pmo-framework/v1` file into the live competency matrix. The file is read
 * and checked in full before anything is touched, so an invalid file changes nothing and
 * its 400 lists every problem by JSON Pointer. A valid one goes through the studio's own
 * write path (collab/server-changes.ts): logged with the organiser as author, then applied
 * live, so everyone connected sees it at once and it survives a crash.
 *
 * A matrix whose log holds malformed entries from before the server checked the model
 * (readers skip them) is repaired by a replace: the file is written, and whatever is still
 * malformed after it is deleted, in the same change. The report lists what was repaired,
 * and what a merge left as it was.
 */
import { DocumentName, ErrorCode, type ImportMode, type ImportReport } from '@studio/contract'
import {
  describeMalformedEntry, importFramework, listMalformedEntries, matrixModel, removeMalformedEntries, validateExchange, type ExchangeFramework,
} from '@studio/framework'
import type * as Y from 'yjs'
import type { MemberRow } from '../store/members-repository.ts'
import type { ServerChanges } from '../collab/server-changes.ts'
import { HttpError } from '../http/errors.ts'
import { recordAudit } from '../members/audit.ts'
import type { Store } from '../store/database.ts'

export interface FrameworkContext {
  store: Store
  serverChanges: ServerChanges
}

const notJson = (message: string) =>
  new HttpError(400, ErrorCode.invalid, message, [{ field: 'body', message }])

/** The request body as JSON, whatever content type it was sent with. */
export function readFrameworkFile(body: Buffer | undefined): unknown {
  if (!body || body.length === 0) throw notJson('Send the framework file (pmo-framework/v1 or v2 JSON) as the request body.')
  let text: string
  try {
    // A leading byte order mark, as some Windows editors save, is not part of the JSON.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body)
  } catch {
    throw notJson('The file is not UTF-8 text. Export it again as JSON and import that.')
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw notJson(`The file is not valid JSON (${(error as Error).message}). Check it or export it again.`)
  }
}

/** The file as a framework, or the contract's 400 naming every invalid path. */
export function checkFramework(data: unknown): ExchangeFramework {
  const checked = validateExchange(data)
  if (checked.ok) return checked.framework
  const count = checked.problems.length
  throw new HttpError(
    400,
    ErrorCode.invalid,
    `The file is not a valid pmo-framework framework (${count} ${count === 1 ? 'problem' : 'problems'}); nothing was imported. Fix each listed path and import it again.`,
    checked.problems.map((problem) => ({ field: problem.path, message: problem.message })),
  )
}

/**
 * Imports the framework; a function gives it from the matrix as it is at that moment (a CSV
 * or workbook matched by name), and a 400 it throws changes nothing.
 */
export async function importFrameworkFile(
  context: FrameworkContext, organiser: MemberRow, framework: ExchangeFramework | ((doc: Y.Doc) => ExchangeFramework), mode: ImportMode,
): Promise<ImportReport> {
  const report: ImportReport = await context.serverChanges.apply(DocumentName.competencyMatrix, organiser.id, (doc) => {
    const malformedBefore = listMalformedEntries(doc, matrixModel)
    const report: ImportReport = importFramework(doc, typeof framework === 'function' ? framework(doc) : framework, mode)
    if (mode === 'replace') removeMalformedEntries(doc, matrixModel)
    const malformedAfter = listMalformedEntries(doc, matrixModel)
    // By path: an entry the import wrote afresh is repaired, whatever was wrong with it.
    const stillThere = new Set(malformedAfter.map((entry) => entry.path))
    report.repaired = malformedBefore.filter((entry) => !stillThere.has(entry.path)).map(describeMalformedEntry)
    report.leftMalformed = malformedAfter.map(describeMalformedEntry)
    return report
  })
  // After the change: the log entry is what makes the import happen, and it carries the author.
  await recordAudit(context.store.db, { actorId: organiser.id, action: 'import-framework', detail: summariseReport(report) })
  return report
}

const collectionWords = { domains: 'domain', competencies: 'competency', roles: 'role', pmoTypes: 'PMO type' } as const

/** One line for the audit log, e.g. "Replace import: added 2 competencies; archived 1 role; 14 cells set". */
export function summariseReport(report: ImportReport): string {
  const parts: string[] = []
  for (const change of ['added', 'updated', 'archived', 'restored'] as const) {
    const counts = Object.entries(report[change])
      .filter(([, names]) => names.length > 0)
      .map(([collection, names]) => counted(names.length, collectionWords[collection as keyof typeof collectionWords]))
    if (counts.length > 0) parts.push(`${change} ${counts.join(', ')}`)
  }
  if (report.cellsSet > 0) parts.push(`${counted(report.cellsSet, 'cell')} set`)
  if (report.cellsCleared > 0) parts.push(`${counted(report.cellsCleared, 'cell')} cleared`)
  if (report.levelsChanged.length > 0) parts.push(`levels changed: ${report.levelsChanged.join(', ')}`)
  if (report.metaChanged.length > 0) parts.push(`details changed: ${report.metaChanged.join(', ')}`)
  if (report.descriptorsSet) parts.push(`${counted(report.descriptorsSet, 'level descriptor')} written`)
  if (report.referencesSet) parts.push(`references written for ${counted(report.referencesSet, 'competency')}`)
  if (report.repaired?.length) parts.push(`${counted(report.repaired.length, 'malformed entry')} repaired`)
  if (report.leftMalformed?.length) parts.push(`${counted(report.leftMalformed.length, 'malformed entry')} left unrepaired`)
  const mode = report.mode === 'replace' ? 'Replace' : 'Merge'
  return `${mode} import: ${parts.length > 0 ? parts.join('; ') : 'no changes'}`
}

function counted(count: number, noun: string): string {
  if (count === 1) return `1 ${noun}`
  return `${count} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`
}
