/**
 * Importing a `pmo-framework/v1` file: the plan (import-plan.ts) worked out first, then
 * carried out step by step in one Yjs transaction, and the report made from the same plan.
 * Nothing here decides anything: what the preview lists is what happens.
 */
import type { ImportMode, ImportPreview } from '@studio/contract'
import { generateNKeysBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import type { ExchangeFramework } from './exchange-format.ts'
import { planImport, type ImportPlan } from './import-plan.ts'
import { replaceIndicators, replaceReferences } from './descriptor-operations.ts'
import { summaryText } from './descriptors.ts'
import { setLevelDefinition, siblingsOf } from './operations.ts'
import { cellKey, collectionOf, entityMap, matrixMaps, matrixSchemaVersion, noteText, writableTextField, type Collection, type EntityMap } from './schema.ts'
import { replaceText } from './text.ts'

export type { ImportMode }

export interface ImportReport {
  mode: ImportMode
  added: Record<Collection, string[]>
  updated: Record<Collection, string[]>
  archived: Record<Collection, string[]>
  restored: Record<Collection, string[]>
  /** Cells whose level or note the import set. */
  cellsSet: number
  /** Cells the import cleared (replace only). */
  cellsCleared: number
  levelsChanged: number[]
  metaChanged: string[]
  /** pmo-framework/v2: level descriptors the import wrote or cleared, and competencies whose references it wrote. */
  descriptorsSet?: number
  referencesSet?: number
}

/** What importing the file would change, without changing anything. */
export function previewImport(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode): ImportPreview {
  return planImport(doc, framework, mode).preview
}

/** Applies a validated framework (see validateExchange) to the document; returns what changed. */
export function importFramework(doc: Y.Doc, framework: ExchangeFramework, mode: ImportMode, origin?: unknown): ImportReport {
  const plan = planImport(doc, framework, mode)
  applyImportPlan(doc, plan, origin)
  return reportOf(plan)
}

export function applyImportPlan(doc: Y.Doc, plan: ImportPlan, origin?: unknown): void {
  doc.transact(() => {
    const { meta, expectations } = matrixMaps(doc)
    if (!meta.has('schemaVersion')) meta.set('schemaVersion', matrixSchemaVersion)
    for (const { field, value } of plan.meta) meta.set(field, value)
    for (const level of plan.levels) setLevelDefinition(doc, level.rank, level.name, level.description)
    for (const step of plan.entities) {
      if (step.create) {
        const entity: EntityMap = new Y.Map()
        entity.set('name', new Y.Text(step.create.name))
        entity.set('description', new Y.Text(step.create.description))
        entity.set('archived', step.create.archived)
        if (step.create.domainId) entity.set('domainId', step.create.domainId)
        matrixMaps(doc).entities(step.kind).set(step.id, entity)
        continue
      }
      const entity = entityMap(doc, step.kind, step.id)
      if (!entity) continue
      if (step.name !== undefined) replaceText(writableTextField(entity, 'name'), step.name)
      if (step.description !== undefined) replaceText(writableTextField(entity, 'description'), step.description)
      if (step.archived !== undefined) entity.set('archived', step.archived)
    }
    for (const layout of plan.layouts) {
      // Merge appends after what is there; replace lays the whole group out in the file's order.
      const after = layout.append ? (siblingsOf(doc, layout.kind, layout.domainId).at(-1)?.order ?? null) : null
      const keys = generateNKeysBetween(after, null, layout.ids.length)
      layout.ids.forEach((id, index) => {
        const entity = entityMap(doc, layout.kind, id)
        if (!entity) return
        // A competency's order and domain are written together, as a move writes them (see moveEntity).
        const moved = layout.domainId !== undefined && entity.get('domainId') !== layout.domainId
        if (entity.get('order') === keys[index] && !moved) return
        entity.set('order', keys[index]!)
        if (layout.domainId !== undefined) entity.set('domainId', layout.domainId)
      })
    }
    for (const step of plan.cells) {
      const key = cellKey(step.ref)
      if (step.deleteLevel) expectations.delete(key)
      if (step.level !== undefined) expectations.set(key, step.level)
      if (step.note !== undefined) replaceText(noteText(doc, step.ref), step.note)
    }
    for (const step of plan.depth.descriptors) {
      replaceText(summaryText(doc, step.competencyId, step.rank), step.summary)
      replaceIndicators(doc, step.competencyId, step.rank, step.indicators)
    }
    for (const step of plan.depth.references) replaceReferences(doc, step.competencyId, step.references)
  }, origin)
}

const emptyLists = (): Record<Collection, string[]> => ({ domains: [], competencies: [], roles: [], pmoTypes: [] })

/** The report an import answers with, from its plan. */
export function reportOf(plan: ImportPlan): ImportReport {
  const report: ImportReport = { mode: plan.mode, added: emptyLists(), updated: emptyLists(), archived: emptyLists(), restored: emptyLists(), cellsSet: 0, cellsCleared: 0, levelsChanged: [], metaChanged: [] }
  // Only when there are some, so a v1 import reports what it always did.
  if (plan.depth.descriptors.length > 0) report.descriptorsSet = plan.depth.descriptors.length
  if (plan.depth.references.length > 0) report.referencesSet = plan.depth.references.length
  for (const entity of plan.preview.entities) {
    const collection = collectionOf[entity.kind]
    if (entity.change === 'added') report.added[collection].push(entity.name)
    if (entity.change === 'kept') continue
    if (entity.fields.some((field) => field.field !== 'position')) report.updated[collection].push(entity.name)
    if (entity.change === 'archived') report.archived[collection].push(entity.name)
    if (entity.change === 'restored') report.restored[collection].push(entity.name)
  }
  for (const cell of plan.preview.cells) {
    if (cell.change === 'added' || cell.change === 'changed') report.cellsSet++
    if (cell.change === 'cleared') report.cellsCleared++
  }
  report.levelsChanged = plan.preview.levels.filter((level) => level.change === 'added' || level.change === 'changed').map((level) => level.rank)
  report.metaChanged = plan.preview.meta.filter((meta) => meta.change === 'changed').map((meta) => meta.field)
  return report
}
