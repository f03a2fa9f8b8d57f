/** The session cookie: HTTP-only, same-site lax, secure behind HTTPS, living as long as a session may. */
import type { FastifyReply } from 'fastify'
import type { Config } from '../config.ts'
import { sessionCookieName } from '../sessions/sessions.ts'

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

/** The cookie's options for this deployment: secure whenever the studio is served over HTTPS. */
export function sessionCookieFor(config: Pick<Config, 'publicUrl' | 'sessionMaxDays'>): SessionCookieOptions {
  return { secure: config.publicUrl.startsWith('https:'), maxDays: config.sessionMaxDays }
}
