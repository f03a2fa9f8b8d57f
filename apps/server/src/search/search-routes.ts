/**
 * GET /api/search?q=: the best places (at most searchRules.maxResults) holding every word of
 * `q`, the last word as a prefix, among what the member may read. Rows are kept per
 * document, so the member's access is checked on each row's document (documentAccess), the
 * same rule the collaboration socket applies; members' own assessments are never indexed.
 */
import { documentAccess, searchQuery, searchResponseSchema, searchRules, searchWords, type Role, type SearchResult } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { Store } from '../store/database.ts'
import { findEntries, type FoundEntry } from './search-store.ts'
import { matches, snippetOf } from './snippet.ts'

export function registerSearchRoutes(app: FastifyInstance, store: Store): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/search', {
    preValidation: approvedOnly(),
    schema: { querystring: searchQuery, response: withErrors({ 200: searchResponseSchema }) },
  }, async (request) => {
    const member = approvedMember(request)
    const words = searchWords(request.query.q)
    // A few more than shown, so rows the member may not read do not leave the page short.
    const found = await findEntries(store, words, searchRules.maxResults * 2)
    const readable = found.filter((entry) => documentAccess(entry.document, member.role as Role, member.id) !== 'none')
    return { results: readable.slice(0, searchRules.maxResults).map((entry) => toResult(entry, words)) }
  })
}

function toResult(entry: FoundEntry, words: readonly string[]): SearchResult {
  const bodyMatches = [...entry.body.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].some((word) => matches(word[0], words))
  if (bodyMatches) return { document: entry.document, title: entry.title, snippet: snippetOf(entry.body, words), link: entry.link }
  // A match in the title alone: the place's own name marked, so the reader sees why it was
  // found, then how its text begins.
  const place = snippetOf(entry.title.split(' › ').at(-1) ?? entry.title, words)
  const start = snippetOf(entry.body, [])
  return { document: entry.document, title: entry.title, snippet: start ? `${place} — ${start}` : place, link: entry.link }
}
