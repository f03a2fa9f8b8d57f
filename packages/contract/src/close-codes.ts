/**
 * WebSocket close codes the collaboration server uses to tell a client why it was
 * disconnected, so the web app can tell "you were suspended" from "network lost".
 * 4000-4999 is the range RFC 6455 leaves to applications.
 */
export const CloseCode = {
  /** The client sent an update that is not a well-formed Yjs update; it is not stored. */
  MalformedUpdate: 4400,
  /** The session expired or was signed out: sign in again. */
  SessionExpired: 4401,
  /** The member was suspended or lost access: do not reconnect. */
  AccessRevoked: 4403,
  /** The member's role changed: reconnect, and the server applies the new scope. */
  RoleChanged: 4409,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

export const closeReasons: Record<CloseCode, string> = {
  [CloseCode.MalformedUpdate]: 'malformed-update',
  [CloseCode.SessionExpired]: 'session-expired',
  [CloseCode.AccessRevoked]: 'access-revoked',
  [CloseCode.RoleChanged]: 'role-changed',
}
