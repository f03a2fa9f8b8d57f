/**
 * The competency framework's exchange endpoints: export downloads for every member and
 * import for organisers (ARCHITECTURE.md, "HTTP contract").
 */
import { frameworkExportPath, type ImportFrameworkResponse, type ImportMode, type ImportReport } from '@studio/contract'
import { http } from './http.ts'

export const frameworkExports = [
  { format: 'json', label: 'JSON', href: frameworkExportPath('json'), description: 'pmo-framework/v1, for importing elsewhere' },
  { format: 'csv', label: 'CSV', href: frameworkExportPath('csv'), description: 'one row per competency and role' },
  { format: 'md', label: 'Markdown', href: frameworkExportPath('md'), description: 'tables for reading and sharing' },
  { format: 'xlsx', label: 'Excel', href: frameworkExportPath('xlsx'), description: 'a workbook' },
] as const

export async function importFramework(mode: ImportMode, framework: unknown): Promise<ImportReport> {
  const answer = await http.post<ImportFrameworkResponse>(`/api/import/framework?mode=${mode}`, framework)
  return answer.report
}
