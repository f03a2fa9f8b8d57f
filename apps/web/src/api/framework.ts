/**
 * The competency framework's exchange endpoints: export downloads for every member and
 * import for organisers (ARCHITECTURE.md, "HTTP contract").
 */
import {
  frameworkExportPath, frameworkImportPreviewPath, type ImportFrameworkResponse, type ImportMode, type ImportPreview, type ImportPreviewResponse, type ImportReport,
} from '@studio/contract'
import { http } from './http.ts'

export const frameworkExports = [
  { format: 'json', label: 'JSON', href: frameworkExportPath('json'), description: 'pmo-framework/v1, for importing elsewhere' },
  { format: 'csv', label: 'CSV', href: frameworkExportPath('csv'), description: 'one row per competency and role' },
  { format: 'md', label: 'Markdown', href: frameworkExportPath('md'), description: 'tables for reading and sharing' },
  { format: 'xlsx', label: 'Excel', href: frameworkExportPath('xlsx'), description: 'a workbook' },
] as const

/** What importing the file would change; nothing changes yet. The file is sent as it is (JSON, CSV or Excel). */
export async function previewFrameworkImport(mode: ImportMode, file: Blob): Promise<ImportPreview> {
  const answer = await http.postFile<ImportPreviewResponse>(`${frameworkImportPreviewPath}?mode=${mode}`, file)
  return answer.preview
}

export async function importFramework(mode: ImportMode, file: Blob): Promise<ImportReport> {
  const answer = await http.postFile<ImportFrameworkResponse>(`/api/import/framework?mode=${mode}`, file)
  return answer.report
}
