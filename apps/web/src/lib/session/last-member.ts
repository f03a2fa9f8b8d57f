/**
 * The member this browser last saw signed in, kept so the studio still opens offline: with
 * no network, /api/me cannot answer, and sending someone to a sign-in page that cannot
 * work either would lock them out of the copies their device keeps. The server decides
 * again as soon as it can be reached. Forgotten on sign-out.
 */
import { memberStatuses, roles, type Member } from '@studio/contract'

export const lastMemberKey = 'studio:last-member'

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export function rememberMember(storage: KeyValueStore, member: Member): void {
  try {
    storage.setItem(lastMemberKey, JSON.stringify(member))
  } catch {
    // Full or blocked storage only costs the offline start.
  }
}

export function forgetLastMember(storage: KeyValueStore): void {
  try {
    storage.removeItem(lastMemberKey)
  } catch {
    // Nothing to forget.
  }
}

/** The remembered member, or null when there is none or what is stored is not a member. */
export function lastMember(storage: KeyValueStore): Member | null {
  let value: unknown
  try {
    value = JSON.parse(storage.getItem(lastMemberKey) ?? 'null')
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const candidate = value as Partial<Member>
  if (typeof candidate.id !== 'string' || typeof candidate.name !== 'string' || typeof candidate.email !== 'string') return null
  if (!roles.includes(candidate.role as Member['role'])) return null
  if (!memberStatuses.includes(candidate.status as Member['status'])) return null
  if (typeof candidate.timezone !== 'string') return null
  return candidate as Member
}
