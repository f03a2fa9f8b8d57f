/**
 * Failures as typed values with stable codes, and the one handler that turns every
 * failure into the contract's error shape. A 5xx never leaks a stack trace.
 */
import { errorBody, ErrorCode, type FieldError } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodError } from 'zod'
import { isStoreUnavailable } from '../store/availability.ts'

export class HttpError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly errors: FieldError[]

  constructor(statusCode: number, code: string, message: string, errors: FieldError[] = []) {
    super(message)
    this.statusCode = statusCode
    this.code = code
    this.errors = errors
  }
}

export function invalidInput(error: ZodError): HttpError {
  const errors = error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }))
  const fields = [...new Set(errors.map((e) => e.field))].join(', ')
  return new HttpError(400, ErrorCode.invalid, `Check these fields: ${fields}.`, errors)
}

export const unauthenticated = () =>
  new HttpError(401, ErrorCode.unauthenticated, 'Sign in to continue.')
export const forbidden = (message = 'Your account cannot do this.') =>
  new HttpError(403, ErrorCode.forbidden, message)
export const notFound = (message = 'Nothing was found at this address.') =>
  new HttpError(404, ErrorCode.notFound, message)

/** Parses `value` with a zod schema, or throws the contract's 400 listing every invalid field. */
export function parseWith<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodError } }, value: unknown): T {
  const result = schema.safeParse(value ?? {})
  if (!result.success) throw invalidInput(result.error)
  return result.data
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.errors))
    }
    if (isStoreUnavailable(error)) {
      // A locked SQLite file or a PostgreSQL restart lasts seconds: say so, rather than "something went wrong".
      request.log.warn({ reason: (error as Error).message }, 'request refused while the store cannot write')
      return reply.status(503).header('retry-after', '5')
        .send(errorBody(ErrorCode.storeUnavailable, 'The studio cannot save right now. Wait a few seconds and try again.'))
    }
    const failure = error as { statusCode?: number; code?: string; message?: string }
    const status = failure.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed')
      return reply.status(500).send(errorBody(ErrorCode.internal, 'Something went wrong on the server. Try again; if it keeps happening, tell an organiser.'))
    }
    if (status === 429) {
      return reply.status(429).send(errorBody(ErrorCode.rateLimited, 'Too many attempts. Wait a few minutes and try again.'))
    }
    // Fastify's own 4xx (malformed JSON, body too large, wrong content type).
    return reply.status(status).send(errorBody(failure.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too-large' : ErrorCode.invalid, failure.message ?? 'The request could not be read.'))
  })

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody(ErrorCode.notFound, `No route ${request.method} ${request.url}.`))
  })
}
