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

  closeMember(memberId: string, code: CloseCode): number {
    return this.closeWhere((context) => context.member.id === memberId, code)
  }

  closeSession(sessionToken: string, code: CloseCode): number {
    return this.closeWhere((context) => context.sessionToken === sessionToken, code)
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
