/**
 * The account endpoints the shell needs: who am I, sign in and out, and the one-time
 * set-up of the first organiser. Request bodies are the contract's own types.
 */
import type { Member, MemberResponse, SetupBody, SignInBody } from '@studio/contract'
import { ApiError, http } from './http.ts'

/** The signed-in member, or null when there is no valid session. */
export async function fetchCurrentMember(): Promise<Member | null> {
  try {
    return (await http.get<MemberResponse>('/api/me')).user
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

export async function createSession(body: SignInBody): Promise<Member> {
  return (await http.post<MemberResponse>('/api/session', body)).user
}

export async function deleteSession(): Promise<void> {
  await http.delete('/api/session')
}

/** Whether a set-up link can still be used; the server answers 404 when it cannot. */
export async function isSetupLinkValid(token: string): Promise<boolean> {
  try {
    await http.get<{ valid: true }>(`/api/setup/${encodeURIComponent(token)}`)
    return true
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return false
    throw error
  }
}

export async function completeSetup(token: string, body: SetupBody): Promise<Member> {
  return (await http.post<MemberResponse>(`/api/setup/${encodeURIComponent(token)}`, body)).user
}
