/**
 * Which sockets belong to which member and session, so access changes take effect at
 * once: signing out, suspension and role changes close exactly the affected sockets
 * with the contract's close codes.
 */
import type { CloseCode } from '@studio/contract'
import { closeReasons } from '@studio/contract'
import type { CollabContext } from './websocket-gate.ts'

interface Closable {
  close(code?: number, reason?: string): void
}

/**
 * At most this many sockets per member on one instance; one more is closed with
 * TooManyConnections (4429). The web app opens one socket per tab, so 20 is more tabs and
 * devices than a person uses, while a script opening sockets in a loop is stopped before
 * each socket's buffers and documents add up.
 */
export const maxSocketsPerMember = 20

export class MemberConnections {
  private readonly sockets = new Map<Closable, CollabContext>()

  add(socket: Closable, context: CollabContext): void {
    this.sockets.set(socket, context)
  }

  remove(socket: Closable): void {
    this.sockets.delete(socket)
  }

  get size(): number {
    return this.sockets.size
  }

  /** How many sockets the member holds on this instance. */
  countOf(memberId: string): number {
    let count = 0
    for (const context of this.sockets.values()) if (context.member.id === memberId) count += 1
    return count
  }

  closeMember(memberId: string, code: CloseCode): number {
    return this.closeWhere((context) => context.member.id === memberId, code)
  }

  closeSession(sessionToken: string, code: CloseCode): number {
    return this.closeWhere((context) => context.sessionToken === sessionToken, code)
  }

  /** Every live socket's context, for the periodic re-check against the store (socket-recheck.ts). */
  contexts(): CollabContext[] {
    return [...this.sockets.values()]
  }

  /** Closes the sockets whose context matches: a re-check's verdicts, or a session named by its hash. */
  closeMatching(matches: (context: CollabContext) => boolean, code: CloseCode): number {
    return this.closeWhere(matches, code)
  }

  private closeWhere(matches: (context: CollabContext) => boolean, code: CloseCode): number {
    let closed = 0
    for (const [socket, context] of this.sockets) {
      if (!matches(context)) continue
      socket.close(code, closeReasons[code])
      this.sockets.delete(socket)
      closed += 1
    }
    return closed
  }
}
