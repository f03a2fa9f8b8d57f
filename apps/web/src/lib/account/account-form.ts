/**
 * The account form's words and values: the notification choices in words, the digest hours
 * of a day, the zones to choose from, and the form's draft as the PATCH /api/me body.
 */
import type { Account, AccountChangesInput, CreditChoice, EmailNotificationChoice } from '@studio/contract'
import { creditChoices, emailNotificationChoices } from '@studio/contract'

export const emailNotificationLabels: Record<EmailNotificationChoice, string> = {
  off: 'No email: I will look in the studio',
  immediate: 'As things happen (gathered over 5 minutes)',
  daily: 'A daily digest',
  weekly: 'A weekly digest',
}

export const emailNotificationOptions = emailNotificationChoices.map((value) => ({ value, label: emailNotificationLabels[value] }))

export const creditLabels: Record<CreditChoice, string> = {
  name: 'By my name',
  initials: 'By my initials',
  none: 'Do not name me (I am counted, not named)',
}

export const creditOptions = creditChoices.map((value) => ({ value, label: creditLabels[value] }))

/** "00:00" to "23:00": the hour of the member's own zone a digest arrives at. */
export const digestHourOptions = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${String(hour).padStart(2, '0')}:00` }))

/** Every zone the browser knows, with the member's own first in line if the list lacks it (an older alias). */
export function timeZoneOptions(known: readonly string[], current: string): Array<{ value: string; label: string }> {
  const zones = known.includes(current) || !current ? [...known] : [current, ...known]
  return zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))
}

export interface AccountDraft {
  name: string
  timezone: string
  location: string
  shareEmail: boolean
  credit: CreditChoice
  email: EmailNotificationChoice
  digestHour: string
}

export function draftFrom(account: Account): AccountDraft {
  return {
    name: account.name,
    timezone: account.timezone,
    location: account.location ?? '',
    shareEmail: account.shareEmail,
    credit: account.credit,
    email: account.notifications.email,
    digestHour: String(account.notifications.digestHour),
  }
}

export function draftToChanges(draft: AccountDraft): AccountChangesInput {
  return {
    name: draft.name,
    timezone: draft.timezone,
    location: draft.location,
    shareEmail: draft.shareEmail,
    credit: draft.credit,
    notifications: { email: draft.email, digestHour: Number(draft.digestHour) },
  }
}

/** zod issues keyed as the server keys them ("notifications.digestHour"), so both land on the same field. */
export function issuesByPath(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Array<{ field: string; message: string }> {
  return issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }))
}
