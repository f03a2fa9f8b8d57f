/**
 * The competency framework's import and export over HTTP: the import mode, the report an
 * import answers with, and where the exports and the published JSON Schema live. The
 * file format itself (`pmo-framework/v1`) is defined by the framework package's schema.
 */
import { z } from 'zod'

export const importModes = ['replace', 'merge'] as const
export type ImportMode = (typeof importModes)[number]

/**
 * POST /api/import/framework?mode=. The mode is required: replace archives whatever the
 * file lacks, so it must never happen because someone left the mode out.
 */
export const importFrameworkQuery = z.object({
  mode: z.enum(importModes, {
    error: 'Choose mode=replace (the matrix becomes the file) or mode=merge (only what is new in the file is added).',
  }),
})

/** The largest framework file an import accepts (the starter framework is about 20 kB). */
export const frameworkImportMaxBytes = 5 * 1024 * 1024

export type FrameworkCollection = 'domains' | 'competencies' | 'roles' | 'pmoTypes'

/** What an import changed; entities are listed by name. */
export interface ImportReport {
  mode: ImportMode
  added: Record<FrameworkCollection, string[]>
  updated: Record<FrameworkCollection, string[]>
  archived: Record<FrameworkCollection, string[]>
  restored: Record<FrameworkCollection, string[]>
  /** Cells whose level or note the import set. */
  cellsSet: number
  /** Cells the import cleared (replace only). */
  cellsCleared: number
  levelsChanged: number[]
  metaChanged: string[]
  /** pmo-framework/v2 only, when not 0: level descriptors written or cleared, competencies whose references were written. */
  descriptorsSet?: number
  referencesSet?: number
  /**
   * Malformed entries (written before the server enforced the document's model; readers skip
   * them) that the import repaired, one line each with its path: a replace repairs them all.
   */
  repaired?: string[]
  /** Malformed entries the import left as they were (a merge touches only what is new). */
  leftMalformed?: string[]
}

export interface ImportFrameworkResponse {
  report: ImportReport
}

export const frameworkExportFormats = ['json', 'csv', 'md', 'xlsx'] as const
export type FrameworkExportFormat = (typeof frameworkExportFormats)[number]

/** GET /api/export/framework.<format>, for every approved member. */
export const frameworkExportPath = (format: FrameworkExportFormat) => `/api/export/framework.${format}`

/**
 * On every export and calendar file, and on /api/my-actions: how many malformed entries of the
 * documents read were skipped (0 when none). The server logs which, once per document and set.
 */
export const skippedEntriesHeader = 'X-Studio-Skipped-Entries'

/** GET, public: the `pmo-framework/v1` JSON Schema. */
export const frameworkSchemaPath = '/api/schema/pmo-framework-v1.json'
