import { describe, expect, it } from 'vitest'
import { decisionOutcome, decisionsFor } from './decisions.ts'

describe('decisionOutcome', () => {
  it('says what happened in words', () => {
    expect(decisionOutcome('Ada', { kind: 'approve', role: 'contributor' })).toBe('Approved Ada as a contributor.')
    expect(decisionOutcome('Ada', { kind: 'approve', role: 'observer' })).toBe('Approved Ada as an observer.')
    expect(decisionOutcome('Ada', { kind: 'change-role', role: 'organiser' })).toBe('Ada is now an organiser.')
    expect(decisionOutcome('Ada', { kind: 'suspend' })).toBe('Suspended Ada. They can no longer sign in.')
  })

  it('mentions a shared reason only when there is one to share', () => {
    expect(decisionOutcome('Ada', { kind: 'reject', reason: 'Full', tellApplicant: true })).toContain('shared the reason')
    expect(decisionOutcome('Ada', { kind: 'reject', reason: ' ', tellApplicant: true })).toBe("Rejected Ada's application.")
    expect(decisionOutcome('Ada', { kind: 'reject', reason: 'Full', tellApplicant: false })).toBe("Rejected Ada's application.")
  })
})

describe('decisionsFor', () => {
  it('offers what fits the member’s status', () => {
    expect(decisionsFor({ status: 'pending' })).toEqual(['approve', 'reject'])
    expect(decisionsFor({ status: 'approved' })).toEqual(['change-role', 'suspend'])
    expect(decisionsFor({ status: 'suspended' })).toEqual(['reinstate', 'change-role'])
    expect(decisionsFor({ status: 'rejected' })).toEqual([])
  })
})
