/**
 * An organiser's decision on a member (not a meeting's decision), as one value: the Members store sends it to the
 * right endpoint and announces the outcome in these words.
 */
import type { Member, Role } from '@studio/contract'
import { memberRoleLabels } from './member-labels.ts'

export type MembershipDecision =
  | { kind: 'approve'; role: Role }
  | { kind: 'reject'; reason: string; tellApplicant: boolean }
  | { kind: 'suspend' }
  | { kind: 'reinstate' }
  | { kind: 'change-role'; role: Role }

/** "Approved Ada Lovelace as a contributor.", for the page's status message. */
export function membershipDecisionOutcome(name: string, decision: MembershipDecision): string {
  switch (decision.kind) {
    case 'approve':
      return `Approved ${name} as ${article(decision.role)} ${memberRoleLabels[decision.role].toLowerCase()}.`
    case 'reject':
      return decision.tellApplicant && decision.reason.trim()
        ? `Rejected ${name}'s application and shared the reason with them.`
        : `Rejected ${name}'s application.`
    case 'suspend':
      return `Suspended ${name}. They can no longer sign in.`
    case 'reinstate':
      return `Reinstated ${name}.`
    case 'change-role':
      return `${name} is now ${article(decision.role)} ${memberRoleLabels[decision.role].toLowerCase()}.`
  }
}

/** Which decisions make sense for a member in their current state. */
export function membershipDecisionsFor(member: Pick<Member, 'status'>): Array<MembershipDecision['kind']> {
  switch (member.status) {
    case 'pending':
      return ['approve', 'reject']
    case 'approved':
      return ['change-role', 'suspend']
    case 'suspended':
      return ['reinstate', 'change-role']
    case 'rejected':
      return []
  }
}

function article(role: Role): string {
  return role === 'organiser' || role === 'observer' ? 'an' : 'a'
}
