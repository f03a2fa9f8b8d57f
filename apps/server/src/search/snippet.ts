/**
 * The text shown under a result: a window of words around the first place the query's words
 * meet, each matching word between the contract's search marks. Built here rather than by
 * either store's engine, so both stores answer alike and the marks are the only markup.
 */
import { foldForSearch, searchMarks } from '@studio/contract'

/** Words shown before the first match, and in all. */
const wordsBefore = 8
const wordsShown = 30

/** Letters with their accents (combining marks), or digits: a word as the query's words are. */
const wordPattern = /[\p{L}\p{N}\p{M}]+/gu

export function matches(word: string, queryWords: readonly string[]): boolean {
  const folded = foldForSearch(word)
  return queryWords.some((queryWord, index) => (index === queryWords.length - 1 ? folded.startsWith(queryWord) : folded === queryWord))
}

/** `text` around its first match, matched words marked; the start of `text` when nothing in it matches. */
export function snippetOf(text: string, queryWords: readonly string[]): string {
  const words = [...text.matchAll(wordPattern)].map((match) => ({ start: match.index, end: match.index + match[0].length, word: match[0] }))
  if (words.length === 0) return ''
  const first = Math.max(0, words.findIndex((word) => matches(word.word, queryWords)))
  const from = Math.max(0, Math.min(first - wordsBefore, words.length - wordsShown))
  const to = Math.min(words.length, from + wordsShown)
  let snippet = from > 0 ? '… ' : ''
  let cursor = words[from]!.start
  for (let index = from; index < to; index++) {
    const word = words[index]!
    snippet += text.slice(cursor, word.start)
    snippet += matches(word.word, queryWords) ? `${searchMarks.start}${word.word}${searchMarks.end}` : word.word
    cursor = word.end
  }
  snippet += to < words.length ? ' …' : text.slice(cursor)
  return snippet
}
