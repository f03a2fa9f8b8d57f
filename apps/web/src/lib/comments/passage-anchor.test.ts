/**
 * A passage anchor follows concurrent edits: two real Y.Docs edit the same text and exchange
 * their updates, and the anchor made on one still names the same words on both. Each side
 * reads its ProseMirror document and mapping the way the editor's binding does (y-tiptap).
 */
import { parseAnchor } from '@studio/contract'
import { richTextExtensions, richTextField } from '@studio/framework'
import { getSchema } from '@tiptap/core'
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { passageFromSelection, placePassage, type PassageBinding } from './passage-anchor.ts'

const schema = getSchema(richTextExtensions())

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })

function seededPair(): [Y.Doc, Y.Doc] {
  const first = new Y.Doc()
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [paragraph('Purpose of the group.'), paragraph('Members meet every month to review the framework.')] },
    first.getXmlFragment(richTextField),
  )
  const second = new Y.Doc()
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first))
  return [first, second]
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, fromA)
  Y.applyUpdate(a, fromB)
}

/** The binding's view of a document now: its ProseMirror document and mapping, rebuilt from Yjs. */
function view(doc: Y.Doc, field = richTextField) {
  const type = doc.getXmlFragment(field)
  const { doc: node, mapping } = initProseMirrorDoc(type, schema)
  const binding: PassageBinding = { doc, type, mapping: mapping as PassageBinding['mapping'] }
  return { node, binding }
}

function select(doc: Y.Doc, words: string) {
  const { node, binding } = view(doc)
  let from = -1
  node.descendants((child, position) => {
    const at = child.isText ? child.text!.indexOf(words) : -1
    if (from < 0 && at >= 0) from = position + at
    return from < 0
  })
  expect(from, `"${words}" is in the document`).toBeGreaterThanOrEqual(0)
  return passageFromSelection(binding, node, from, from + words.length, 500)!
}

function passageText(doc: Y.Doc, anchor: string, field = richTextField): string | { kind: string } {
  const { node, binding } = view(doc, field)
  const place = placePassage(binding, anchor)!
  return place.kind === 'shown' ? node.textBetween(place.from, place.to, ' ') : { kind: place.kind }
}

/** The paragraph (Y.XmlText inside the second Y.XmlElement) holding the passage. */
const secondParagraph = (doc: Y.Doc) => (doc.getXmlFragment(richTextField).get(1) as Y.XmlElement).get(0) as Y.XmlText

describe('passage anchors', () => {
  it('names the selected words by two short relative positions and quotes them', () => {
    const [doc] = seededPair()
    const passage = select(doc, 'meet every month')
    expect(passage.quote).toBe('meet every month')
    expect(parseAnchor(passage.anchor)?.kind).toBe('passage')
    expect(passage.anchor.length).toBeLessThan(60)
    expect(passageText(doc, passage.anchor)).toBe('meet every month')
  })

  it('keeps the same words while another copy inserts before the passage, at its edges and inside it', () => {
    const [here, there] = seededPair()
    const { anchor } = select(here, 'meet every month')
    const passageParagraph = secondParagraph(there)
    // Concurrently: there, a new first paragraph and words before the passage and right at both of its edges;
    // here, a word inside the passage.
    there.getXmlFragment(richTextField).insert(0, [new Y.XmlElement('paragraph')])
    ;(there.getXmlFragment(richTextField).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('A new opening paragraph.')])
    passageParagraph.insert(0, 'All ')
    passageParagraph.insert('All Members '.length, 'shall ')
    passageParagraph.insert('All Members shall meet every month'.length, ' or so')
    secondParagraph(here).insert('Members meet every'.length, ' calendar')
    exchange(here, there)
    for (const copy of [here, there]) {
      expect(passageText(copy, anchor)).toBe('meet every calendar month')
      expect(view(copy).node.textContent).toContain('All Members shall meet every calendar month or so to review')
    }
  })

  it('shrinks with deletions inside the passage and ignores deletions before it', () => {
    const [here, there] = seededPair()
    const { anchor } = select(here, 'meet every month')
    there.getXmlFragment(richTextField).delete(0, 1) // the first paragraph
    secondParagraph(here).delete('Members meet '.length, 'every '.length)
    secondParagraph(here).delete(0, 'Members '.length)
    exchange(here, there)
    expect(passageText(there, anchor)).toBe('meet month')
    expect(passageText(here, anchor)).toBe('meet month')
  })

  it('reports the passage deleted when all its words go, while the rest of the text stays', () => {
    const [here, there] = seededPair()
    const { anchor } = select(here, 'meet every month')
    secondParagraph(there).delete('Members '.length, 'meet every month'.length)
    exchange(here, there)
    expect(passageText(here, anchor)).toEqual({ kind: 'deleted' })
    expect(passageText(there, anchor)).toEqual({ kind: 'deleted' })
    expect(view(here).node.textContent).toContain('Members  to review')
  })

  it('reports the passage deleted when its whole paragraph goes, even after garbage collection', () => {
    const [here, there] = seededPair()
    const { anchor } = select(here, 'meet every month')
    there.getXmlFragment(richTextField).delete(1, 1)
    exchange(here, there)
    expect(passageText(here, anchor)).toEqual({ kind: 'deleted' })
    // A copy loaded later from the collected state no longer has the deleted characters at all.
    const later = new Y.Doc()
    Y.applyUpdate(later, Y.encodeStateAsUpdate(there))
    expect(passageText(later, anchor)).toEqual({ kind: 'deleted' })
  })

  it('places the passage the same on every copy after an undone deletion, the undoer\'s too', () => {
    // Undo brings the words back as new characters; only the undoer's Yjs could follow them.
    const [here, there] = seededPair()
    const { anchor } = select(here, 'meet every month')
    const undo = new Y.UndoManager(there.getXmlFragment(richTextField))
    secondParagraph(there).delete('Members '.length, 'meet every month'.length)
    undo.stopCapturing()
    undo.undo()
    exchange(here, there)
    expect(view(there).node.textContent).toContain('Members meet every month to review')
    expect(passageText(there, anchor)).toEqual(passageText(here, anchor))
    // One piece of text restored ahead of the deleted one: neither end finds it.
    expect(passageText(here, anchor)).toEqual({ kind: 'deleted' })
  })

  it('tells a passage not received yet, and one in another text of the document, from a deleted one', () => {
    const [here] = seededPair()
    const { anchor } = select(here, 'meet every month')
    const empty = new Y.Doc()
    expect(passageText(empty, anchor)).toEqual({ kind: 'pending' })
    const notes = new Y.Doc()
    Y.applyUpdate(notes, Y.encodeStateAsUpdate(here))
    notes.getXmlFragment('notes').insert(0, [new Y.XmlElement('paragraph')])
    expect(passageText(notes, anchor, 'notes')).toEqual({ kind: 'elsewhere' })
  })

  it('finds a passage at the very start of the text', () => {
    const [here, there] = seededPair()
    const { anchor } = select(here, 'Purpose of')
    ;((there.getXmlFragment(richTextField).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'The ')
    exchange(here, there)
    expect(passageText(there, anchor)).toBe('Purpose of')
    expect(view(there).node.textContent).toMatch(/^The Purpose of/)
  })

  it('has no passage for a selection without text', () => {
    const [doc] = seededPair()
    const { node, binding } = view(doc)
    expect(passageFromSelection(binding, node, 0, 1, 500)).toBeNull()
  })

  it('cuts a long quote to the limit with an ellipsis', () => {
    const [doc] = seededPair()
    const { node, binding } = view(doc)
    const passage = passageFromSelection(binding, node, 0, node.content.size, 20)!
    expect(passage.quote).toHaveLength(20)
    expect(passage.quote).toBe('Purpose of the grou…')
  })
})
