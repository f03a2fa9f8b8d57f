/**
 * The one error shape every HTTP route answers with:
 * `{"error":{"code","message","field"}, "errors":[{"field","message"}]}`.
 * `field` is the first invalid field; `errors` lists every invalid field.
 */
export interface FieldError {
  field: string
  message: string
}

export interface ErrorBody {
  error: { code: string; message: string; field: string | null }
  errors: FieldError[]
}

/** Stable codes; clients branch on these, never on messages. */
export const ErrorCode = {
  invalid: 'invalid',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  badOrigin: 'bad-origin',
  notFound: 'not-found',
  conflict: 'conflict',
  emailTaken: 'email-taken',
  invalidCredentials: 'invalid-credentials',
  suspended: 'suspended',
  rateLimited: 'rate-limited',
  setupLinkInvalid: 'setup-link-invalid',
  notPending: 'not-pending',
  fileTooLarge: 'file-too-large',
  fileTypeNotAllowed: 'file-type-not-allowed',
  inviteInvalid: 'invite-invalid',
  confirmationInvalid: 'confirmation-invalid',
  /** A password reset link that is unknown, used or past its hour. */
  resetLinkInvalid: 'reset-link-invalid',
  /** A comment on a consultation round before it opens or after it closes. */
  roundNotOpen: 'round-not-open',
  internal: 'internal',
  /** The store cannot write for a moment (a locked SQLite file, a PostgreSQL restart): try again shortly. */
  storeUnavailable: 'store-unavailable',
} as const

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export function errorBody(code: string, message: string, errors: FieldError[] = []): ErrorBody {
  return { error: { code, message, field: errors[0]?.field ?? null }, errors }
}
