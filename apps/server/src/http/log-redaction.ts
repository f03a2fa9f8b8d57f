/**
 * Keeps secrets that travel in URLs out of the request log. A set-up link
 * (`/setup/<token>`), an email confirmation (`/confirm/<token>`), an invite
 * (`?invite=<token>`) or any `?token=` grants access to whoever reads it, and logs are read
 * by more people, and kept longer, than the links are meant to be. The request serializer
 * logs what Fastify's default one does, with the URL passed through `redactUrl`.
 */
import type { FastifyRequest } from 'fastify'

export const redacted = '[redacted]'

/**
 * Path segments after which the rest of the path is a secret: set-up and confirmation links,
 * and an outside reviewer's invitation (`/review/join/<token>`, `/api/review/invites/<token>`;
 * an organiser's `/api/invites/<id>` is redacted too, which costs nothing).
 */
const secretPathAfter = new Set(['setup', 'confirm', 'join', 'invites'])
/** Query parameters whose value is a secret. */
const secretQueryName = /token|invite|secret|password|key|code/i

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The URL with its secrets replaced. Segments and names are compared decoded, so
 * `/%73etup/<token>` or `?%74oken=` are redacted too; the rest is left as sent.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?')
  const pathPart = queryAt === -1 ? url : url.slice(0, queryAt)
  const queryPart = queryAt === -1 ? null : url.slice(queryAt + 1)

  const segments = pathPart.split('/')
  const secretFrom = segments.findIndex((segment) => secretPathAfter.has(decoded(segment).toLowerCase()))
  const path = secretFrom === -1 || secretFrom === segments.length - 1
    ? pathPart
    : [...segments.slice(0, secretFrom + 1), redacted].join('/')

  if (queryPart === null) return path
  const query = queryPart
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      const name = equals === -1 ? pair : pair.slice(0, equals)
      return equals !== -1 && secretQueryName.test(decoded(name.replace(/\+/g, ' '))) ? `${name}=${redacted}` : pair
    })
    .join('&')
  return `${path}?${query}`
}

/** Fastify's default `req` log fields, with the URL's secrets redacted. */
export function serializeRequestForLog(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}
