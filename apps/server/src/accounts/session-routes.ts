/** POST/DELETE /api/session and GET /api/me. */
import { CloseCode, ErrorCode, signInBody } from '@studio/contract'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { MemberConnections } from '../collab/member-connections.ts'
import { requireMember } from '../http/authentication.ts'
import { HttpError, parseWith } from '../http/errors.ts'
import type { Store } from '../store/database.ts'
import { findMemberByEmail, toMember } from './members-repository.ts'
import { decoyHash, verifyPassword } from './passwords.ts'
import { createSession, deleteSession, sessionCookieName } from './sessions.ts'

export interface SessionCookieOptions {
  secure: boolean
  maxDays: number
}

export function setSessionCookie(reply: FastifyReply, token: string, options: SessionCookieOptions): void {
  reply.setCookie(sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    maxAge: options.maxDays * 24 * 60 * 60,
  })
}

export function registerSessionRoutes(app: FastifyInstance, store: Store, cookie: SessionCookieOptions, connections: MemberConnections): void {
  app.post('/api/session', async (request, reply) => {
    const { email, password } = parseWith(signInBody, request.body)
    const member = await findMemberByEmail(store.db, email)
    // Unknown addresses cost as much as wrong passwords, and answer the same.
    const passwordMatches = await verifyPassword(password, member?.password_hash ?? (await decoyHash()))
    if (!member || !passwordMatches) {
      throw new HttpError(401, ErrorCode.invalidCredentials, 'That email and password do not match an account.')
    }
    if (member.status === 'suspended') {
      throw new HttpError(403, ErrorCode.suspended, 'Your account is suspended. Contact an organiser if you think this is a mistake.')
    }
    const previous = request.cookies[sessionCookieName]
    if (previous) {
      await deleteSession(store.db, previous)
      connections.closeSession(previous, CloseCode.SessionExpired)
    }
    setSessionCookie(reply, await createSession(store.db, member.id), cookie)
    return { user: toMember(member) }
  })

  app.delete('/api/session', async (request, reply) => {
    const token = request.cookies[sessionCookieName]
    if (token) {
      await deleteSession(store.db, token)
      // This browser's open documents stop at once, not at the next reconnect.
      connections.closeSession(token, CloseCode.SessionExpired)
    }
    reply.clearCookie(sessionCookieName, { path: '/' })
    return reply.status(204).send()
  })

  app.get('/api/me', async (request) => ({ user: toMember(requireMember(request)) }))
}
