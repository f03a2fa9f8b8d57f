/**
 * History (issue 13): the versions of a document, what changed between two of them, and the
 * shapes the HTTP API answers with (GET /api/documents/:name/versions, .../versions/:id,
 * .../compare). The document model behind them (what a version holds, the compare, restore,
 * thinning) is packages/framework/src/history.
 *
 * Changes, `{"changes":[...]}`, one list per compare, each entry tagged by `type`:
 * - `text`: one rich-text field (`default` for the terms of reference, `agenda` or `notes` of a
 *   meeting) that differs. `document` is the field as ProseMirror JSON with both sides merged in
 *   place: inserted text carries the mark `insertion`, deleted text the mark `deletion` (each
 *   with `attrs.authors`); whole blocks that were inserted, deleted or changed (attributes or
 *   content) are listed in `blocks` by their path (child indexes from the top of `document`).
 * - `cell`: a matrix cell whose level or note differs (`from`/`to` null: not set on that side).
 * - `entity`: a domain, competency, role or PMO type added, archived, restored, renamed,
 *   described or moved (another domain, or another place among its siblings).
 * - `level`: a level of the scale added, removed or renamed/redescribed.
 * - `meta`: the matrix's title, status, licence or version.
 * - `decision`, `action`: a meeting's decision or action added, archived, restored, edited,
 *   moved; an action's owner, due date or done flag.
 * `authors` lists the member ids the update log names for the change (best effort: empty when
 * the log no longer knows; see docs/decisions.md, "History"); the answer's `people` names each
 * of them (a member since removed reads "A former member").
 */
import { z } from 'zod'

/** The document kinds that keep a history; a meeting's document is `meeting:<id>`. */
export const historyKinds = ['terms-of-reference', 'competency-matrix', 'meeting'] as const
export type HistoryKind = (typeof historyKinds)[number]

/** The history kind of a document name, or null for a document without history. */
export function historyKindOf(documentName: string): HistoryKind | null {
  if (documentName === 'terms-of-reference' || documentName === 'competency-matrix') return documentName
  if (/^meeting:[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(documentName)) return 'meeting'
  return null
}

export const versionKinds = ['auto', 'named', 'before-import', 'before-restore', 'meeting-end'] as const
export const VersionKind = z.enum(versionKinds)
export type VersionKind = z.infer<typeof VersionKind>

export const versionNameRules = { max: 120 } as const

/** POST /api/documents/:name/versions */
export const NameVersionBody = z.object({
  name: z.string().trim().min(1, 'Give the version a name.').max(versionNameRules.max, `Keep the name to ${versionNameRules.max} characters or fewer.`),
})
export type NameVersionBody = z.infer<typeof NameVersionBody>

export const VersionChangeCounts = z.object({ added: z.number().int(), changed: z.number().int(), archived: z.number().int() })
export type VersionChangeCounts = z.infer<typeof VersionChangeCounts>

/**
 * What changed since the version before, for the version list. Matrix cells count as
 * `added` when set where nothing was, `archived` when cleared; a restored row counts as changed.
 */
export const VersionSummary = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), wordsAdded: z.number().int(), wordsRemoved: z.number().int() }),
  z.object({
    kind: z.literal('matrix'),
    cells: VersionChangeCounts,
    competencies: VersionChangeCounts,
    roles: VersionChangeCounts,
    domains: VersionChangeCounts,
    pmoTypes: VersionChangeCounts,
  }),
  z.object({ kind: z.literal('meeting'), wordsAdded: z.number().int(), wordsRemoved: z.number().int(), decisions: VersionChangeCounts, actions: VersionChangeCounts }),
])
export type VersionSummary = z.infer<typeof VersionSummary>

/** A member id with the name it reads as. */
export const NamedMember = z.object({ id: z.string(), name: z.string() })
export type NamedMember = z.infer<typeof NamedMember>

export const Version = z.object({
  id: z.string(),
  document: z.string(),
  createdAt: z.string(),
  name: z.string().nullable(),
  kind: VersionKind,
  contributors: z.array(NamedMember),
  summary: VersionSummary,
  /** For a before-restore version: which version was restored over it, and by whom. */
  restoredFrom: z.object({ id: z.string(), name: z.string().nullable(), createdAt: z.string(), by: NamedMember }).nullable().optional(),
})
export type Version = z.infer<typeof Version>

export const VersionList = z.object({ versions: z.array(Version) })
export type VersionList = z.infer<typeof VersionList>

/** ProseMirror JSON, as the editor's `getJSON()` gives it. */
export interface ProseMirrorJSON {
  type: string
  attrs?: Record<string, unknown>
  content?: ProseMirrorJSON[]
  text?: string
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>
}

export const ProseMirrorJSON: z.ZodType<ProseMirrorJSON> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(ProseMirrorJSON).optional(),
    text: z.string().optional(),
    marks: z.array(z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() })).optional(),
  }),
// Recursive, so the OpenAPI document names it as a component and refers to it (http/openapi.ts).
).meta({ id: 'ProseMirrorNode' })

/** The marks a text change puts on merged text. */
export const changeMarks = { insertion: 'insertion', deletion: 'deletion' } as const

const Authors = z.array(z.string())
const FromTo = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value })

export const TextBlockChange = z.object({
  /** Child indexes from the top of the merged document: [2, 0] is the first child of its third block. */
  path: z.array(z.number().int()),
  change: z.enum(['inserted', 'deleted', 'changed']),
  /** The block's type (paragraph, heading, table, tableRow, listItem...). */
  node: z.string(),
  /** For a changed block whose attributes differ (a heading's level, a task's checked). */
  attrs: FromTo(z.record(z.string(), z.unknown())).optional(),
  authors: Authors,
})
export type TextBlockChange = z.infer<typeof TextBlockChange>

export const TextChange = z.object({
  type: z.literal('text'),
  field: z.enum(['default', 'agenda', 'notes']),
  document: ProseMirrorJSON,
  blocks: z.array(TextBlockChange),
  wordsAdded: z.number().int(),
  wordsRemoved: z.number().int(),
  authors: Authors,
})
export type TextChange = z.infer<typeof TextChange>

export const CellValue = z.object({ level: z.number().int().nullable(), note: z.string() })
export type CellValue = z.infer<typeof CellValue>

export const CellChange = z.object({
  type: z.literal('cell'),
  competencyId: z.string(),
  roleId: z.string(),
  pmoTypeId: z.string().nullable(),
  /** Names as they read in the newer state (else the older), for a list a person reads. */
  competency: z.string(),
  role: z.string(),
  pmoType: z.string().nullable(),
  from: CellValue.nullable(),
  to: CellValue.nullable(),
  authors: Authors,
})
export type CellChange = z.infer<typeof CellChange>

export const matrixEntityKinds = ['domain', 'competency', 'role', 'pmoType'] as const

/** Where a row or column sits: its domain (competencies only) and its index among its siblings, archived ones included. */
export const EntityPosition = z.object({ domainId: z.string().nullable(), index: z.number().int() })

export const EntityChange = z.object({
  type: z.literal('entity'),
  entity: z.enum(matrixEntityKinds),
  id: z.string(),
  /** Its name in the newer state (else the older). */
  name: z.string(),
  change: z.enum(['added', 'changed', 'archived', 'restored']),
  renamed: FromTo(z.string()).optional(),
  described: FromTo(z.string()).optional(),
  moved: FromTo(EntityPosition).optional(),
  authors: Authors,
})
export type EntityChange = z.infer<typeof EntityChange>

export const LevelChange = z.object({
  type: z.literal('level'),
  rank: z.number().int(),
  change: z.enum(['added', 'changed', 'removed']),
  name: FromTo(z.string()).optional(),
  description: FromTo(z.string()).optional(),
  authors: Authors,
})
export type LevelChange = z.infer<typeof LevelChange>

export const MetaChange = z.object({
  type: z.literal('meta'),
  field: z.enum(['title', 'status', 'licence', 'version']),
  from: z.string(),
  to: z.string(),
  authors: Authors,
})
export type MetaChange = z.infer<typeof MetaChange>

const itemChange = {
  id: z.string(),
  /** Its text in the newer state (else the older). */
  text: z.string(),
  change: z.enum(['added', 'changed', 'archived', 'restored']),
  edited: FromTo(z.string()).optional(),
  moved: FromTo(z.number().int()).optional(),
  authors: Authors,
}

export const DecisionChange = z.object({ type: z.literal('decision'), ...itemChange })
export type DecisionChange = z.infer<typeof DecisionChange>

export const ActionChange = z.object({
  type: z.literal('action'),
  ...itemChange,
  owner: FromTo(z.string().nullable()).optional(),
  due: FromTo(z.string().nullable()).optional(),
  done: FromTo(z.boolean()).optional(),
})
export type ActionChange = z.infer<typeof ActionChange>

export const HistoryChange = z.discriminatedUnion('type', [TextChange, CellChange, EntityChange, LevelChange, MetaChange, DecisionChange, ActionChange])
export type HistoryChange = z.infer<typeof HistoryChange>

/** GET /api/documents/:name/compare?from=&to=: the changes, and the name of every member their `authors` list. */
export const CompareResponse = z.object({ changes: z.array(HistoryChange), people: z.array(NamedMember) })
export type CompareResponse = z.infer<typeof CompareResponse>

/** `:name` of the history routes (URL-encoded, e.g. `meeting%3A<id>`), and a version's `:id`. */
export const HistoryDocumentParams = z.object({ name: z.string().min(1) })
export const HistoryVersionParams = z.object({ name: z.string().min(1), id: z.string().min(1) })

/** POST .../versions (201) and POST .../versions/:id/restore (200: the new before-restore version). */
export const VersionResponse = z.object({ version: Version })
export type VersionResponse = z.infer<typeof VersionResponse>

/**
 * GET .../versions/:id: `content` is ProseMirror JSON for the terms of reference,
 * pmo-framework/v1 JSON for the matrix, `{agenda, notes, decisions, actions}` for a meeting.
 */
export const VersionWithContent = z.object({ version: Version, content: z.unknown() })
export type VersionWithContent = z.infer<typeof VersionWithContent>

/** GET .../compare?from=<version id>&to=<version id>|now */
export const CompareQuery = z.object({
  from: z.string().min(1, 'Name the version to compare from.'),
  to: z.string().min(1, 'Name the version to compare to, or now.'),
})
export type CompareQuery = z.infer<typeof CompareQuery>

/** Every export takes `?version=<id>` to export that version's content instead of now. */
export const ExportVersionQuery = z.object({ version: z.string().min(1).optional() })
export type ExportVersionQuery = z.infer<typeof ExportVersionQuery>

/** The history's routes, for the web app: `documentName` is encoded here. */
export const historyPaths = {
  versions: (documentName: string) => `/api/documents/${encodeURIComponent(documentName)}/versions`,
  version: (documentName: string, id: string) => `/api/documents/${encodeURIComponent(documentName)}/versions/${encodeURIComponent(id)}`,
  restore: (documentName: string, id: string) => `/api/documents/${encodeURIComponent(documentName)}/versions/${encodeURIComponent(id)}/restore`,
  compare: (documentName: string, from: string, to: string) =>
    `/api/documents/${encodeURIComponent(documentName)}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
} as const
