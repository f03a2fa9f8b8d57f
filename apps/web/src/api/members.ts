/**
 * The organisers' endpoints: applications and members, decisions on them, the audit log,
 * invite links and the auto-approved email domains. Bodies are the contract's types.
 */
import type {
  AuditEntry,
  Invite,
  InviteBody,
  Member,
  MembersResponse,
  Role,
  Settings,
} from '@studio/contract'
import { membersSearch, type MembersFilter } from '../lib/members/members-filter.ts'
import { http } from './http.ts'

interface MemberAnswer {
  member: Member
}

const memberPath = (id: string) => `/api/members/${encodeURIComponent(id)}`

/** Newest first, as the server answers. */
export async function fetchMembers(filter: MembersFilter): Promise<Member[]> {
  return (await http.get<MembersResponse>(`/api/members${membersSearch(filter)}`)).members
}

/** A plain link with `download`: the browser streams the file with the session cookie. */
export function attachmentUrl(id: string): string {
  return `${memberPath(id)}/attachment`
}

export async function approveMember(id: string, role: Role): Promise<Member> {
  return (await http.post<MemberAnswer>(`${memberPath(id)}/approve`, { role })).member
}

export async function rejectMember(id: string, reason: string, tellApplicant: boolean): Promise<Member> {
  return (await http.post<MemberAnswer>(`${memberPath(id)}/reject`, { reason, tellApplicant })).member
}

export async function suspendMember(id: string): Promise<Member> {
  return (await http.post<MemberAnswer>(`${memberPath(id)}/suspend`, {})).member
}

export async function reinstateMember(id: string): Promise<Member> {
  return (await http.post<MemberAnswer>(`${memberPath(id)}/reinstate`, {})).member
}

export async function changeMemberRole(id: string, role: Role): Promise<Member> {
  return (await http.patch<MemberAnswer>(memberPath(id), { role })).member
}

/** Newest first. */
export async function fetchAuditLog(): Promise<AuditEntry[]> {
  return (await http.get<{ entries: AuditEntry[] }>('/api/audit')).entries
}

/**
 * The contract's Invite has no link (the server keeps only a hash of the token, we
 * assume); if a server ever sends `url` with the list, the panel offers to copy it.
 */
export type ListedInvite = Invite & { url?: string }

export async function fetchInvites(): Promise<ListedInvite[]> {
  return (await http.get<{ invites: ListedInvite[] }>('/api/invites')).invites
}

export function createInvite(body: InviteBody): Promise<{ id: string; url: string }> {
  return http.post<{ id: string; url: string }>('/api/invites', body)
}

export async function revokeInvite(id: string): Promise<void> {
  await http.delete(`/api/invites/${encodeURIComponent(id)}`)
}

export function fetchSettings(): Promise<Settings> {
  return http.get<Settings>('/api/settings')
}

export function saveSettings(settings: Settings): Promise<Settings> {
  return http.put<Settings>('/api/settings', settings)
}
