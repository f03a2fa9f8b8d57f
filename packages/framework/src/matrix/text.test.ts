// replaceText turns "make the text say this" into the smallest edit, so concurrent edits merge.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { replaceText } from './text.ts'

/** The text's value after replaceText and the edit Yjs recorded, as a delta. */
function edit(before: string, after: string) {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, before)
  const deltas: unknown[] = []
  text.observe((event) => deltas.push(event.delta))
  replaceText(text, after)
  return { value: text.toString(), deltas }
}

function mergeOf(base: string, left: string, right: string): string {
  const a = new Y.Doc()
  a.getText('t').insert(0, base)
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  replaceText(a.getText('t'), left)
  replaceText(b.getText('t'), right)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  expect(a.getText('t').toString()).toBe(b.getText('t').toString())
  return a.getText('t').toString()
}

describe('replaceText', () => {
  it('makes its edit in one transaction, so others never see the text half changed', () => {
    expect(edit('abcdef', 'abXYef').deltas).toHaveLength(1)
  })

  it('changes nothing, not even with an empty edit, when the text already says it', () => {
    expect(edit('Risk management', 'Risk management')).toEqual({ value: 'Risk management', deltas: [] })
  })

  it.each([
    ['an insertion in the middle', 'Risk management', 'Risk and issue management', [{ retain: 5 }, { insert: 'and issue ' }]],
    ['a deletion in the middle', 'Risk and issue management', 'Risk management', [{ retain: 5 }, { delete: 10 }]],
    ['a replacement keeping both ends', 'abcdef', 'abXYef', [{ retain: 2 }, { delete: 2 }, { insert: 'XY' }]],
    ['an append', 'Plan', 'Planning', [{ retain: 4 }, { insert: 'ning' }]],
    ['a prepend', 'planning', 'Replanning', [{ insert: 'Re' }]],
    ['filling an empty text', '', 'Budget', [{ insert: 'Budget' }]],
    ['emptying a text', 'Budget', '', [{ delete: 6 }]],
    ['a repeated letter', 'aa', 'aaa', [{ retain: 2 }, { insert: 'a' }]],
    ['a repeated pair removed', 'abab', 'ab', [{ retain: 2 }, { delete: 2 }]],
  ])('makes %s the smallest edit', (_case, before, after, delta) => {
    expect(edit(before, after)).toEqual({ value: after, deltas: [delta] })
  })

  it('never splits an emoji that shares its first UTF-16 unit with the new one', () => {
    // 😀 is D83D DE00 and 😁 is D83D DE01: a unit-by-unit diff would keep D83D and swap one half.
    expect(edit('a😀b', 'a😁b')).toEqual({ value: 'a😁b', deltas: [[{ retain: 1 }, { delete: 2 }, { insert: '😁' }]] })
  })

  it('never splits an emoji that shares its second UTF-16 unit with the new one', () => {
    // 😀 is D83D DE00 and 🨀 is D83E DE00.
    expect(edit('a😀b', 'a🨀b')).toEqual({ value: 'a🨀b', deltas: [[{ retain: 1 }, { delete: 2 }, { insert: '🨀' }]] })
    expect(edit('😀', '🨀').value).toBe('🨀')
  })

  it('keeps emoji whole when text is added right beside them', () => {
    expect(edit('😀', '😀😀')).toEqual({ value: '😀😀', deltas: [[{ retain: 2 }, { insert: '😀' }]] })
    expect(edit('x😀', '😀')).toEqual({ value: '😀', deltas: [[{ delete: 1 }]] })
  })

  it('merges two people changing different parts of one text, character by character', () => {
    expect(mergeOf('Stakeholder management', 'Stakeholder engagement management', 'Stakeholder management and communication'))
      .toBe('Stakeholder engagement management and communication')
    expect(mergeOf('Risk log', 'Risks log', 'Risk register')).toBe('Risks register')
  })

  it('merges edits beside an emoji without leaving half of it behind', () => {
    const merged = mergeOf('a😀b', 'a😁b', 'a😀bc')
    expect(merged).toBe('a😁bc')
    expect(merged).not.toContain('\uFFFD')
  })
})
