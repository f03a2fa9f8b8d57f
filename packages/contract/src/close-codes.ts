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
  /** The socket asked for more documents at once than one socket may hold. */
  TooManyDocuments: 4413,
  /**
   * The client sent an update that would break its document's model (a wrong type under a known
   * key, an unknown top-level type, a level outside the scale, a node the editor does not know).
   * It is not stored, applied or broadcast.
   */
  ModelViolation: 4422,
  /** The member already holds as many open sockets as one member may. */
  TooManyConnections: 4429,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

export const closeReasons: Record<CloseCode, string> = {
  [CloseCode.MalformedUpdate]: 'malformed-update',
  [CloseCode.SessionExpired]: 'session-expired',
  [CloseCode.AccessRevoked]: 'access-revoked',
  [CloseCode.RoleChanged]: 'role-changed',
  [CloseCode.TooManyDocuments]: 'too-many-documents',
  [CloseCode.ModelViolation]: 'model-violation',
  [CloseCode.TooManyConnections]: 'too-many-connections',
}
