/**
 * Lists what in a live document breaks its model, each entry with a path a person can act
 * on: `competencies.c-123: expected a map, found the text "broken"`, `expectations.c1|r1:
 * level 9 is outside the scale 0–5`, `terms-of-reference › block 4: unknown node "script"`.
 * The server refuses such entries (check-update.ts), but a log may hold some from before;
 * the readers skip them, and this list is how the skipping is reported (exports, the import
 * report, the web app's notice). It walks the document once along the model's shapes, the
 * same rules the update check applies, so it costs about what one export's read costs.
 *
 * `removeMalformedEntries` deletes what the list names, which an organiser's replace import
 * does after writing the file: deletions always fit the model, and readers treat a missing
 * field as empty.
 */
import * as Y from 'yjs'
import { describeShape, isTypeOf } from './check-update.ts'
import { acceptsNodeAttribute, isMarkValue, isRichTextMark, isRichTextNode, markNameOf } from './rich-text-model.ts'
import type { ContainerShape, DocumentModel, EntryShape, ModelScope } from './shape.ts'

export interface MalformedEntry {
  /** Where: top-level name, then map keys joined by dots; rich text by block position, `notes › block 2 › block 1`. */
  path: string
  /** What is wrong, in words. */
  problem: string
}

export interface MalformedEntryOptions {
  /** Only these top-level names (a reader that looks at part of a document reports only that part). */
  roots?: readonly string[]
}

/** One line per entry, as logs, reports and the web app show it. */
export const describeMalformedEntry = (entry: MalformedEntry): string => `${entry.path}: ${entry.problem}`

export function listMalformedEntries(doc: Y.Doc, model: DocumentModel, options: MalformedEntryOptions = {}): MalformedEntry[] {
  return walk(doc, model, options).map(({ path, problem }) => ({ path, problem }))
}

/** Deletes every malformed entry in one transaction; returns what it deleted. */
export function removeMalformedEntries(doc: Y.Doc, model: DocumentModel, origin?: unknown): MalformedEntry[] {
  const found = walk(doc, model, {})
  if (found.length === 0) return []
  doc.transact((transaction) => {
    for (const { items } of found) {
      for (const item of items) {
        item.delete(transaction)
        // A local deletion that bypasses the type's own delete leaves its cached positions stale.
        const markers = (item.parent as Y.AbstractType<unknown>)._searchMarker
        if (item.countable && markers) markers.length = 0
      }
    }
  }, origin)
  return found.map(({ path, problem }) => ({ path, problem }))
}

interface Found extends MalformedEntry {
  /** The items that make up the entry, for removal. */
  items: Y.Item[]
}

const byPath = new Intl.Collator('en', { numeric: true })

function walk(doc: Y.Doc, model: DocumentModel, options: MalformedEntryOptions): Found[] {
  const found = new Map<string, Found>()
  const report = (path: string, problem: string, items: Y.Item[]) => {
    const key = `${path}\u0000${problem}`
    const known = found.get(key)
    if (known) known.items.push(...items)
    else found.set(key, { path, problem, items: [...items] })
  }
  const scope = scopeOf(doc, model)
  for (const [name, type] of doc.share) {
    if (options.roots && !options.roots.includes(name)) continue
    const shape = model.root(name)
    const path = model.label?.(name) ?? name
    if (!shape) {
      const items = liveItemsOf(type)
      if (items.length > 0) report(path, `not part of a ${model.kind} document`, items)
      continue
    }
    walkContainer(type, shape, path, scope, report)
  }
  return [...found.values()].sort((a, b) => byPath.compare(a.path, b.path) || byPath.compare(a.problem, b.problem))
}

type Report = (path: string, problem: string, items: Y.Item[]) => void

/** What the walk reads of a shared type, whatever its class: its keyed entries and its sequence. */
type Shared = Pick<Y.AbstractType<unknown>, '_map' | '_start'>
type Content = Y.Item['content']

function walkContainer(type: Shared, shape: ContainerShape, path: string, scope: ModelScope, report: Report): void {
  for (const [key, item] of type._map) {
    if (!item.deleted) walkKeyed(item, key, shape, path, scope, report)
  }
  let position = 0
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue
    if (item.countable) position += 1
    walkListed(item, shape, path, position, scope, report)
  }
}

/** An entry under a key: a map's field or entry, or an attribute of a rich-text node. */
function walkKeyed(item: Y.Item, key: string, shape: ContainerShape, path: string, scope: ModelScope, report: Report): void {
  const content = item.content
  if (shape.kind === 'element') {
    const values = content instanceof Y.ContentAny ? content.arr : undefined
    if (values?.length !== 1 || !acceptsNodeAttribute(shape.node, key, values[0])) {
      report(path, `a ${shape.node} has no attribute "${key}" holding ${describeContent(content)}`, [item])
    }
    return
  }
  const here = `${path}.${key}`
  if (shape.kind !== 'map') return report(path, `${describeShape(shape)} holds no keyed entries, found "${key}"`, [item])
  const entry: EntryShape | undefined = shape.entry(key)
  if (!entry) return report(here, `unknown key, holding ${describeContent(content)}`, [item])
  if (entry.kind === 'value') {
    const values = content instanceof Y.ContentAny ? content.arr : undefined
    if (values?.length === 1 && entry.accepts(values[0], scope)) return
    const explained = values?.length === 1 ? entry.explain?.(values[0], scope) : undefined
    return report(here, explained ?? `expected ${entry.describes}, found ${describeContent(content)}`, [item])
  }
  if (!(content instanceof Y.ContentType) || !isTypeOf(entry, content.type)) {
    return report(here, `expected ${describeShape(entry)}, found ${describeContent(content)}`, [item])
  }
  walkContainer(content.type, entry, here, scope, report)
}

/** An item in a type's sequence: a character run, a format, a node. */
function walkListed(item: Y.Item, shape: ContainerShape, path: string, position: number, scope: ModelScope, report: Report): void {
  const content = item.content
  switch (shape.kind) {
    case 'map':
      return report(path, `a map holds keyed entries only, found ${describeContent(content)}`, [item])
    case 'text':
      if (!(content instanceof Y.ContentString)) report(path, `a plain text holds characters only, found ${describeContent(content)}`, [item])
      return
    case 'inline':
      if (content instanceof Y.ContentString) return
      if (content instanceof Y.ContentFormat) {
        if (!isRichTextMark(content.key)) report(path, `unknown mark "${markNameOf(content.key)}" (left out)`, [item])
        else if (!isMarkValue(content.value)) report(path, `the mark "${markNameOf(content.key)}" holds ${describeValue(content.value)} (left out)`, [item])
        return
      }
      return report(path, `rich text holds nodes and text only, found ${describeContent(content)}`, [item])
    case 'fragment':
    case 'element': {
      const here = `${path} › block ${position}`
      // A run of text inside a node belongs to that node: a person finds it by that block.
      if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
        return walkContainer(content.type, { kind: 'inline' }, shape.kind === 'element' ? path : here, scope, report)
      }
      if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
        const node = content.type.nodeName
        if (!isRichTextNode(node)) return report(here, `unknown node "${node}" (left out)`, [item])
        return walkContainer(content.type, { kind: 'element', node }, here, scope, report)
      }
      return report(here, `rich text holds nodes and text only, found ${describeContent(content)}`, [item])
    }
  }
}

/** Levels as readers see them: a rank counts only when its entry is a map. */
function scopeOf(doc: Y.Doc, model: DocumentModel): ModelScope {
  const scale = model.scaleRoot === undefined ? undefined : doc.share.get(model.scaleRoot)
  const ranks = new Set<number>()
  for (const [key, item] of scale?._map ?? []) {
    if (!item.deleted && item.content instanceof Y.ContentType && item.content.type instanceof Y.Map && /^-?\d{1,9}$/.test(key)) ranks.add(Number(key))
  }
  return {
    hasLevel: (rank) => ranks.has(rank),
    describeScale: () => describeRanks([...ranks].sort((a, b) => a - b)),
  }
}

/** "0–5", or "1, 2, 4" when the ranks have gaps, or "(no levels)". */
function describeRanks(ranks: number[]): string {
  if (ranks.length === 0) return '(no levels)'
  const first = ranks[0]!
  const last = ranks.at(-1)!
  return last - first === ranks.length - 1 && ranks.length > 2 ? `${first}–${last}` : ranks.join(', ')
}

function liveItemsOf(type: Shared): Y.Item[] {
  const items: Y.Item[] = []
  for (const item of type._map.values()) if (!item.deleted) items.push(item)
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) items.push(item)
  return items
}

function describeContent(content: Content): string {
  if (content instanceof Y.ContentAny) return content.arr.length === 1 ? describeValue(content.arr[0]) : 'several values'
  if (content instanceof Y.ContentType) {
    const type = content.type
    if (type instanceof Y.XmlElement) return `a "${type.nodeName}" node`
    if (type instanceof Y.XmlText || type instanceof Y.XmlFragment) return 'rich text'
    if (type instanceof Y.Text) return 'a text'
    if (type instanceof Y.Map) return 'a map'
    if (type instanceof Y.Array) return 'a list'
    return 'a shared type'
  }
  if (content instanceof Y.ContentString) return 'characters'
  if (content instanceof Y.ContentFormat) return `formatting ("${content.key}")`
  if (content instanceof Y.ContentEmbed) return 'an embed'
  if (content instanceof Y.ContentBinary) return 'binary data'
  if (content instanceof Y.ContentDoc) return 'a sub-document'
  if (content instanceof Y.ContentJSON) return describeValue(content.arr[0])
  return 'a value it cannot read'
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (typeof value === 'string') return value.length > 30 ? `the text "${value.slice(0, 30)}…"` : `the text "${value}"`
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim()
  if (Array.isArray(value)) return 'a list'
  return 'an object'
}
