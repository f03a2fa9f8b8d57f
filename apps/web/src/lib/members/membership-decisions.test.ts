import { describe, expect, it } from 'vitest'
import { membershipDecisionOutcome, membershipDecisionsFor } from './membership-decisions.ts'

describe('membershipDecisionOutcome', () => {
  it('says what happened in words', () => {
    expect(membershipDecisionOutcome('Ada', { kind: 'approve', role: 'contributor' })).toBe('Approved Ada as a contributor.')
    expect(membershipDecisionOutcome('Ada', { kind: 'approve', role: 'observer' })).toBe('Approved Ada as an observer.')
    expect(membershipDecisionOutcome('Ada', { kind: 'change-role', role: 'organiser' })).toBe('Ada is now an organiser.')
    expect(membershipDecisionOutcome('Ada', { kind: 'suspend' })).toBe('Suspended Ada. They can no longer sign in.')
  })

  it('mentions a shared reason only when there is one to share', () => {
    expect(membershipDecisionOutcome('Ada', { kind: 'reject', reason: 'Full', tellApplicant: true })).toContain('shared the reason')
    expect(membershipDecisionOutcome('Ada', { kind: 'reject', reason: ' ', tellApplicant: true })).toBe("Rejected Ada's application.")
    expect(membershipDecisionOutcome('Ada', { kind: 'reject', reason: 'Full', tellApplicant: false })).toBe("Rejected Ada's application.")
  })
})

describe('membershipDecisionsFor', () => {
  it('offers what fits the member’s status', () => {
    expect(membershipDecisionsFor({ status: 'pending' })).toEqual(['approve', 'reject'])
    expect(membershipDecisionsFor({ status: 'approved' })).toEqual(['change-role', 'suspend'])
    expect(membershipDecisionsFor({ status: 'suspended' })).toEqual(['reinstate', 'change-role'])
    expect(membershipDecisionsFor({ status: 'rejected' })).toEqual([])
  })
})
