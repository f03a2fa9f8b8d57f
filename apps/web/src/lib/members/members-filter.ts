/**
 * The All members list's filter lives in the address bar (?status=&q=), so a filtered
 * view can be reloaded, shared and reached with Back. These turn the route query into a
 * filter the API accepts and back.
 */
import { memberStatuses, type MemberStatus } from '@studio/contract'
import type { LocationQuery } from 'vue-router'

export interface MembersFilter {
  status: MemberStatus | null
  q: string
}

export function filterFromQuery(query: LocationQuery): MembersFilter {
  const status = first(query.status)
  const q = first(query.q) ?? ''
  return {
    status: status && (memberStatuses as readonly string[]).includes(status) ? (status as MemberStatus) : null,
    q: q.slice(0, 200),
  }
}

/** Only what is set, so the plain list has a plain address. */
export function filterToQuery(filter: MembersFilter): Record<string, string> {
  const query: Record<string, string> = {}
  if (filter.status) query.status = filter.status
  if (filter.q.trim()) query.q = filter.q.trim()
  return query
}

/** The API's query string, e.g. "?status=approved&q=ada", or "" for everyone. */
export function membersSearch(filter: MembersFilter): string {
  const params = new URLSearchParams(filterToQuery(filter))
  const text = params.toString()
  return text ? `?${text}` : ''
}

function first(value: LocationQuery[string] | undefined): string | null {
  const candidate = Array.isArray(value) ? value[0] : value
  return typeof candidate === 'string' ? candidate : null
}
