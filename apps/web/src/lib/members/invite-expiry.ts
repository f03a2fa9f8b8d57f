/**
 * An invite's expiry is chosen as a date; it lasts to the end of that day in the
 * organiser's zone and travels as an ISO instant, which is what the contract asks for.
 */
export const defaultInviteDays = 14

/** "2026-03-17": the value of a date input, in local time. */
export function dateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function defaultExpiryDate(now = new Date()): string {
  const later = new Date(now)
  later.setDate(later.getDate() + defaultInviteDays)
  return dateInputValue(later)
}

/** The last second of the chosen local day as an ISO instant, or '' for no usable date. */
export function expiryInstant(dateValue: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateValue)) return ''
  const end = new Date(`${dateValue}T23:59:59`)
  return Number.isNaN(end.getTime()) ? '' : end.toISOString()
}
