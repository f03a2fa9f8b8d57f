/**
 * What importing a `pmo-framework/v1` file into the matrix would do, worked out without
 * touching the document: every domain, competency, role, PMO type, level, framework detail
 * and cell, each with its kind of change (see @studio/contract's ImportPreview), and the
 * steps that carry it out. import-apply.ts executes exactly these steps, so the preview an
 * organiser reads and what the import then does cannot disagree.
 *
 * - replace: the matrix becomes the file. What the file lacks is archived (never deleted) and
 *   cells it lacks are cleared, except those of rows and columns it does not list.
 * - merge: only what is new is added: entities whose id is unknown, cells not yet set, levels
 *   and details the matrix lacks. Where the file says something else than the matrix, the
 *   matrix's value is kept and the difference is listed as kept.
 */
import type { ImportMode, ImportPreview, PreviewEntity, PreviewField, PreviewLevel, PreviewMeta } from '@studio/contract'
import type * as Y from 'yjs'
import type { ExchangeFramework, ExchangeNamed } from './exchange-format.ts'
import { existingEntity, listedIds, NamesAfter } from './import-context.ts'
import { countChanges } from './import-counts.ts'
import { planCells, type CellStep } from './import-plan-cells.ts'
import { planDepth, type DepthPlan } from './import-plan-depth.ts'
import { byOrder } from './order.ts'
import { isEntity, isPlaced, readLevels } from './read.ts'
import { matrixMaps, plainTextOf, type EntityKind } from './schema.ts'

/** How one entity is written: only the fields given change. */
export interface EntityStep {
  kind: EntityKind
  id: string
  /** Set when the entity is new: it is created with these fields. */
  create?: { name: string; description: string; archived: boolean; domainId?: string }
  name?: string
  description?: string
  archived?: boolean
}

/** Order keys for one sibling group: laid out afresh in the file's order (replace), or new ones appended (merge). */
export interface LayoutStep {
  kind: EntityKind
  domainId?: string
  ids: string[]
  append: boolean
}

export interface ImportPlan {
  mode: ImportMode
  preview: ImportPreview
  meta: Array<{ field: PreviewMeta['field']; value: string }>
  levels: Array<{ rank: number; name: string; description: string }>
  entities: EntityStep[]
  layouts: LayoutStep[]
  cells: CellStep[]
  /** pmo-framework/v2: descriptors and references (import-plan-depth.ts). */
  depth: DepthPlan
}

/** The plan for importing a validated framework (see validateExchange) into the document. */
export function planImport(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode): ImportPlan {
  const plan: ImportPlan = { mode, preview: { mode, counts: countChanges([], [], [], 0), entities: [], cells: [], levels: [], meta: [] }, meta: [], levels: [], entities: [], layouts: [], cells: [], depth: planDepth(doc, framework, mode) }
  planMeta(doc, framework, plan)
  planLevels(doc, framework, plan)
  const names = new NamesAfter(doc, framework, mode)
  planGroup(doc, plan, names, 'role', framework.roles)
  planGroup(doc, plan, names, 'pmoType', framework.pmoTypes ?? [])
  planGroup(doc, plan, names, 'domain', framework.domains)
  for (const domain of framework.domains) planGroup(doc, plan, names, 'competency', domain.competencies, domain.id)
  if (mode === 'replace') {
    for (const kind of ['role', 'pmoType', 'domain', 'competency'] as const) archiveUnlisted(doc, plan, names, kind, framework)
  }
  plan.cells = planCells(doc, framework, mode, names, plan.preview.cells)
  plan.preview.counts = {
    ...countChanges(plan.preview.entities, plan.preview.cells, plan.preview.levels, plan.cells.filter((step) => step.change === 'unchanged').length),
    ...plan.depth.counts,
  }
  return plan
}

function planMeta(doc: Y.Doc, framework: ExchangeFramework, plan: ImportPlan): void {
  const meta = matrixMaps(doc).meta
  for (const field of ['title', 'status', 'licence', 'version'] as const) {
    const value = framework[field]
    if (value === undefined) continue
    const from = plainTextOf(meta.get(field))
    if (meta.get(field) === value) plan.preview.meta.push({ field, change: 'unchanged', from, to: value })
    else if (plan.mode === 'merge' && meta.has(field)) plan.preview.meta.push({ field, change: 'kept', from, to: value })
    else {
      plan.preview.meta.push({ field, change: 'changed', from, to: value })
      plan.meta.push({ field, value })
    }
  }
}

function planLevels(doc: Y.Doc, framework: ExchangeFramework, plan: ImportPlan): void {
  const current = new Map(readLevels(doc).map((level) => [level.rank, level]))
  for (const level of framework.levels) {
    const to = { name: level.name, description: level.description ?? '' }
    const existing = current.get(level.rank)
    const from = existing ? { name: existing.name, description: existing.description } : null
    let change: PreviewLevel['change']
    if (!from) change = 'added'
    else if (from.name === to.name && from.description === to.description) change = 'unchanged'
    else change = plan.mode === 'merge' ? 'kept' : 'changed'
    plan.preview.levels.push({ rank: level.rank, change, from, to })
    if (change === 'added' || change === 'changed') plan.levels.push({ rank: level.rank, ...to })
  }
}

/** Siblings in display order: competencies of one domain, or every entity of a kind. */
function siblingIds(doc: Y.Doc, kind: EntityKind, domainId?: string): Array<{ id: string; order: string; archived: boolean }> {
  const siblings: Array<{ id: string; order: string; archived: boolean }> = []
  matrixMaps(doc).entities(kind).forEach((entity, id) => {
    if (!isEntity(entity) || (kind === 'competency' && entity.get('domainId') !== domainId) || !isPlaced(entity)) return
    siblings.push({ id, order: entity.get('order') as string, archived: entity.get('archived') === true })
  })
  return siblings.sort(byOrder)
}

/** One sibling group as the file lists it: each item added, changed, archived, restored, kept or unchanged. */
function planGroup(doc: Y.Doc, plan: ImportPlan, names: NamesAfter, kind: EntityKind, items: ExchangeNamed[], domainId?: string): void {
  const siblings = siblingIds(doc, kind, domainId)
  const moved = movedItems(siblings, items)
  const merge = plan.mode === 'merge'
  for (const item of items) {
    const description = item.description ?? ''
    const archived = item.archived === true
    const existing = existingEntity(doc, kind, item.id)
    const entry: PreviewEntity = { kind, id: item.id, name: names.name(kind, item.id), domainId: kind === 'competency' ? (names.domainOf(item.id) || null) : null, change: 'unchanged', fields: [] }
    plan.preview.entities.push(entry)
    if (!existing) {
      entry.change = 'added'
      plan.entities.push({ kind, id: item.id, create: { name: item.name, description, archived, ...(domainId ? { domainId } : {}) } })
      continue
    }
    const fields: PreviewField[] = []
    if (existing.name !== item.name) fields.push({ field: 'name', from: existing.name, to: item.name })
    if (existing.description !== description) fields.push({ field: 'description', from: existing.description, to: description })
    if (domainId !== undefined && existing.domainId !== domainId) {
      fields.push({ field: 'domain', from: existing.domainId ? names.name('domain', existing.domainId) : '', to: names.name('domain', domainId) })
    }
    const position = moved.get(item.id)
    if (position) fields.push({ field: 'position', from: String(position.from), to: String(position.to) })
    entry.fields = fields
    if (merge) {
      if (existing.archived !== archived) fields.push({ field: 'archived', from: archivedWord(existing.archived), to: archivedWord(archived) })
      if (fields.length > 0) entry.change = 'kept'
      continue
    }
    const step: EntityStep = { kind, id: item.id }
    if (existing.name !== item.name) step.name = item.name
    if (existing.description !== description) step.description = description
    if (existing.archived !== archived) step.archived = archived
    plan.entities.push(step)
    if (existing.archived !== archived) entry.change = archived ? 'archived' : 'restored'
    else if (fields.length > 0) entry.change = 'changed'
  }
  planLayout(plan, kind, domainId, siblings, items)
}

const archivedWord = (archived: boolean) => (archived ? 'archived' : 'active')

/**
 * Which existing, visible items the file puts in another place among their siblings: those
 * outside the longest run that keeps the matrix's order, so one row inserted or moved is one
 * change, not a shift of everything below it. Places count from one among visible siblings.
 */
function movedItems(siblings: Array<{ id: string; archived: boolean }>, items: ExchangeNamed[]): Map<string, { from: number; to: number }> {
  const before = siblings.filter((sibling) => !sibling.archived).map((sibling) => sibling.id)
  const beforeIndex = new Map(before.map((id, index) => [id, index]))
  const after = items.filter((item) => item.archived !== true).map((item) => item.id)
  const both = after.filter((id) => beforeIndex.has(id))
  const steady = longestIncreasingRun(both.map((id) => beforeIndex.get(id)!))
  const moved = new Map<string, { from: number; to: number }>()
  both.forEach((id, index) => {
    if (!steady.has(index)) moved.set(id, { from: beforeIndex.get(id)! + 1, to: after.indexOf(id) + 1 })
  })
  return moved
}

/** Indexes (into `values`) of one longest strictly increasing subsequence, by patience sorting. */
export function longestIncreasingRun(values: number[]): Set<number> {
  const tails: number[] = []
  const previous: number[] = Array.from({ length: values.length }, () => -1)
  values.forEach((value, index) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (values[tails[middle]!]! < value) low = middle + 1
      else high = middle
    }
    if (low > 0) previous[index] = tails[low - 1]!
    tails[low] = index
  })
  const run = new Set<number>()
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index]!) run.add(index)
  return run
}

/**
 * Replace lays a group out in the file's order, but only when that order is not already the
 * matrix's (an import that changes nothing writes nothing); merge appends what is new.
 */
function planLayout(plan: ImportPlan, kind: EntityKind, domainId: string | undefined, siblings: Array<{ id: string }>, items: ExchangeNamed[]): void {
  const ids = items.map((item) => item.id)
  if (plan.mode === 'merge') {
    const known = new Set(siblings.map((sibling) => sibling.id))
    const fresh = plan.entities.filter((step) => step.create && step.kind === kind && ids.includes(step.id) && !known.has(step.id)).map((step) => step.id)
    if (fresh.length > 0) plan.layouts.push({ kind, ...(domainId ? { domainId } : {}), ids: fresh, append: true })
    return
  }
  const listed = new Set(ids)
  const current = siblings.map((sibling) => sibling.id).filter((id) => listed.has(id))
  if (current.length === ids.length && current.every((id, index) => id === ids[index])) return
  plan.layouts.push({ kind, ...(domainId ? { domainId } : {}), ids, append: false })
}

/** Replace: what the matrix shows and the file does not list is archived. */
function archiveUnlisted(doc: Y.Doc, plan: ImportPlan, names: NamesAfter, kind: EntityKind, framework: ExchangeFramework): void {
  const listed = new Set(listedIds(framework, kind))
  matrixMaps(doc).entities(kind).forEach((entity, id) => {
    if (listed.has(id) || !isEntity(entity) || entity.get('archived') === true) return
    const domainId = entity.get('domainId')
    plan.preview.entities.push({ kind, id, name: names.name(kind, id), domainId: kind === 'competency' && typeof domainId === 'string' ? domainId : null, change: 'archived', fields: [] })
    plan.entities.push({ kind, id, archived: true })
  })
}

