import type { Person } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { checkActionDraft, nobody, ownerOptions } from './meeting-actions.ts'

const people: Person[] = [
  { id: 'b', name: 'Bob Contributor', role: 'contributor', timezone: 'America/New_York', location: null, organisation: null, attendance: 'remote', email: null },
  { id: 'a', name: 'Alice Organiser', role: 'organiser', timezone: 'Europe/London', location: 'London', organisation: null, attendance: 'in-person', email: null },
]

describe('ownerOptions', () => {
  it('offers nobody first, then the members by name', () => {
    expect(ownerOptions(people).map((option) => option.label)).toEqual(['Nobody yet', 'Alice Organiser', 'Bob Contributor'])
  })

  it('keeps an owner who is no longer among the members', () => {
    expect(ownerOptions(people, 'gone').at(-1)).toEqual({ value: 'gone', label: 'A former member' })
    expect(ownerOptions(people, 'a')).toHaveLength(3)
  })
})

describe('checkActionDraft', () => {
  it('accepts an action with an owner and a due date', () => {
    expect(checkActionDraft({ text: '  Draft the survey ', ownerId: 'b', due: '2026-08-01' })).toEqual({
      ok: true,
      action: { text: 'Draft the survey', ownerId: 'b', due: '2026-08-01' },
    })
  })

  it('treats no owner and no date as empty, not as values', () => {
    expect(checkActionDraft({ text: 'Book the room', ownerId: nobody, due: '' })).toEqual({
      ok: true,
      action: { text: 'Book the room', ownerId: null, due: null },
    })
  })

  it('says what is wrong with each field', () => {
    expect(checkActionDraft({ text: ' ', ownerId: nobody, due: '2026-02-30' })).toEqual({
      ok: false,
      errors: { text: 'Say what needs doing.', due: 'Choose a real due date, or leave it empty.' },
    })
    const long = checkActionDraft({ text: 'x'.repeat(2001), ownerId: nobody, due: '' })
    expect(long.ok ? null : long.errors.text).toMatch(/2000 characters/)
  })
})
