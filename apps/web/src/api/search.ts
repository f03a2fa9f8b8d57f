/** GET /api/search (issue 14): the places that hold every word of `q`, the last one as a prefix. */
import type { SearchResponse, SearchResult } from '@studio/contract'
import { http } from './http.ts'

export async function searchStudio(q: string): Promise<SearchResult[]> {
  return (await http.get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}`)).results
}
