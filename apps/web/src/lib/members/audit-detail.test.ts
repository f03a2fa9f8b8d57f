import { describe, expect, it } from 'vitest'
import { readableAuditDetail } from './audit-detail.ts'

const inLondon = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(new Date(iso))

describe('readableAuditDetail', () => {
  it('shows times in the reader’s own time and counts uses in words', () => {
    expect(readableAuditDetail({ action: 'invite-create', detail: 'contributor, 5 use(s), until 2026-12-31T23:59:00.000Z' }, inLondon)).toBe('contributor, 5 uses, until 31 Dec, 23:59')
    expect(readableAuditDetail({ action: 'invite-create', detail: 'observer, 1 use(s), until 2026-07-01T12:00:00Z' }, inLondon)).toBe('observer, 1 use, until 1 Jul, 13:00')
  })

  it('leaves invite ids out', () => {
    expect(readableAuditDetail({ action: 'invite-use', detail: 'invite 3f2a9c-17, as contributor' })).toBe('through an invite link, as contributor')
    expect(readableAuditDetail({ action: 'invite-revoke', detail: '3f2a9c-17' })).toBeNull()
  })

  it('keeps other details as they are, and none as none', () => {
    expect(readableAuditDetail({ action: 'change-role', detail: 'from contributor to organiser' })).toBe('from contributor to organiser')
    expect(readableAuditDetail({ action: 'approve', detail: null })).toBeNull()
    expect(readableAuditDetail({ action: 'approve', detail: '  ' })).toBeNull()
  })
})
