/**
 * Writing descriptors, indicators and references (descriptors.ts), each in one transaction.
 * Indicators and references can be removed: they are items of a list someone curates, not
 * rows other cells depend on. Values are clipped to the model's limits, as names are
 * (operations.ts, textLimits), so an edit the server would refuse is never sent.
 */
import * as Y from 'yjs'
import { descriptorLimits, indicatorMaps, readIndicators, readReferences, referenceMaps, summaryText, type IndicatorMap, type ReferenceMap, type Relation } from './descriptors.ts'
import { randomId } from './ids.ts'
import { keyAt } from './order.ts'
import { MatrixError } from './operations.ts'
import { matrixMaps, plainTextOf } from './schema.ts'
import { replaceText } from './text.ts'

export interface ReferenceFields {
  scheme: string
  code?: string
  title?: string
  uri?: string
  relation: Relation
}

function requireLevel(doc: Y.Doc, rank: number): void {
  if (!(matrixMaps(doc).levels.get(String(rank)) instanceof Y.Map)) throw new MatrixError(`There is no level ${rank}.`)
}

export function setSummary(doc: Y.Doc, competencyId: string, rank: number, summary: string, origin?: unknown): void {
  requireLevel(doc, rank)
  const text = summaryText(doc, competencyId, rank)
  doc.transact(() => replaceText(text, summary.slice(0, descriptorLimits.summary)), origin)
}

/** Adds an indicator at `index` (at the end when omitted); returns its id. */
export function addIndicator(doc: Y.Doc, competencyId: string, rank: number, text: string, index?: number, origin?: unknown): string {
  requireLevel(doc, rank)
  const siblings = readIndicators(doc, competencyId, rank)
  if (siblings.length >= descriptorLimits.indicators) throw new MatrixError(`A level holds at most ${descriptorLimits.indicators} indicators.`)
  const id = randomId()
  doc.transact(() => {
    const entry: IndicatorMap = new Y.Map()
    entry.set('text', new Y.Text(text.slice(0, descriptorLimits.indicator)))
    entry.set('order', keyAt(siblings, index ?? siblings.length))
    indicatorMaps(doc, competencyId, rank).set(id, entry)
  }, origin)
  return id
}

function requireIndicator(doc: Y.Doc, competencyId: string, rank: number, id: string): IndicatorMap {
  const entry: unknown = indicatorMaps(doc, competencyId, rank).get(id)
  if (!(entry instanceof Y.Map)) throw new MatrixError(`There is no indicator ${id}.`)
  return entry as IndicatorMap
}

export function setIndicator(doc: Y.Doc, competencyId: string, rank: number, id: string, text: string, origin?: unknown): void {
  const entry = requireIndicator(doc, competencyId, rank, id)
  doc.transact(() => {
    let shared: unknown = entry.get('text')
    if (!(shared instanceof Y.Text)) entry.set('text', (shared = new Y.Text(plainTextOf(shared))))
    replaceText(shared as Y.Text, text.slice(0, descriptorLimits.indicator))
  }, origin)
}

/** Moves an indicator to `index` among the level's indicators: one order key changes, so a concurrent edit of its text is kept. */
export function moveIndicator(doc: Y.Doc, competencyId: string, rank: number, id: string, index: number, origin?: unknown): void {
  const entry = requireIndicator(doc, competencyId, rank, id)
  const siblings = readIndicators(doc, competencyId, rank).filter((indicator) => indicator.id !== id)
  doc.transact(() => entry.set('order', keyAt(siblings, index)), origin)
}

export function removeIndicator(doc: Y.Doc, competencyId: string, rank: number, id: string, origin?: unknown): void {
  requireIndicator(doc, competencyId, rank, id)
  doc.transact(() => indicatorMaps(doc, competencyId, rank).delete(id), origin)
}

/**
 * Makes the level's indicators the given texts, in order, by the smallest change: the
 * indicator at each place keeps its entry and has its text replaced, extra ones are removed,
 * missing ones added (an import, import-apply.ts).
 */
export function replaceIndicators(doc: Y.Doc, competencyId: string, rank: number, texts: readonly string[], origin?: unknown): void {
  const current = readIndicators(doc, competencyId, rank)
  doc.transact(() => {
    texts.slice(0, current.length).forEach((text, index) => setIndicator(doc, competencyId, rank, current[index]!.id, text))
    for (const extra of current.slice(texts.length)) indicatorMaps(doc, competencyId, rank).delete(extra.id)
    for (const text of texts.slice(current.length)) addIndicator(doc, competencyId, rank, text)
  }, origin)
}

const referenceValues = (fields: ReferenceFields): Record<keyof ReferenceFields, string> => ({
  scheme: fields.scheme.trim().slice(0, descriptorLimits.scheme),
  code: (fields.code ?? '').trim().slice(0, descriptorLimits.code),
  title: (fields.title ?? '').trim().slice(0, descriptorLimits.title),
  uri: (fields.uri ?? '').trim(),
  relation: fields.relation,
})

export function addReference(doc: Y.Doc, competencyId: string, fields: ReferenceFields, origin?: unknown): string {
  const siblings = readReferences(doc, competencyId)
  if (siblings.length >= descriptorLimits.references) throw new MatrixError(`A competency holds at most ${descriptorLimits.references} references.`)
  const id = randomId()
  doc.transact(() => {
    const entry: ReferenceMap = new Y.Map()
    for (const [field, value] of Object.entries(referenceValues(fields))) entry.set(field, value)
    entry.set('order', keyAt(siblings, siblings.length))
    referenceMaps(doc, competencyId).set(id, entry)
  }, origin)
  return id
}

/** Writes only the fields that differ, so two people correcting different fields of one reference both keep theirs. */
export function updateReference(doc: Y.Doc, competencyId: string, id: string, fields: ReferenceFields, origin?: unknown): void {
  const entry: unknown = referenceMaps(doc, competencyId).get(id)
  if (!(entry instanceof Y.Map)) throw new MatrixError(`There is no reference ${id}.`)
  doc.transact(() => {
    for (const [field, value] of Object.entries(referenceValues(fields))) {
      if (entry.get(field) !== value) entry.set(field, value)
    }
  }, origin)
}

export function removeReference(doc: Y.Doc, competencyId: string, id: string, origin?: unknown): void {
  doc.transact(() => referenceMaps(doc, competencyId).delete(id), origin)
}

/** Makes the competency's references the given ones, in order, reusing entries by place (an import). */
export function replaceReferences(doc: Y.Doc, competencyId: string, references: readonly ReferenceFields[], origin?: unknown): void {
  const current = readReferences(doc, competencyId)
  doc.transact(() => {
    references.slice(0, current.length).forEach((fields, index) => updateReference(doc, competencyId, current[index]!.id, fields))
    for (const extra of current.slice(references.length)) referenceMaps(doc, competencyId).delete(extra.id)
    for (const fields of references.slice(current.length)) addReference(doc, competencyId, fields)
  }, origin)
}
