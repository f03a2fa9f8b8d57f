/**
 * Decides a WebSocket upgrade before the 101: no valid session is a 401, a member who is
 * not approved or a foreign Origin is a 403. A refused client never reaches Hocuspocus,
 * so it cannot receive a byte of any document.
 */
import type { Role } from '@studio/contract'
import { parseCookie } from 'cookie'
import type { Kysely } from 'kysely'
import { memberForSession, sessionCookieName, type SessionPolicy } from '../sessions/sessions.ts'
import type { Database } from '../store/schema.ts'

/** What every collaboration hook knows about the member on a connection. */
export interface CollabContext {
  member: { id: string; name: string; role: Role }
  /** Hash-free session token, kept to notice when the session ends. */
  sessionToken: string
}

export type UpgradeDecision = { allow: true; context: CollabContext } | { allow: false; status: 401 | 403; reason: string }

export interface GateOptions {
  db: Kysely<Database>
  publicOrigin: string
  sessionPolicy: SessionPolicy
}

export async function decideUpgrade(headers: Headers, options: GateOptions): Promise<UpgradeDecision> {
  // The cookie package itself: @fastify/cookie's parse works only once its plugin has been
  // registered in the process, and the gate must not depend on what else the process runs.
  const token = parseCookie(headers.get('cookie') ?? '')[sessionCookieName]
  const member = await memberForSession(options.db, token, options.sessionPolicy)
  if (!member || !token) return { allow: false, status: 401, reason: 'Sign in to join the workspace.' }
  if (headers.get('origin') !== options.publicOrigin) {
    return { allow: false, status: 403, reason: `Connections must come from ${options.publicOrigin}.` }
  }
  if (member.status !== 'approved') return { allow: false, status: 403, reason: 'Your account has not been approved.' }
  return { allow: true, context: { member: { id: member.id, name: member.name, role: member.role as Role }, sessionToken: token } }
}
