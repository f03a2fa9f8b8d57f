/**
 * The compare of rich text: word-level changes in place inside the blocks that changed,
 * headings, lists and tables kept whole, who made each change named from the log, and
 * (property) the merged document read without its deletions is the newer text, without its
 * insertions the older.
 */
import type { ProseMirrorJSON, TextChange } from '@studio/contract'
import { Mark, getSchema, type JSONContent } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { markdownToJSON } from '../text/markdown.ts'
import { readRichTextJSON } from '../text/rich-text-json.ts'
import { richTextExtensions } from '../text/rich-text-extensions.ts'
import { attributionFromLog } from './attribution.ts'
import { compareStates, summarizeStates } from './compare.ts'

const changeMarks = [Mark.create({ name: 'insertion', addAttributes: () => ({ authors: { default: [] } }) }), Mark.create({ name: 'deletion', addAttributes: () => ({ authors: { default: [] } }) })]
const schema: Schema = getSchema([...richTextExtensions(), ...changeMarks])
const plainSchema: Schema = getSchema(richTextExtensions())

const stateOf = (json: JSONContent): Uint8Array => Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(plainSchema, json, 'default'))
const markdownState = (markdown: string) => stateOf(markdownToJSON(markdown))

function textChange(older: Uint8Array, newer: Uint8Array, options = {}): TextChange {
  const changes = compareStates('terms-of-reference', older, newer, options)
  expect(changes).toHaveLength(1)
  return changes[0] as TextChange
}

/** The merged document's text, with insertions as [+...] and deletions as [-...], blocks on lines. */
function readable(json: ProseMirrorJSON): string {
  if (json.type === 'text') {
    const mark = json.marks?.find((m) => m.type === 'insertion' || m.type === 'deletion')
    return mark ? `[${mark.type === 'insertion' ? '+' : '-'}${json.text}]` : json.text ?? ''
  }
  const inner = (json.content ?? []).map(readable)
  return ['paragraph', 'heading'].includes(json.type) ? `${inner.join('')}\n` : inner.join('')
}

/** One side of a merged document: the other side's text and whole blocks taken out, the change marks removed. */
function side(change: TextChange, keep: 'older' | 'newer'): ProseMirrorJSON {
  const dropMark = keep === 'newer' ? 'deletion' : 'insertion'
  const dropBlock = keep === 'newer' ? 'deleted' : 'inserted'
  const dropped = new Set(change.blocks.filter((block) => block.change === dropBlock).map((block) => block.path.join('.')))
  const olderAttrs = new Map(change.blocks.filter((block) => block.attrs).map((block) => [block.path.join('.'), block.attrs!.from]))
  const walk = (node: ProseMirrorJSON, path: number[]): ProseMirrorJSON | null => {
    if (path.length > 0 && dropped.has(path.join('.'))) return null
    if (keep === 'older' && olderAttrs.has(path.join('.'))) node = { ...node, attrs: olderAttrs.get(path.join('.')) }
    if (node.type === 'text') {
      if (node.marks?.some((mark) => mark.type === dropMark)) return null
      const marks = node.marks?.filter((mark) => mark.type !== 'insertion' && mark.type !== 'deletion') ?? []
      return marks.length > 0 ? { ...node, marks } : { type: 'text', text: node.text! }
    }
    const content = (node.content ?? []).map((child, index) => walk(child, [...path, index])).filter((child): child is ProseMirrorJSON => child !== null)
    return { ...node, content }
  }
  return normal(walk(change.document, [])!)
}

const normal = (json: ProseMirrorJSON | JSONContent) => schema.nodeFromJSON(json).toJSON() as ProseMirrorJSON

describe('comparing two rich texts', () => {
  it('finds nothing between two equal texts', () => {
    const state = markdownState('# Purpose\n\nWe write a framework.')
    expect(compareStates('terms-of-reference', state, markdownState('# Purpose\n\nWe write a framework.'))).toEqual([])
    expect(summarizeStates('terms-of-reference', state, state)).toEqual({ kind: 'text', wordsAdded: 0, wordsRemoved: 0 })
  })

  it('shows inserted and deleted words in place inside the paragraph that changed, and leaves the others alone', () => {
    const change = textChange(
      markdownState('# Purpose\n\nThe group writes a framework for offices.\n\nIt meets monthly.'),
      markdownState('# Purpose\n\nThe working group writes a framework for PMOs.\n\nIt meets monthly.'),
    )
    expect(readable(change.document)).toBe('Purpose\nThe [+working ]group writes a framework for [-offices][+PMOs].\nIt meets monthly.\n')
    expect(change.blocks).toEqual([{ path: [1], change: 'changed', node: 'paragraph', authors: [] }])
    expect([change.wordsAdded, change.wordsRemoved]).toEqual([2, 1])
    expect(schema.nodeFromJSON(change.document).check()).toBeUndefined()
  })

  it('keeps headings, lists and tables whole: a heading level, a list item and a table cell and row', () => {
    const change = textChange(
      markdownState('# Scope\n\n- first point\n- second point\n\n| Role | Level |\n| --- | --- |\n| Analyst | 2 |\n'),
      markdownState('## Scope\n\n- first point\n- second point, amended\n- third point\n\n| Role | Level |\n| --- | --- |\n| Analyst | 3 |\n| Manager | 4 |\n'),
    )
    expect(change.blocks.map(({ path, change: kind, node }) => `${path.join('.')} ${kind} ${node}`)).toEqual([
      '0 changed heading',
      '1.1.0 changed paragraph',
      '1.2 inserted listItem',
      '2.1.1.0 changed paragraph',
      '2.2 inserted tableRow',
    ])
    expect(change.blocks[0]!.attrs).toEqual({ from: { level: 1 }, to: { level: 2 } })
    const table = change.document.content![2]!
    expect(table.content!.map((row) => row.content!.map((cell) => readable(cell).trim()))).toEqual([['Role', 'Level'], ['Analyst', '[-2][+3]'], ['[+Manager]', '[+4]']])
    expect(schema.nodeFromJSON(change.document).check()).toBeUndefined()
  })

  it('shows a paragraph rewritten beyond recognition as one deleted and one inserted, and a code block whole', () => {
    const change = textChange(markdownState('Alpha beta gamma.\n\n```ts\nconst a = 1\n```'), markdownState('Something else entirely.\n\n```ts\nconst a = 2\n```'))
    expect(change.blocks.map((block) => `${block.path.join('.')} ${block.change} ${block.node}`)).toEqual(['0 deleted paragraph', '1 deleted codeBlock', '2 inserted paragraph', '3 inserted codeBlock'])
    for (const code of [1, 3]) expect(change.document.content![code]!.content![0]!.marks).toBeUndefined()
  })

  it('names who inserted and who deleted, from the log', () => {
    const olga = new Y.Doc()
    olga.clientID = 101
    Y.applyUpdate(olga, markdownState('The group writes a framework.'))
    const base = Y.encodeStateAsUpdate(olga)
    const sam = new Y.Doc()
    sam.clientID = 202
    Y.applyUpdate(sam, base)
    const log = [{ update: base, authorId: 'seed' }]
    const edit = (doc: Y.Doc, author: string, change: (text: Y.XmlText) => void) => {
      const before = Y.encodeStateVector(doc)
      change((doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText)
      const update = Y.encodeStateAsUpdate(doc, before)
      log.push({ update, authorId: author })
      for (const other of [olga, sam]) if (other !== doc) Y.applyUpdate(other, update)
    }
    edit(olga, 'olga', (text) => text.insert(4, 'working '))
    edit(sam, 'sam', (text) => text.delete(text.toString().indexOf(' framework'), ' framework'.length))
    const change = textChange(base, Y.encodeStateAsUpdate(olga), { attribution: attributionFromLog(log) })
    const marked = change.document.content![0]!.content!.filter((node) => node.marks)
    expect(marked.map((node) => [node.text, node.marks![0]!.type, node.marks![0]!.attrs])).toEqual([
      ['working ', 'insertion', { authors: ['olga'] }],
      [' framework', 'deletion', { authors: ['sam'] }],
    ])
    expect(change.authors).toEqual(['olga', 'sam'])
    expect(change.blocks[0]!.authors).toEqual(['olga', 'sam'])
  })
})

describe('the merged document (property)', () => {
  const words = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'PMO', 'role', 'level', '3', 'the', 'and')
  const inline = fc.array(fc.tuple(words, fc.constantFrom<string[]>([], ['bold'], ['italic'], ['bold', 'italic'])), { minLength: 1, maxLength: 8 }).map((runs) =>
    runs.map(([text, marks], index) => ({ type: 'text', text: index === 0 ? text : ` ${text}`, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) })),
  )
  const paragraph = inline.map((content) => ({ type: 'paragraph', content }))
  const block: fc.Arbitrary<JSONContent> = fc.oneof(
    paragraph,
    fc.tuple(fc.integer({ min: 1, max: 3 }), inline).map(([level, content]) => ({ type: 'heading', attrs: { level }, content })),
    fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => ({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [item] })) })),
    fc.array(fc.array(paragraph, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((rows) => ({
      type: 'table',
      content: rows.map((cells) => ({ type: 'tableRow', content: cells.map((cell) => ({ type: 'tableCell', content: [cell] })) })),
    })),
  )
  const documentOf = (blocks: JSONContent[]) => ({ type: 'doc', content: blocks.length ? blocks : [{ type: 'paragraph' }] })
  // The newer text: some blocks of the older one kept, some replaced, some new ones between.
  const pair = fc.array(block, { minLength: 1, maxLength: 6 }).chain((older) =>
    fc.tuple(fc.constant(older), fc.array(fc.oneof(fc.nat({ max: older.length - 1 }).map((index) => older[index]!), block), { maxLength: 7 })),
  )

  it('reads as the newer text without its deletions, and the older without its insertions, and fits the schema', () => {
    fc.assert(
      fc.property(pair, ([olderBlocks, newerBlocks]) => {
        const older = stateOf(documentOf(olderBlocks))
        const newer = stateOf(documentOf(newerBlocks))
        const changes = compareStates('terms-of-reference', older, newer) as TextChange[]
        const read = (state: Uint8Array) => {
          const doc = new Y.Doc()
          Y.applyUpdate(doc, state)
          return readRichTextJSON(doc, 'default')
        }
        if (changes.length === 0) {
          expect(normal(read(older))).toEqual(normal(read(newer)))
          return
        }
        const [change] = changes
        expect(schema.nodeFromJSON(change!.document).check()).toBeUndefined()
        expect(side(change!, 'newer'), JSON.stringify(change)).toEqual(normal(read(newer)))
        expect(side(change!, 'older'), JSON.stringify(change)).toEqual(normal(read(older)))
      }),
      { numRuns: 150 },
    )
  })
})
