/**
 * Words for the contract's membership codes (a member's role, not a PMO role of the matrix;
 * a member's status; audit actions), in one place so the header, the Members page and the
 * audit log say the same thing. The sign-up choices' labels live in the contract
 * (pmoTypeLabels, attendanceLabels) because the server's emails use them too.
 */
import { memberStatuses, roles, type MemberStatus, type Role } from '@studio/contract'

export const memberRoleLabels: Record<Role, string> = {
  organiser: 'Organiser',
  contributor: 'Contributor',
  observer: 'Observer',
}

export const memberStatusLabels: Record<MemberStatus, string> = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  rejected: 'Rejected',
  suspended: 'Suspended',
}

/** Options for a role select, in the contract's order. */
export const memberRoleOptions = roles.map((value) => ({ value, label: memberRoleLabels[value] }))

export const memberStatusOptions = memberStatuses.map((value) => ({ value, label: memberStatusLabels[value] }))

const auditActionLabels: Record<string, string> = {
  signup: 'Signed up',
  approve: 'Approved',
  reject: 'Rejected',
  suspend: 'Suspended',
  reinstate: 'Reinstated',
  'change-role': 'Changed role',
  'invite-create': 'Created an invite',
  'invite-revoke': 'Revoked an invite',
  'invite-use': 'Signed up with an invite',
  'auto-approve': 'Approved by confirmed email domain',
  'settings-change': 'Changed settings',
  'email-confirm': 'Confirmed email address',
  'import-framework': 'Imported a framework file',
  'password-change': 'Changed their password',
  'password-reset': 'Reset their password from a mailed link',
  release: 'Released the framework',
  'release-withdraw': 'Withdrew a release',
  'round-open': 'Opened a consultation round',
  'round-change': 'Changed a consultation round',
  'round-reviewer': 'Invited a reviewer to a round',
  'round-reviewer-removed': 'Removed a reviewer from a round',
  'comment-disposition': 'Gave a comment its disposition',
  'proposal-withdraw': 'Withdrew a proposal',
  'proposal-decision': 'Decided a proposal',
}

/** An audit action in words; an action this version does not know is shown as it is. */
export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action
}

/** "3 applications waiting", for the navigation badge's screen-reader text. */
export function applicationsWaiting(count: number): string {
  return count === 1 ? '1 application waiting' : `${count} applications waiting`
}
