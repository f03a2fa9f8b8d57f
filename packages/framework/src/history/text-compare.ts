/**
 * The compare of two rich texts, ProseMirror-aware: the documents are compared block by
 * block (align.ts matches equal blocks, then pairs edited ones of the same type), containers
 * (lists, list items, tables, rows, cells, quotes) recursively, and inside a pair of
 * textblocks (paragraph, heading) word by word with jsdiff. The result is one document
 * holding both sides in place: inserted text marked `insertion`, deleted text `deletion`, and
 * every block inserted, deleted or changed listed by its path, so tables, lists and headings
 * keep their structure. A node that takes no marks (a code block) is shown whole: the old
 * block deleted, the new one inserted.
 */
import type { ProseMirrorJSON, TextBlockChange } from '@studio/contract'
import { getSchema } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { diffArrays } from 'diff'
import * as Y from 'yjs'
import { richTextExtensions } from '../text/rich-text-extensions.ts'
import { align, wordLikeness } from './align.ts'
import { sortedAuthors, type ChangeAuthors } from './attribution.ts'
import { isText, textOf, toProseMirrorJSON, type RichElementNode, type RichNode, type RichTextNode } from './rich-text-tree.ts'

export interface RichTextComparison {
  document: ProseMirrorJSON
  blocks: TextBlockChange[]
  wordsAdded: number
  wordsRemoved: number
  authors: string[]
}

type Side = 'insertion' | 'deletion'

let schema: Schema | undefined
const richTextSchema = (): Schema => (schema ??= getSchema(richTextExtensions()))

const isTextblock = (type: string): boolean => richTextSchema().nodes[type]?.isTextblock === true
const takesMarks = (type: string): boolean => richTextSchema().nodes[type]?.spec.marks !== ''

/** How alike two edited blocks must be to be shown as one block changed rather than one deleted and one inserted. */
const pairThreshold = 0.3

const keys = new WeakMap<RichNode, string>()
function keyOf(node: RichNode): string {
  let key = keys.get(node)
  if (key === undefined) keys.set(node, (key = JSON.stringify(toProseMirrorJSON(node))))
  return key
}

/** Compares two fragments read by readRichTextTree; null when they show the same. */
export function compareRichText(older: RichElementNode, newer: RichElementNode, authors: ChangeAuthors): RichTextComparison | null {
  const comparison = new Comparison(authors)
  const content = comparison.mergeChildren(older.content, newer.content, [])
  if (comparison.blocks.length === 0 && comparison.wordsAdded === 0 && comparison.wordsRemoved === 0) return null
  return {
    document: { type: 'doc', content },
    blocks: comparison.blocks,
    wordsAdded: comparison.wordsAdded,
    wordsRemoved: comparison.wordsRemoved,
    authors: sortedAuthors(comparison.allAuthors),
  }
}

/** Words in a whole rich text, for a summary against nothing. */
export const wordPattern = /[\p{L}\p{N}]/u

class Comparison {
  readonly blocks: TextBlockChange[] = []
  wordsAdded = 0
  wordsRemoved = 0
  readonly allAuthors = new Set<string>()
  private readonly authors: ChangeAuthors

  constructor(authors: ChangeAuthors) {
    this.authors = authors
  }

  mergeChildren(older: RichNode[], newer: RichNode[], path: number[]): ProseMirrorJSON[] {
    const merged: ProseMirrorJSON[] = []
    const steps = align(older.map(keyOf), newer.map(keyOf), {
      threshold: pairThreshold,
      likeness: (from, to) => {
        const a = older[from]!
        const b = newer[to]!
        if (isText(a) || isText(b) || a.type !== b.type || (!takesMarks(a.type) && isTextblock(a.type))) return -1
        const words = wordLikeness(textOf(a), textOf(b))
        // Containers of one type are one thing edited (their children are compared in turn).
        return isTextblock(a.type) ? words : 0.5 + words / 2
      },
    })
    for (const step of steps) {
      const at = [...path, merged.length]
      if (step.op === 'equal') merged.push(toProseMirrorJSON(newer[step.to]!))
      else if (step.op === 'removed') merged.push(this.whole(older[step.from]!, 'deletion', at))
      else if (step.op === 'added') merged.push(this.whole(newer[step.to]!, 'insertion', at))
      else merged.push(this.pair(older[step.from]! as RichElementNode, newer[step.to]! as RichElementNode, at))
    }
    return merged
  }

  /** A block that is only on one side: all its text marked, the block listed. */
  private whole(node: RichNode, side: Side, path: number[]): ProseMirrorJSON {
    const authors = new Set<string>()
    const words = this.collect(node, side, authors)
    if (side === 'insertion') this.wordsAdded += words
    else this.wordsRemoved += words
    const list = sortedAuthors(authors)
    for (const author of list) this.allAuthors.add(author)
    if (!isText(node)) this.blocks.push({ path, change: side === 'insertion' ? 'inserted' : 'deleted', node: node.type, authors: list })
    return withMark(node, side, list, isText(node) || takesMarks(node.type))
  }

  /** Counts the words under a node and adds who created (or deleted) its items. */
  private collect(node: RichNode, side: Side, authors: Set<string>): number {
    if (isText(node)) {
      for (const run of node.runs) this.attribute(authors, side, run.id, run.length)
      return countWords(node.text)
    }
    this.attribute(authors, side, node.id, 1)
    return node.content.reduce((words, child) => words + this.collect(child, side, authors), 0)
  }

  private attribute(authors: Set<string>, side: Side, id: Y.ID | null, length: number): void {
    if (side === 'insertion') this.authors.addCreator(authors, id, length)
    else this.authors.addDeleter(authors, id, length)
  }

  /** Two blocks of one type, one the edit of the other. */
  private pair(older: RichElementNode, newer: RichElementNode, path: number[]): ProseMirrorJSON {
    const authors = new Set<string>()
    const attrs = this.attrChanges(older, newer, authors)
    let content: ProseMirrorJSON[]
    let changed = attrs !== undefined
    if (isTextblock(newer.type)) {
      const inline = this.mergeInline(older.content, newer.content, authors)
      content = inline.content
      changed ||= inline.changed
    } else {
      content = this.mergeChildren(older.content, newer.content, path)
    }
    if (changed) {
      const list = sortedAuthors(authors)
      for (const author of list) this.allAuthors.add(author)
      this.blocks.push({ path, change: 'changed', node: newer.type, ...(attrs ? { attrs } : {}), authors: list })
    }
    return { type: newer.type, attrs: { ...newer.attrs }, content }
  }

  private attrChanges(older: RichElementNode, newer: RichElementNode, authors: Set<string>): TextBlockChange['attrs'] {
    const names = new Set([...Object.keys(older.attrs), ...Object.keys(newer.attrs)])
    let differs = false
    for (const name of names) {
      if (JSON.stringify(older.attrs[name]) === JSON.stringify(newer.attrs[name])) continue
      differs = true
      this.authors.addCreator(authors, newer.attrIds[name])
      this.authors.addDeleter(authors, older.attrIds[name])
    }
    return differs ? { from: { ...older.attrs }, to: { ...newer.attrs } } : undefined
  }

  /** Word by word: jsdiff over the two blocks' tokens (a word, a run of spaces, a sign, an inline node), formatting included. */
  private mergeInline(older: RichNode[], newer: RichNode[], blockAuthors: Set<string>): { content: ProseMirrorJSON[]; changed: boolean } {
    const before = tokensOf(older)
    const after = tokensOf(newer)
    const content: ProseMirrorJSON[] = []
    let changed = false
    let from = 0
    let to = 0
    for (const part of diffArrays(before.map((token) => token.key), after.map((token) => token.key))) {
      if (!part.added && !part.removed) {
        for (const token of after.slice(to, to + part.count)) append(content, token.json)
        from += part.count
        to += part.count
        continue
      }
      changed = true
      const side: Side = part.added ? 'insertion' : 'deletion'
      const tokens = part.added ? after.slice(to, (to += part.count)) : before.slice(from, (from += part.count))
      const authors = new Set<string>()
      let words = 0
      for (const token of tokens) {
        if (token.run) this.attributeRange(authors, side, token.run.node, token.run.offset, token.run.length)
        else if (token.element) this.attribute(authors, side, token.element.id, 1)
        if (token.word) words++
      }
      if (side === 'insertion') this.wordsAdded += words
      else this.wordsRemoved += words
      const list = sortedAuthors(authors)
      for (const author of list) blockAuthors.add(author)
      for (const token of tokens) append(content, addMark(token.json, side, list))
    }
    return { content, changed }
  }

  /** The items behind characters offset..offset+length of a text node. */
  private attributeRange(authors: Set<string>, side: Side, node: RichTextNode, offset: number, length: number): void {
    for (const run of node.runs) {
      const start = Math.max(run.offset, offset)
      const end = Math.min(run.offset + run.length, offset + length)
      if (start >= end) continue
      this.attribute(authors, side, Y.createID(run.id.client, run.id.clock + (start - run.offset)), end - start)
    }
  }
}

interface Token {
  key: string
  json: ProseMirrorJSON
  word: boolean
  run?: { node: RichTextNode; offset: number; length: number }
  element?: RichElementNode
}

const tokenPattern = /[\p{L}\p{N}_'’]+|\s+|[^\p{L}\p{N}_'’\s]/gu

function tokensOf(nodes: RichNode[]): Token[] {
  const tokens: Token[] = []
  for (const node of nodes) {
    if (!isText(node)) {
      tokens.push({ key: `node:${keyOf(node)}`, json: toProseMirrorJSON(node), word: false, element: node })
      continue
    }
    const marks = node.marks.map((mark) => ({ type: mark.type, attrs: mark.attrs }))
    const markKey = JSON.stringify(marks)
    for (const match of node.text.matchAll(tokenPattern)) {
      const text = match[0]
      tokens.push({
        key: `${markKey}\u0000${text}`,
        json: marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text },
        word: wordPattern.test(text),
        run: { node, offset: match.index, length: text.length },
      })
    }
  }
  return tokens
}

const countWords = (text: string): number => (text.match(/[\p{L}\p{N}_'’]+/gu) ?? []).filter((word) => wordPattern.test(word)).length

/** Appends inline content, joining text to the text before it when their marks are the same. */
function append(content: ProseMirrorJSON[], json: ProseMirrorJSON): void {
  const last = content.at(-1)
  if (last?.type === 'text' && json.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(json.marks ?? [])) {
    content[content.length - 1] = { ...last, text: (last.text ?? '') + (json.text ?? '') }
    return
  }
  content.push(json)
}

function addMark(json: ProseMirrorJSON, side: Side, authors: string[]): ProseMirrorJSON {
  return { ...json, marks: [...(json.marks ?? []), { type: side, attrs: { authors } }] }
}

/** A whole node's JSON with every text in it (where marks are allowed) marked as one side. */
function withMark(node: RichNode, side: Side, authors: string[], marksAllowed: boolean): ProseMirrorJSON {
  if (isText(node)) return marksAllowed ? addMark(toProseMirrorJSON(node), side, authors) : toProseMirrorJSON(node)
  const allowed = marksAllowed && takesMarks(node.type)
  const content: ProseMirrorJSON[] = []
  for (const child of node.content) append(content, withMark(child, side, authors, allowed))
  return { type: node.type, attrs: { ...node.attrs }, content }
}
