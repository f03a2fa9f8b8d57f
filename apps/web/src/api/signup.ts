/**
 * Applying to join and confirming an email address. Sign-up is multipart (it may carry
 * an attachment) and answers with the new member's id and status; the session cookie
 * comes with it, so the applicant is signed in.
 */
import type { Member, MemberResponse, SignupResponse } from '@studio/contract'
import { http } from './http.ts'

export function submitSignup(form: FormData): Promise<SignupResponse> {
  return http.postForm<SignupResponse>('/api/signup', form)
}

/** Confirms the address behind a mailed link; for an auto-approved domain this approves the member. */
export async function confirmEmail(token: string): Promise<Member> {
  return (await http.post<MemberResponse>(`/api/confirm/${encodeURIComponent(token)}`)).user
}
