/**
 * Field errors for a form, whichever side found them: the contract's zod schema before
 * sending (same rules and messages as the server) or the server's error body after.
 */
import type { FieldError } from '@studio/contract'

export type FieldErrors = Record<string, string>

/** The first message per field, in the shape the form templates read. */
export function fieldErrorsFrom(errors: readonly FieldError[]): FieldErrors {
  const byField: FieldErrors = {}
  for (const { field, message } of errors) byField[field] ??= message
  return byField
}

/** zod issues as the contract's FieldError list (the field is the top-level key). */
export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }))
}

/** One line of an error summary: the message, and the id of the control it links to (if any). */
export interface SummaryItem {
  message: string
  target: string | null
}
