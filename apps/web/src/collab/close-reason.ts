/**
 * Turns a collaboration close event into what the app should do about it. The server
 * closes a member's socket with a code from the contract (and the matching reason text);
 * anything else is the network or a restart, and the provider simply reconnects. A
 * model violation (an edit that did not fit the document) is not retried either: the same
 * edit would be sent again on reconnecting and refused again, round and round.
 */
import { CloseCode } from '@studio/contract'

export type CloseReason = 'session-expired' | 'access-revoked' | 'role-changed' | 'model-violation' | 'too-many-documents' | 'too-many-connections'

const reasonByCode = new Map<number, CloseReason>([
  [CloseCode.SessionExpired, 'session-expired'],
  [CloseCode.AccessRevoked, 'access-revoked'],
  [CloseCode.RoleChanged, 'role-changed'],
  [CloseCode.ModelViolation, 'model-violation'],
  // Limits on one socket and one member: reconnecting at once would only be closed again.
  [CloseCode.TooManyDocuments, 'too-many-documents'],
  [CloseCode.TooManyConnections, 'too-many-connections'],
])

const knownReasons = new Set<string>(reasonByCode.values())

/**
 * The reason behind a close, or null for an ordinary disconnect. The reason text is
 * checked too because a per-document close message carries only the text (code 1000).
 */
export function closeReasonOf(event: { code?: number; reason?: string } | null | undefined): CloseReason | null {
  if (!event) return null
  const byCode = event.code === undefined ? undefined : reasonByCode.get(event.code)
  if (byCode) return byCode
  const text = event.reason ?? ''
  return knownReasons.has(text) ? (text as CloseReason) : null
}
