/**
 * The vocabulary a document model is written in. A model names the document's top-level
 * types and, for every shared type, what may be stored in it: a map lists its keys and what
 * each holds (a plain value that passes a test, or a shared type of a given kind); a plain
 * text holds characters; rich text holds the editor's nodes and marks. The update check
 * (check-update.ts) and the reader of an existing document (malformed-entries.ts) both
 * walk these shapes, so the rules are written once.
 */

/** What a test of a plain value may ask about the document beyond the value itself. */
export interface ModelScope {
  /** Whether the matrix's scale has this level, in the document or in the same update. */
  hasLevel(rank: number): boolean
  /** The scale's ranks in words ("0–5"), for a reader's report; the update check has no need of it. */
  describeScale?(): string
}

/** A plain value stored under a map's key (Yjs ContentAny). */
export interface ValueShape {
  kind: 'value'
  /** Says in a few words what the value must be, for the refusal's message. */
  describes: string
  accepts(value: unknown, scope: ModelScope): boolean
  /** A sharper complaint than "expected <describes>" about a value it does not accept, where there is one. */
  explain?(value: unknown, scope: ModelScope): string | undefined
}

/** A Y.Map: `entry(key)` is what the key may hold, or undefined for a key the model does not know. */
export interface MapShape {
  kind: 'map'
  entry(key: string): EntryShape | undefined
  /** At most this many keys once the update is applied (the update check counts; see check-limits.ts). */
  maxEntries?: number
}

/** A Y.Text holding plain characters only (no formatting, no embeds). */
export interface PlainTextShape {
  kind: 'text'
  /** At most this many characters (UTF-16 code units, as Y.Text counts them) once the update is applied. */
  maxLength?: number
}

/** A Y.XmlFragment bound to the rich-text editor: its children are the editor's nodes. */
export interface RichTextShape {
  kind: 'fragment'
}

/** A Y.XmlElement for one of the editor's nodes: attributes are the node's, children are nodes. */
export interface RichElementShape {
  kind: 'element'
  node: string
}

/** A Y.XmlText inside rich text: characters, formatted with the editor's marks. */
export interface RichInlineShape {
  kind: 'inline'
}

export type ContainerShape = MapShape | PlainTextShape | RichTextShape | RichElementShape | RichInlineShape

export type EntryShape = ContainerShape | ValueShape

/** A document kind's model: what each top-level name holds, or undefined for a name it does not know. */
export interface DocumentModel {
  kind: string
  root(name: string): ContainerShape | undefined
  /** The top-level map whose keys are the ranks of the scale that `ModelScope.hasLevel` asks about. */
  scaleRoot?: string
  /**
   * The level a top-level name is about, when it is about one (the matrix's `descriptor:<competency>|<rank>`):
   * anything written under it needs that rank in the scale, as an expectation does.
   */
  rankOf?(name: string): number | undefined
  /** How a report names a top-level name a person never sees (the terms of reference's `default`). */
  label?(name: string): string
}

export const plainText: PlainTextShape = { kind: 'text' }

/** A plain text of at most `maxLength` characters. */
export const limitedText = (maxLength: number): PlainTextShape => ({ kind: 'text', maxLength })

/** A map whose keys are fixed field names. */
export function fields(entries: Record<string, EntryShape>): MapShape {
  return { kind: 'map', entry: (key) => (Object.hasOwn(entries, key) ? entries[key] : undefined) }
}

/** A map keyed by ids (any key `accepts` allows), each holding `entry`. */
export function keyedBy(accepts: (key: string) => boolean, entry: EntryShape, maxEntries?: number): MapShape {
  const shape: MapShape = { kind: 'map', entry: (key) => (accepts(key) ? entry : undefined) }
  return maxEntries === undefined ? shape : { ...shape, maxEntries }
}

export function value(
  describes: string, accepts: (value: unknown, scope: ModelScope) => boolean, explain?: ValueShape['explain'],
): ValueShape {
  return explain ? { kind: 'value', describes, accepts, explain } : { kind: 'value', describes, accepts }
}

export const text = value('text', (v) => typeof v === 'string')
export const flag = value('true or false', (v) => typeof v === 'boolean')
export const textOrNull = value('text or nothing', (v) => v === null || typeof v === 'string')
export const wholeNumber = value('a whole number', (v) => Number.isSafeInteger(v))

/** Keys the studio makes: ids, cell keys, ranks. Any non-empty key of modest length. */
export const anyKey = (key: string) => key.length > 0 && key.length <= 512
