/**
 * What an import of a framework file would do, before it is applied (POST
 * /api/import/framework/preview?mode=): every domain, competency, role, PMO type, level and
 * framework detail of the file or the matrix, and every cell that would change, each with
 * its kind of change. The same plan drives the import itself, so the preview and what the
 * import does cannot disagree.
 *
 * Kinds of change:
 * - added, changed, unchanged: as the words say.
 * - archived (replace only): the file lacks it, or marks it archived; restored: the reverse.
 * - cleared (cells, replace only): the file has no level or note for a cell the matrix has.
 * - kept (merge only): the file says something else than the matrix already does; a merge
 *   adds only what is new, so the matrix keeps its own value. Never skipped silently.
 * Unchanged cells are counted, not listed: a framework has hundreds of them.
 */
import { z } from 'zod'
import { importModes } from './framework.ts'

export const importChanges = ['added', 'changed', 'archived', 'restored', 'cleared', 'kept', 'unchanged'] as const
export type ImportChange = (typeof importChanges)[number]

export const previewEntityKinds = ['domain', 'competency', 'role', 'pmoType'] as const
export type PreviewEntityKind = (typeof previewEntityKinds)[number]

const change = z.enum(importChanges)

/**
 * One field an import changes (or, for kept, would have changed), as text a person reads:
 * names for name and domain, 1-based places among the siblings for position, "archived" or
 * "active" for archived.
 */
export const previewFieldSchema = z.object({
  field: z.enum(['name', 'description', 'domain', 'position', 'archived']),
  from: z.string(),
  to: z.string(),
})
export type PreviewField = z.infer<typeof previewFieldSchema>

export const previewEntitySchema = z.object({
  kind: z.enum(previewEntityKinds),
  id: z.string(),
  /** The name after the import (the matrix's own for archived and kept). */
  name: z.string(),
  /** Competencies: the domain they are in after the import; null for the rest. */
  domainId: z.string().nullable(),
  change,
  fields: z.array(previewFieldSchema),
})
export type PreviewEntity = z.infer<typeof previewEntitySchema>

/** What a cell shows: a level (null: none yet) with its name, and the note. */
export const previewCellValueSchema = z.object({
  level: z.number().int().nullable(),
  levelName: z.string().nullable(),
  note: z.string(),
})
export type PreviewCellValue = z.infer<typeof previewCellValueSchema>

export const previewCellSchema = z.object({
  competencyId: z.string(),
  competency: z.string(),
  domainId: z.string(),
  roleId: z.string(),
  role: z.string(),
  /** Set for a PMO type's override. */
  pmoTypeId: z.string().nullable(),
  pmoType: z.string().nullable(),
  change,
  /** The matrix's value; null when the cell has none (for an override: no override). */
  from: previewCellValueSchema.nullable(),
  /** The file's value; null when the import clears the cell. For kept, what the file said. */
  to: previewCellValueSchema.nullable(),
})
export type PreviewCell = z.infer<typeof previewCellSchema>

const levelDefinition = z.object({ name: z.string(), description: z.string() })

export const previewLevelSchema = z.object({
  rank: z.number().int(),
  change,
  from: levelDefinition.nullable(),
  to: levelDefinition.nullable(),
})
export type PreviewLevel = z.infer<typeof previewLevelSchema>

export const previewMetaSchema = z.object({
  field: z.enum(['title', 'status', 'licence', 'version']),
  change,
  from: z.string(),
  to: z.string(),
})
export type PreviewMeta = z.infer<typeof previewMetaSchema>

const changeCounts = z.object(Object.fromEntries(importChanges.map((kind) => [kind, z.number().int()])) as Record<ImportChange, z.ZodNumber>)
export type ChangeCounts = Record<ImportChange, number>

export const importPreviewSchema = z.object({
  mode: z.enum(importModes),
  /** For each kind of thing, how many of each change. */
  counts: z.object({
    domains: changeCounts,
    competencies: changeCounts,
    roles: changeCounts,
    pmoTypes: changeCounts,
    cells: changeCounts,
    levels: changeCounts,
    /** pmo-framework/v2: each competency's descriptor of one level (summary and indicators) counts once. */
    descriptors: changeCounts,
    /** pmo-framework/v2: each competency's list of references counts once. */
    references: changeCounts,
  }),
  /** Domains, competencies, roles and PMO types of the file and of the matrix (archived ones the file does not list are left out). */
  entities: z.array(previewEntitySchema),
  /** Every cell that is not unchanged. */
  cells: z.array(previewCellSchema),
  levels: z.array(previewLevelSchema),
  meta: z.array(previewMetaSchema),
})
export type ImportPreview = z.infer<typeof importPreviewSchema>

export const importPreviewResponseSchema = z.object({ preview: importPreviewSchema })
export type ImportPreviewResponse = z.infer<typeof importPreviewResponseSchema>

/** Content types an import accepts; the server also recognises a file by its content. */
export const frameworkImportTypes = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/**
 * The body of an import and of its preview: the file as it is, read by the server itself
 * (so the OpenAPI document describes it; the route does not validate it against this).
 */
export const frameworkImportBody = z.string().meta({
  format: 'binary',
  description: 'A pmo-framework/v1 or v2 JSON file, the studio\'s CSV export or its Excel workbook, sent as it is (at most 5 MB).',
})

/** POST, organisers: the preview of importing the body with ?mode=; changes nothing. */
export const frameworkImportPreviewPath = '/api/import/framework/preview'
