/** Snippets without a server: the window, the marks, accents and prefixes, and text kept as text. */
import { searchMarks, searchWords, snippetParts } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { snippetOf } from './snippet.ts'

const mark = (word: string) => `${searchMarks.start}${word}${searchMarks.end}`

describe('snippets', () => {
  it('marks every matching word, the last query word as a prefix, accents and case ignored', () => {
    expect(snippetOf('Le café de la Gouvernance, governance again.', searchWords('CAFE gov'))).toBe(`Le ${mark('café')} de la Gouvernance, ${mark('governance')} again.`)
  })

  it('keeps a window around the first match, saying where text was left out', () => {
    const text = Array.from({ length: 100 }, (_, index) => `w${index}`).join(' ')
    const snippet = snippetOf(text, ['w50'])
    expect(snippet.startsWith('… w42 ')).toBe(true)
    expect(snippet.endsWith(' w71 …')).toBe(true)
    expect(snippet).toContain(mark('w50'))
  })

  it('keeps what a document holds as text, and reads back only the contract\'s marks', () => {
    const snippet = snippetOf('A <b>bold</b> & <script>x</script> claim', searchWords('claim'))
    expect(snippet).toBe(`A <b>bold</b> & <script>x</script> ${mark('claim')}`)
    expect(snippetParts(snippet)).toEqual([{ text: 'A <b>bold</b> & <script>x</script> ', match: false }, { text: 'claim', match: true }])
  })

  it('starts at the beginning when nothing matches', () => {
    expect(snippetOf('Nothing here matches.', ['zebra'])).toBe('Nothing here matches.')
    expect(snippetOf('', ['zebra'])).toBe('')
  })
})
