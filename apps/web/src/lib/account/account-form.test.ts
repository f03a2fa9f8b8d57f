import { accountChangesBody, type Account } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { digestHourOptions, draftFrom, draftToChanges, issuesByPath, timeZoneOptions } from './account-form.ts'

const account = {
  id: 'a', name: 'Ada', email: 'ada@example.org', role: 'contributor', status: 'approved', organisation: null, jobTitle: null,
  location: null, timezone: 'Europe/London', pmoTypes: [], frameworkExperience: null, contribution: null, attendance: 'remote',
  hasAttachment: false, createdAt: '2026-01-01T00:00:00Z', decidedAt: null, reason: null,
  notifications: { email: 'daily', digestHour: 8 }, shareEmail: false, credit: 'initials',
} satisfies Account

describe('the account form', () => {
  it('sends back what it was given as a valid change', () => {
    const changes = draftToChanges(draftFrom(account))
    expect(changes).toEqual({ name: 'Ada', timezone: 'Europe/London', location: '', shareEmail: false, credit: 'initials', notifications: { email: 'daily', digestHour: 8 } })
    expect(accountChangesBody.parse(changes).location).toBeNull()
  })

  it('offers every hour of the day for the digest', () => {
    expect(digestHourOptions).toHaveLength(24)
    expect(digestHourOptions[8]).toEqual({ value: '8', label: '08:00' })
  })

  it('keeps a zone the browser does not list, so the form never changes it unasked', () => {
    expect(timeZoneOptions(['Europe/London'], 'US/Eastern').map((option) => option.value)).toEqual(['US/Eastern', 'Europe/London'])
    expect(timeZoneOptions(['America/New_York'], 'America/New_York')[0]!.label).toBe('America/New York')
  })

  it('keys nested problems as the server does', () => {
    const result = accountChangesBody.safeParse({ notifications: { digestHour: 30 } })
    expect(result.success).toBe(false)
    expect(issuesByPath(result.error!.issues)).toEqual([{ field: 'notifications.digestHour', message: expect.stringContaining('0 to 23') }])
  })
})
