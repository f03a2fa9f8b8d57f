/**
 * Who is asking: every request carries `request.member` (or null) from the session
 * cookie, and routes state what they need with `requireMember` / `requireApproved`.
 * The same lookup decides WebSocket upgrades (collab/websocket-gate.ts).
 */
import type { Role } from '@studio/contract'
import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import type { MemberRow } from '../store/members-repository.ts'
import { setSessionCookie, type SessionCookieOptions } from './session-cookie.ts'
import { lookupSession, replaceSessionToken, sessionCookieName, type SessionPolicy } from '../sessions/sessions.ts'
import type { Store } from '../store/database.ts'
import { forbidden, unauthenticated } from '../http/errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    member: MemberRow | null
  }
}

export function registerAuthentication(app: FastifyInstance, store: Store, policy: SessionPolicy, cookie: SessionCookieOptions): void {
  app.decorateRequest('member', null)
  app.addHook('onRequest', async (request, reply) => {
    // Decided on the route Fastify matched, not the raw URL: `/api//me`, `/%61pi/me` or a
    // query string cannot make an API route skip the lookup, and the web app's files never pay for it.
    if (!request.routeOptions.url?.startsWith('/api/')) return
    const token = request.cookies[sessionCookieName]
    const session = await lookupSession(store.db, token, policy)
    request.member = session?.member ?? null
    // After a role change the browser's next request carries the old token; it leaves with a new one.
    if (session?.rotate && token) {
      const fresh = await replaceSessionToken(store.db, token)
      if (fresh) setSessionCookie(reply, fresh, cookie)
    }
  })
}

export function requireMember(request: FastifyRequest): MemberRow {
  if (!request.member) throw unauthenticated()
  return request.member
}

export function requireApproved(request: FastifyRequest, roles?: readonly Role[]): MemberRow {
  const member = requireMember(request)
  if (member.status !== 'approved') throw forbidden('Your account has not been approved yet.')
  if (roles && !roles.includes(member.role as Role)) throw forbidden(`Only ${roles.join(' or ')}s can do this.`)
  return member
}

/**
 * Who may call a route, as its `preValidation` hook. It runs after the body is read and
 * before it is validated against the route's schema, so a caller who may not use the route
 * is told to sign in (401) or that they may not (403), never the route's field rules (400).
 */
export function approvedOnly(roles?: readonly Role[]): preValidationAsyncHookHandler {
  return async (request) => {
    requireApproved(request, roles)
  }
}

/** The member an `approvedOnly` hook let through (checked again: a route without the hook still refuses strangers). */
export function approvedMember(request: FastifyRequest): MemberRow {
  return requireApproved(request)
}

export type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>
