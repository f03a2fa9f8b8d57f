/**
 * Search (issue 14): GET /api/search?q= finds words across what the member may read: the
 * terms of reference, each meeting's agenda, notes, decisions and actions, the competency
 * matrix (domain, competency and role names, descriptions, cell notes) and comments on them.
 *
 * A result's `snippet` is plain text, never HTML: the words that matched sit between
 * `searchMarks.start` and `searchMarks.end` (two private-use characters no document keeps),
 * which the web app turns into <mark> elements around text it escapes like any other.
 */
import { z } from 'zod'

export const searchRules = { maxQuery: 200, maxResults: 50 } as const

export const searchMarks = { start: '\uE000', end: '\uE001' } as const

export const searchQuery = z.object({
  q: z
    .string({ error: 'Type the words to search for in q.' })
    .trim()
    .min(1, 'Type at least one word to search for.')
    .max(searchRules.maxQuery, `Search for at most ${searchRules.maxQuery} characters.`)
    .refine((q) => searchWords(q).length > 0, 'Type at least one word (letters or digits) to search for.'),
})

export const searchResultSchema = z.object({
  /** The document the match is in: terms-of-reference, competency-matrix, meetings, meeting:<id> (for a comment, the document it is on). */
  document: z.string(),
  /** Where the match is, readable: "Terms of reference › Purpose", "Comment by Ana on Meeting 12 March". */
  title: z.string(),
  /** Text around the match, the matched words between searchMarks.start and searchMarks.end. */
  snippet: z.string(),
  /** The path in the web app that opens the place. */
  link: z.string(),
})

export const searchResponseSchema = z.object({ results: z.array(searchResultSchema) })

export type SearchResult = z.infer<typeof searchResultSchema>
export type SearchResponse = z.infer<typeof searchResponseSchema>

/** Letters and digits only, lower case, accents removed: how both the index and a query compare words. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

/** The words of a query, folded; the last one is searched as a prefix (search as you type). */
export function searchWords(q: string): string[] {
  return foldForSearch(q).match(/[\p{L}\p{N}]+/gu) ?? []
}

/** A snippet's parts: text, and whether it matched. The web app renders each as text. */
export function snippetParts(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = []
  const pattern = new RegExp(`${searchMarks.start}([^${searchMarks.end}]*)${searchMarks.end}`, 'gu')
  let last = 0
  for (const found of snippet.matchAll(pattern)) {
    if (found.index > last) parts.push({ text: snippet.slice(last, found.index), match: false })
    parts.push({ text: found[1]!, match: true })
    last = found.index + found[0].length
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false })
  return parts
}
