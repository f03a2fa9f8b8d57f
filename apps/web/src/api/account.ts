/**
 * Your own account: reading and changing it, changing the password, and the "forgot
 * password" link. Request bodies are the contract's own types.
 */
import type { Account, AccountChangesInput, AccountResponse, PasswordChangeBody, PasswordResetBody, PasswordResetRequestBody } from '@studio/contract'
import { http } from './http.ts'

export async function fetchAccount(): Promise<Account> {
  return (await http.get<AccountResponse>('/api/me')).user
}

export async function changeAccount(changes: AccountChangesInput): Promise<Account> {
  return (await http.patch<AccountResponse>('/api/me', changes)).user
}

export async function changePassword(body: PasswordChangeBody): Promise<void> {
  await http.post<void>('/api/me/password', body)
}

/** The studio answers the same whether or not the address has an account. */
export async function requestPasswordReset(body: PasswordResetRequestBody): Promise<void> {
  await http.post<void>('/api/password-reset', body)
}

export async function resetPassword(token: string, body: PasswordResetBody): Promise<void> {
  await http.post<void>(`/api/password-reset/${encodeURIComponent(token)}`, body)
}
