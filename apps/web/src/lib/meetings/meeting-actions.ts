/**
 * Action items on a meeting's page as plain logic: the owner choices (approved members,
 * plus an owner who has since left the list, so their name is not silently lost) and the
 * checks before an action is added.
 */
import type { Person } from '@studio/contract'
import { isCalendarDate, meetingItemLimits } from '@studio/framework'

export const nobody = ''

export interface OwnerOption {
  value: string
  label: string
}

/** "Nobody yet", then the members by name; the current owner is kept even when no longer listed. */
export function ownerOptions(people: readonly Person[], currentOwnerId: string | null = null): OwnerOption[] {
  const options = [...people]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((person) => ({ value: person.id, label: person.name }))
  if (currentOwnerId && !options.some((option) => option.value === currentOwnerId)) {
    options.push({ value: currentOwnerId, label: 'A former member' })
  }
  return [{ value: nobody, label: 'Nobody yet' }, ...options]
}

export interface ActionDraft {
  text: string
  ownerId: string
  /** 'YYYY-MM-DD' from a date input, or ''. */
  due: string
}

export type ActionDraftCheck =
  | { ok: true; action: { text: string; ownerId: string | null; due: string | null } }
  | { ok: false; errors: Partial<Record<keyof ActionDraft, string>> }

export function checkActionDraft(draft: ActionDraft): ActionDraftCheck {
  const errors: Partial<Record<keyof ActionDraft, string>> = {}
  const text = draft.text.trim()
  if (text === '') errors.text = 'Say what needs doing.'
  else if (text.length > meetingItemLimits.textMax) errors.text = `Keep it to ${meetingItemLimits.textMax} characters or fewer.`
  const due = draft.due.trim()
  if (due !== '' && !isCalendarDate(due)) errors.due = 'Choose a real due date, or leave it empty.'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, action: { text, ownerId: draft.ownerId === nobody ? null : draft.ownerId, due: due === '' ? null : due } }
}
