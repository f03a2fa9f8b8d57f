/**
 * Restoring a rich-text fragment to a version's content by the smallest change: blocks equal
 * in both are left alone (their Yjs items, and so every relative position into them, stay);
 * a block edited since is paired with its version (align.ts, as the compare pairs them) and
 * edited in place: attributes set, children restored in turn, and a run of text changed only
 * between its common start and end. Only blocks with no counterpart are deleted or copied in.
 */
import * as Y from 'yjs'
import { align, wordLikeness } from './align.ts'

type Child = Y.XmlElement | Y.XmlText

/** Makes `live`'s children equal `version`'s. Call inside a transaction of `live`'s document. */
export function restoreRichText(live: Y.XmlFragment | Y.XmlElement, version: Y.XmlFragment | Y.XmlElement): void {
  const liveChildren = children(live)
  const versionChildren = children(version)
  const steps = align(liveChildren.map(keyOf), versionChildren.map(keyOf), {
    threshold: 0.3,
    likeness: (from, to) => likeness(liveChildren[from]!, versionChildren[to]!),
  })
  let index = 0
  for (const step of steps) {
    if (step.op === 'equal') index++
    else if (step.op === 'removed') live.delete(index, 1)
    else if (step.op === 'added') live.insert(index++, [versionChildren[step.to]!.clone()])
    else {
      const target = versionChildren[step.to]!
      if (!restoreNode(liveChildren[step.from]!, target)) {
        // A safety net: should an edit in place not reproduce the version, the block is copied in whole.
        live.delete(index, 1)
        live.insert(index, [target.clone()])
      }
      index++
    }
  }
}

function children(parent: Y.XmlFragment | Y.XmlElement): Child[] {
  return parent.toArray().filter((child): child is Child => child instanceof Y.XmlElement || child instanceof Y.XmlText)
}

const keys = new WeakMap<Child, string>()

/** The node's whole content as a string: equal keys, equal nodes. */
function keyOf(node: Child): string {
  let key = keys.get(node)
  if (key !== undefined) return key
  key = node instanceof Y.XmlText
    ? `t${JSON.stringify(runsOf(node))}`
    : `e${JSON.stringify([node.nodeName, sortedAttributes(node), children(node).map(keyOf)])}`
  keys.set(node, key)
  return key
}

/**
 * The text's runs of equal formatting. Yjs's `toDelta` starts a new run at every formatting
 * item, even one that changes nothing (left behind by an unbolded word), so runs are joined.
 */
function runsOf(text: Y.XmlText): Array<[string, string]> {
  const runs: Array<[string, string]> = []
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string') continue
    const format = JSON.stringify(Object.entries(op.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
    const last = runs.at(-1)
    if (last && last[1] === format) last[0] += op.insert
    else runs.push([op.insert, format])
  }
  return runs
}

const sortedAttributes = (element: Y.XmlElement) => Object.entries(element.getAttributes()).sort(([a], [b]) => (a < b ? -1 : 1))

function plainText(node: Child): string {
  return node instanceof Y.XmlText ? node.toString() : children(node).map(plainText).join(' ')
}

function likeness(live: Child, version: Child): number {
  if (live instanceof Y.XmlText && version instanceof Y.XmlText) return wordLikeness(live.toString(), version.toString())
  if (!(live instanceof Y.XmlElement) || !(version instanceof Y.XmlElement) || live.nodeName !== version.nodeName) return -1
  const words = wordLikeness(plainText(live), plainText(version))
  // A container (list, table, row) is one thing edited; a textblock only when its words are alike.
  return children(version).some((child) => child instanceof Y.XmlText) ? words : 0.5 + words / 2
}

/** Edits `live` in place into `version`; false when the result still differs. */
function restoreNode(live: Child, version: Child): boolean {
  if (live instanceof Y.XmlText && version instanceof Y.XmlText) restoreInline(live, version)
  else if (live instanceof Y.XmlElement && version instanceof Y.XmlElement) {
    const wanted = version.getAttributes()
    for (const name of Object.keys(live.getAttributes())) if (!Object.hasOwn(wanted, name)) live.removeAttribute(name)
    for (const [name, value] of Object.entries(wanted)) {
      if (JSON.stringify(live.getAttribute(name)) !== JSON.stringify(value)) live.setAttribute(name, value as string)
    }
    restoreRichText(live, version)
  } else return false
  keys.delete(live)
  return keyOf(live) === keyOf(version)
}

interface FlatText {
  text: string
  /** The formatting of each UTF-16 unit, as a key. */
  formats: string[]
  chunks: Array<{ start: number; text: string; attributes: Record<string, unknown> }>
}

function flatten(text: Y.XmlText): FlatText {
  const flat: FlatText = { text: '', formats: [], chunks: [] }
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string') continue
    const attributes = op.attributes ?? {}
    const format = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)))
    flat.chunks.push({ start: flat.text.length, text: op.insert, attributes })
    flat.text += op.insert
    for (let unit = 0; unit < op.insert.length; unit++) flat.formats.push(format)
  }
  return flat
}

/** Keeps the common start and end (characters and formatting alike), replaces the middle. */
function restoreInline(live: Y.XmlText, version: Y.XmlText): void {
  const current = flatten(live)
  const wanted = flatten(version)
  const same = (a: number, b: number) => current.text[a] === wanted.text[b] && current.formats[a] === wanted.formats[b]
  const shorter = Math.min(current.text.length, wanted.text.length)
  let start = 0
  while (start < shorter && same(start, start)) start++
  if (start > 0 && isHighSurrogate(current.text.charCodeAt(start - 1))) start--
  let end = 0
  while (end < shorter - start && same(current.text.length - 1 - end, wanted.text.length - 1 - end)) end++
  if (end > 0 && isLowSurrogate(current.text.charCodeAt(current.text.length - end))) end--
  const deleted = current.text.length - start - end
  if (deleted > 0) live.delete(start, deleted)
  const until = wanted.text.length - end
  let at = start
  for (const chunk of wanted.chunks) {
    const from = Math.max(chunk.start, start)
    const to = Math.min(chunk.start + chunk.text.length, until)
    if (from >= to) continue
    // Formatting given in full (an empty object included), so the text never takes its neighbour's marks.
    live.insert(at, chunk.text.slice(from - chunk.start, to - chunk.start), { ...chunk.attributes })
    at += to - from
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff
