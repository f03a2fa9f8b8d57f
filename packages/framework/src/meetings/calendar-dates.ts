/**
 * Dates as people write them: the year only when it is not this year. "Thursday 10
 * September" is plain in September's year; a date in another year says which ("Thursday
 * 10 September 2027"), so nobody mistakes last year's meeting or next year's deadline for
 * one a few weeks away. The one helper every date the studio shows goes through.
 */

export interface DateFormatOptions {
  /** The zone the date is read in; the runtime's own when omitted. */
  timeZone?: string
  locale?: string
  /** Today, for tests. */
  now?: Date
}

/**
 * `date` formatted with `parts` (which should not ask for the year), with the year added
 * when the date falls in another year than `now`, both read in `timeZone`.
 */
export function formatDate(date: Date, parts: Intl.DateTimeFormatOptions, options: DateFormatOptions = {}): string {
  const { timeZone, locale = 'en-GB', now = new Date() } = options
  const years = new Intl.DateTimeFormat('en-GB', { year: 'numeric', ...(timeZone ? { timeZone } : {}) })
  const otherYear = years.format(date) !== years.format(now)
  const format = new Intl.DateTimeFormat(locale, { ...parts, ...(timeZone ? { timeZone } : {}), ...(otherYear ? { year: 'numeric' } : {}) })
  // With a year, en-GB puts a comma after the weekday ("Friday, 10 September 2027"); the
  // studio writes days as "Friday 10 September" either way.
  const pieces = format.formatToParts(date)
  return pieces.map((piece, index) => (piece.type === 'literal' && pieces[index - 1]?.type === 'weekday' && locale === 'en-GB' ? ' ' : piece.value)).join('')
}
