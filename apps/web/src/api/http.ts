/**
 * The one way the web app talks HTTP to the server. Every request is same-origin, so the
 * browser sends the session cookie and, on state-changing requests, the Origin header the
 * server checks. Failures become an ApiError carrying the server's stable error code,
 * so callers branch on `code`, never on messages.
 */
import { ErrorCode, type ErrorBody, type FieldError } from '@studio/contract'

/** Codes the client invents for failures that never reached a server answer. */
export const ClientErrorCode = {
  network: 'network',
  unexpectedResponse: 'unexpected-response',
} as const

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: string
  readonly field: string | null
  readonly errors: FieldError[]

  constructor(status: number, body: ErrorBody) {
    super(body.error.message)
    this.status = status
    this.code = body.error.code
    this.field = body.error.field
    this.errors = body.errors
  }
}

const jsonAccept = { accept: 'application/json' }

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Sends JSON, or a FormData as multipart: the browser then writes the content type
 * itself, with the boundary the body needs; a Blob goes as it is, with its own type.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || body instanceof FormData ? jsonAccept : { ...jsonAccept, 'content-type': body instanceof Blob ? body.type || 'application/octet-stream' : 'application/json' },
      body: body === undefined ? null : body instanceof FormData || body instanceof Blob ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, clientError(ClientErrorCode.network, 'The studio could not be reached. Check your connection and try again.'))
  }
  if (response.status === 204) return undefined as T
  const payload: unknown = await response.json().catch(() => null)
  if (response.ok) return payload as T
  throw new ApiError(response.status, toErrorBody(payload) ?? unexpected(response.status))
}

export const http = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** multipart/form-data, e.g. a sign-up with its attachment. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  /** A file as the request body, sent with its own content type (e.g. an import). */
  postFile: <T>(path: string, file: Blob) => request<T>('POST', path, file),
}

/** The server's error body, or null when the payload is something else (a proxy's HTML page). */
export function toErrorBody(payload: unknown): ErrorBody | null {
  const candidate = payload as Partial<ErrorBody> | null
  const error = candidate?.error
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return null
  const errors = Array.isArray(candidate?.errors) ? candidate.errors : []
  return { error: { code: error.code, message: error.message, field: error.field ?? null }, errors }
}

/** An error body for answers that did not carry one, e.g. a proxy's error page. */
function unexpected(status: number): ErrorBody {
  if (status === 429) return clientError(ErrorCode.rateLimited, 'Too many attempts. Wait a few minutes, then try again.')
  if (status >= 500) return clientError(ClientErrorCode.unexpectedResponse, 'The studio ran into a problem. Try again in a moment.')
  return clientError(ClientErrorCode.unexpectedResponse, `The studio answered with an unexpected error (${status}).`)
}

function clientError(code: string, message: string): ErrorBody {
  return { error: { code, message, field: null }, errors: [] }
}
