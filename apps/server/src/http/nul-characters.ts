/**
 * Refuses the NUL character (U+0000) in any text a request carries: JSON bodies, query
 * strings, route parameters and multipart fields. PostgreSQL cannot store NUL in a text
 * column (the insert fails, and the client saw a 500), SQLite would store it and truncate
 * it in some readers; no field of the studio has a use for it. One hook covers every
 * route, so a new route cannot forget it; multipart fields are read by their route, which
 * calls `refuseNul` itself.
 */
import { ErrorCode } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import { HttpError } from './errors.ts'

/** The first field under `value` holding a NUL, in the contract's dotted form (`autoApproveDomains.0`), or null. */
export function fieldWithNul(value: unknown, path: string[] = []): string | null {
  const here = () => path.join('.') || 'body'
  if (typeof value === 'string') return value.includes('\u0000') ? here() : null
  if (value === null || typeof value !== 'object') return null
  if (Buffer.isBuffer(value)) return null
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '')].join('.')
    const found = fieldWithNul(item, [...path, key])
    if (found) return found
  }
  return null
}

export function nulRefused(field: string): HttpError {
  const message = 'Text may not contain the NUL character (U+0000): remove it and send again.'
  return new HttpError(400, ErrorCode.invalid, `Check this field: ${field}. ${message}`, [{ field, message }])
}

/** Throws the contract's 400 naming the first field holding a NUL. */
export function refuseNul(value: unknown): void {
  const field = fieldWithNul(value)
  if (field) throw nulRefused(field)
}

export function registerNulCheck(app: FastifyInstance): void {
  // preValidation: after the body is parsed, before any route reads it.
  app.addHook('preValidation', async (request) => {
    refuseNul(request.params)
    refuseNul(request.query)
    refuseNul(request.body)
  })
}
