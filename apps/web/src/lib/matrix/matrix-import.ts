/**
 * Importing a framework file, as the organiser sees it: the file goes to the server as it
 * is (pmo-framework/v1 JSON, the studio's CSV or its Excel workbook), typed by its name
 * because browsers type a CSV differently on each system; the server's report becomes a few
 * plain sentences; and a refusal lists every problem with where it is in the file.
 */
import { frameworkImportTypes, type ImportReport } from '@studio/contract'

export type ImportFileKind = keyof typeof frameworkImportTypes

/** What the file is, by its name; null when the studio cannot read it. */
export function importFileKind(name: string): ImportFileKind | null {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase()
  return extension === 'json' || extension === 'csv' || extension === 'xlsx' ? extension : null
}

/** The file with the content type the server reads it by. */
export function importBody(file: File): Blob | null {
  const kind = importFileKind(file.name)
  return kind ? new Blob([file], { type: frameworkImportTypes[kind] }) : null
}

export const importFileHint = 'Choose a pmo-framework/v1 JSON file, or a CSV or Excel file exported from here (.json, .csv, .xlsx).'

type Collection = keyof ImportReport['added']

const collectionWords: Record<Collection, readonly [string, string]> = {
  domains: ['domain', 'domains'],
  competencies: ['competency', 'competencies'],
  roles: ['role', 'roles'],
  pmoTypes: ['PMO type', 'PMO types'],
}

function countOf(lists: Record<Collection, string[]>): string | null {
  const parts: string[] = []
  for (const collection of Object.keys(collectionWords) as Collection[]) {
    const count = lists[collection]?.length ?? 0
    const [one, many] = collectionWords[collection]
    if (count > 0) parts.push(`${count} ${count === 1 ? one : many}`)
  }
  return parts.length > 0 ? parts.join(', ') : null
}

/** The report as sentences, e.g. "Added 3 competencies." "Set 12 cells." */
export function summariseReport(report: ImportReport): string[] {
  const lines: string[] = []
  const added = countOf(report.added)
  const updated = countOf(report.updated)
  const archived = countOf(report.archived)
  const restored = countOf(report.restored)
  if (added) lines.push(`Added ${added}.`)
  if (updated) lines.push(`Updated ${updated}.`)
  if (archived) lines.push(`Archived ${archived} that the file does not list (restore them under "Show archived").`)
  if (restored) lines.push(`Restored ${restored}.`)
  if (report.cellsSet > 0) lines.push(`Set ${report.cellsSet} ${report.cellsSet === 1 ? 'cell' : 'cells'}.`)
  if (report.cellsCleared > 0) lines.push(`Cleared ${report.cellsCleared} ${report.cellsCleared === 1 ? 'cell' : 'cells'}.`)
  if (report.levelsChanged.length > 0) {
    lines.push(`Changed the definition of ${report.levelsChanged.length === 1 ? 'level' : 'levels'} ${report.levelsChanged.join(', ')}.`)
  }
  if (report.metaChanged.length > 0) lines.push(`Changed the framework's ${report.metaChanged.join(', ')}.`)
  if (report.descriptorsSet) lines.push(`Wrote ${report.descriptorsSet} level ${report.descriptorsSet === 1 ? 'descriptor' : 'descriptors'}.`)
  if (report.referencesSet) lines.push(`Wrote the references of ${report.referencesSet} ${report.referencesSet === 1 ? 'competency' : 'competencies'}.`)
  const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`
  if (report.repaired?.length) lines.push(`Repaired ${entries(report.repaired.length)} that could not be read.`)
  if (report.leftMalformed?.length) lines.push(`Left ${entries(report.leftMalformed.length)} that could not be read as they were (an import with Replace repairs them).`)
  if (lines.length === 0) lines.push('Nothing changed: the matrix already holds everything in the file.')
  return lines
}

/** "/domains/2/competencies/0/name" as "domains 3 › competencies 1 › name": people count from one. */
export function describePath(path: string): string {
  if (!path || path === '/' || path === 'body') return 'The file'
  return path
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join(' › ')
}
