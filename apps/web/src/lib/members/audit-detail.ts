/**
 * The "why" column of the audit log in words: the server records details for the record
 * ("invite 3f2a…, as contributor", "contributor, 5 use(s), until 2026-12-31T23:59:00.000Z"),
 * and an organiser reads them as "through an invite link, as contributor" and "contributor,
 * 5 uses, until 31 Dec, 23:59" in their own time. Invite ids mean nothing to a reader and
 * are left out; the record itself keeps them.
 */
import type { AuditEntry } from '@studio/contract'
import { formatDateTime } from '../time/format-time.ts'

const isoInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g

export function readableAuditDetail(entry: Pick<AuditEntry, 'action' | 'detail'>, formatTime: (iso: string) => string = formatDateTime): string | null {
  const detail = entry.detail?.trim()
  if (!detail) return null
  // The detail of a withdrawn invite is only its id.
  if (entry.action === 'invite-revoke') return null
  return detail
    .replace(/^invite [A-Za-z0-9_-]+, /, 'through an invite link, ')
    .replace(/\b1 use\(s\)/, '1 use')
    .replace(/\b(\d+) use\(s\)/, '$1 uses')
    .replace(isoInstant, (instant) => formatTime(instant))
}
