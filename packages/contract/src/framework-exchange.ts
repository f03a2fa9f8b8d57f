/**
 * The exchange format's versions over HTTP (issue 15): the JSON export is `pmo-framework/v2`
 * unless `?format=v1` asks for v1, which cannot hold descriptors or references; such an
 * export names what it left out in a header (a v1 file has no room for a note: its schema
 * allows no extra property). The CSV export's `?part=descriptors` is the descriptors' file.
 */
import { z } from 'zod'
import { ExportVersionQuery } from './history.ts'

/** GET, public: the `pmo-framework/v2` JSON Schema (v1's stays at frameworkSchemaPath). */
export const frameworkSchemaV2Path = '/api/schema/pmo-framework-v2.json'

export const frameworkExchangeVersions = ['v1', 'v2'] as const
export type FrameworkExchangeVersion = (typeof frameworkExchangeVersions)[number]

export const FrameworkJsonExportQuery = ExportVersionQuery.extend({
  format: z.enum(frameworkExchangeVersions).optional().describe('v2 (the default) or v1, which leaves out descriptors and references.'),
})
export type FrameworkJsonExportQuery = z.infer<typeof FrameworkJsonExportQuery>

/**
 * On a v1 JSON export: what the matrix holds that v1 cannot, comma-separated
 * ("descriptors, references"), or "none".
 */
export const frameworkOmittedHeader = 'X-Framework-Omitted'

export const frameworkOmittedHeaders = {
  [frameworkOmittedHeader]: z.string().describe('On ?format=v1 only: what the matrix holds that v1 cannot ("descriptors, references"), or "none".'),
}

export const frameworkCsvParts = ['matrix', 'descriptors'] as const
export type FrameworkCsvPart = (typeof frameworkCsvParts)[number]

export const FrameworkCsvExportQuery = ExportVersionQuery.extend({
  part: z.enum(frameworkCsvParts).optional().describe('matrix (the default): one row per competency and role; descriptors: one row per competency and level.'),
})
export type FrameworkCsvExportQuery = z.infer<typeof FrameworkCsvExportQuery>
