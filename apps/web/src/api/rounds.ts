/** Consultation rounds (issue 16): rounds, their snapshot and comments, dispositions, and outside reviewers' own accounts. */
import {
  roundPaths, type AcceptReviewerInviteInput, type CreateRoundInput, type DispositionBody, type ReviewerAccount, type ReviewerInvite,
  type ReviewerResponse, type Round, type RoundComment, type RoundCommentList, type RoundCommentResponse, type RoundCommentTarget, type RoundList,
  type RoundResponse, type RoundSnapshotResponse, type UpdateRoundBody,
} from '@studio/contract'
import { http } from './http.ts'

export async function fetchRounds(): Promise<Round[]> {
  return (await http.get<RoundList>(roundPaths.list)).rounds
}

export async function openRound(body: CreateRoundInput): Promise<Round> {
  return (await http.post<RoundResponse>(roundPaths.list, body)).round
}

export async function updateRound(id: string, body: UpdateRoundBody): Promise<Round> {
  return (await http.patch<RoundResponse>(roundPaths.round(id), body)).round
}

export async function inviteReviewer(id: string, email: string): Promise<Round> {
  return (await http.post<RoundResponse>(roundPaths.reviewers(id), { email })).round
}

export async function removeReviewer(id: string, email: string): Promise<Round> {
  return (await http.delete<RoundResponse>(roundPaths.reviewer(id, email))).round
}

export function fetchSnapshot(id: string): Promise<RoundSnapshotResponse> {
  return http.get<RoundSnapshotResponse>(roundPaths.snapshot(id))
}

export async function fetchRoundComments(id: string): Promise<RoundComment[]> {
  return (await http.get<RoundCommentList>(roundPaths.comments(id))).comments
}

export async function commentOnRound(id: string, target: RoundCommentTarget, body: string): Promise<RoundComment> {
  return (await http.post<RoundCommentResponse>(roundPaths.comments(id), { target, body })).comment
}

export async function disposeComment(commentId: string, body: DispositionBody): Promise<RoundComment> {
  return (await http.put<RoundCommentResponse>(roundPaths.disposition(commentId), body)).comment
}

export function fetchReviewerInvite(token: string): Promise<ReviewerInvite> {
  return http.get<ReviewerInvite>(roundPaths.reviewerInvite(token))
}

export async function acceptReviewerInvite(token: string, body: AcceptReviewerInviteInput): Promise<ReviewerAccount> {
  return (await http.post<ReviewerResponse>(roundPaths.reviewerInvite(token), body)).reviewer
}

export async function signInReviewer(email: string, password: string): Promise<ReviewerAccount> {
  return (await http.post<ReviewerResponse>(roundPaths.reviewerSession, { email, password })).reviewer
}

export async function signOutReviewer(): Promise<void> {
  await http.delete(roundPaths.reviewerSession)
}

export async function fetchReviewer(): Promise<ReviewerAccount> {
  return (await http.get<ReviewerResponse>(roundPaths.reviewerMe)).reviewer
}

/** The matrix's domains and roles as they are now (the members' JSON export), for choosing a round's scope. */
export async function fetchScopeChoices(): Promise<{ domains: Array<{ id: string; name: string }>; roles: Array<{ id: string; name: string }> }> {
  const framework = await http.get<{ domains: Array<{ id: string; name: string; archived?: boolean }>; roles: Array<{ id: string; name: string; archived?: boolean }> }>('/api/export/framework.json')
  const live = <T extends { archived?: boolean; id: string; name: string }>(rows: T[]) => rows.filter((row) => !row.archived).map(({ id, name }) => ({ id, name }))
  return { domains: live(framework.domains), roles: live(framework.roles) }
}
