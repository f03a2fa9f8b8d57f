import { CloseCode, closeReasons } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { closeReasonOf } from './close-reason.ts'

describe('closeReasonOf', () => {
  it('names the reason for each close code the server uses to end a member session', () => {
    expect(closeReasonOf({ code: CloseCode.SessionExpired })).toBe('session-expired')
    expect(closeReasonOf({ code: CloseCode.AccessRevoked })).toBe('access-revoked')
    expect(closeReasonOf({ code: CloseCode.RoleChanged })).toBe('role-changed')
  })

  it('names a refused edit, which the server reports per document as the reason text', () => {
    expect(closeReasonOf({ code: CloseCode.ModelViolation })).toBe('model-violation')
    expect(closeReasonOf({ code: 1000, reason: closeReasons[CloseCode.ModelViolation] })).toBe('model-violation')
  })

  it('names the limits on documents per connection and connections per person', () => {
    expect(closeReasonOf({ code: CloseCode.TooManyDocuments })).toBe('too-many-documents')
    expect(closeReasonOf({ code: CloseCode.TooManyConnections })).toBe('too-many-connections')
    expect(closeReasonOf({ code: 1000, reason: closeReasons[CloseCode.TooManyConnections] })).toBe('too-many-connections')
  })

  it('agrees with the reason texts in the contract', () => {
    for (const code of [CloseCode.SessionExpired, CloseCode.AccessRevoked, CloseCode.RoleChanged]) {
      expect(closeReasonOf({ code: 1000, reason: closeReasons[code] })).toBe(closeReasonOf({ code }))
    }
  })

  it('treats network drops and restarts as ordinary disconnects', () => {
    expect(closeReasonOf({ code: 1006, reason: '' })).toBeNull()
    expect(closeReasonOf({ code: 1001 })).toBeNull()
    expect(closeReasonOf(undefined)).toBeNull()
  })
})
