/**
 * What each level of the scale looks like for a competency (a descriptor: a summary and
 * observable indicators), and the competency's references to items of other frameworks.
 * Each lives under a top-level name of its own, like a cell's note (schema.ts): two people
 * who start the same empty summary, or add the first indicator of a level, at the same moment
 * write into one type instead of each creating a map that only one of them keeps.
 *
 * - `descriptor:<competencyId>|<rank>`: Y.Text, the summary
 * - `indicators:<competencyId>|<rank>`: Y.Map id -> Y.Map { text: Y.Text, order }
 * - `references:<competencyId>`: Y.Map id -> Y.Map { scheme, code, title, uri, relation, order }
 *
 * Indicators are keyed maps with fractional order keys, as rows are, not a Y.Array: a move
 * changes one order key, so an edit someone makes to the indicator while it moves is kept
 * (moving an item of a Y.Array means deleting it and inserting a copy, losing that edit).
 */
import * as Y from 'yjs'
import { byOrder } from './order.ts'
import { plainTextOf } from './schema.ts'

export const descriptorPrefix = 'descriptor:'
export const indicatorsPrefix = 'indicators:'
export const referencesPrefix = 'references:'

/** The model's limits (model/matrix-model.ts), which the editors and the exchange format share. */
export const descriptorLimits = { summary: 1000, indicators: 20, indicator: 500, references: 30, scheme: 100, code: 100, title: 200, uri: 2000 } as const

export const referenceRelations = ['exact', 'close', 'related'] as const
export type Relation = (typeof referenceRelations)[number]

export const descriptorKey = (competencyId: string, rank: number): string => `${competencyId}|${rank}`

/** `<competencyId>|<rank>`: the competency and the level a descriptor's names are about. */
export function parseDescriptorKey(key: string): { competencyId: string; rank: number } | undefined {
  const bar = key.lastIndexOf('|')
  const competencyId = key.slice(0, bar)
  const rank = key.slice(bar + 1)
  if (bar <= 0 || competencyId.includes('|') || !/^-?\d{1,9}$/.test(rank) || String(Number(rank)) !== rank) return undefined
  return { competencyId, rank: Number(rank) }
}

export type IndicatorMap = Y.Map<Y.Text | string>
export type ReferenceMap = Y.Map<string>

/** The level's summary for the competency. Reading it creates nothing in the document until something is written. */
export const summaryText = (doc: Y.Doc, competencyId: string, rank: number): Y.Text => doc.getText(descriptorPrefix + descriptorKey(competencyId, rank))

export const indicatorMaps = (doc: Y.Doc, competencyId: string, rank: number): Y.Map<IndicatorMap> =>
  doc.getMap<IndicatorMap>(indicatorsPrefix + descriptorKey(competencyId, rank))

export const referenceMaps = (doc: Y.Doc, competencyId: string): Y.Map<ReferenceMap> => doc.getMap<ReferenceMap>(referencesPrefix + competencyId)

export interface Indicator {
  id: string
  order: string
  text: string
}

export interface Reference {
  id: string
  order: string
  scheme: string
  code: string
  title: string
  uri: string
  relation: Relation
}

export interface LevelDescriptor {
  summary: string
  indicators: Indicator[]
}

/** A level's indicators in order; an entry that is not a map, or has no order yet (see read.ts, isPlaced), is skipped. */
export function readIndicators(doc: Y.Doc, competencyId: string, rank: number): Indicator[] {
  const indicators: Indicator[] = []
  indicatorMaps(doc, competencyId, rank).forEach((entry: unknown, id) => {
    if (!(entry instanceof Y.Map) || typeof entry.get('order') !== 'string') return
    indicators.push({ id, order: entry.get('order') as string, text: plainTextOf(entry.get('text')) })
  })
  return indicators.sort(byOrder)
}

/** The indicator's shared text, for binding to an editor. */
export function indicatorText(doc: Y.Doc, competencyId: string, rank: number, id: string): Y.Text | undefined {
  const entry: unknown = indicatorMaps(doc, competencyId, rank).get(id)
  const text: unknown = entry instanceof Y.Map ? entry.get('text') : undefined
  return text instanceof Y.Text ? text : undefined
}

export function readDescriptor(doc: Y.Doc, competencyId: string, rank: number): LevelDescriptor {
  return { summary: summaryText(doc, competencyId, rank).toString(), indicators: readIndicators(doc, competencyId, rank) }
}

export const isEmptyDescriptor = (descriptor: LevelDescriptor): boolean => descriptor.summary.length === 0 && descriptor.indicators.length === 0

export function readReferences(doc: Y.Doc, competencyId: string): Reference[] {
  const references: Reference[] = []
  referenceMaps(doc, competencyId).forEach((entry: unknown, id) => {
    if (!(entry instanceof Y.Map) || typeof entry.get('order') !== 'string') return
    const field = (name: string) => plainTextOf(entry.get(name))
    const relation = field('relation')
    references.push({
      id, order: field('order'), scheme: field('scheme'), code: field('code'), title: field('title'), uri: field('uri'),
      relation: (referenceRelations as readonly string[]).includes(relation) ? (relation as Relation) : 'related',
    })
  })
  return references.sort(byOrder)
}

/** Whether a reference's address may be shown as a link: http or https only. */
export function isWebAddress(uri: string): boolean {
  if (uri.length > descriptorLimits.uri || !URL.canParse(uri)) return false
  const { protocol } = new URL(uri)
  return protocol === 'http:' || protocol === 'https:'
}
