/**
 * The meeting endpoints the web app calls over HTTP: the approved members (owners for
 * actions), the member's open actions across every meeting, and the download addresses
 * (the calendar file). Meetings themselves are read and written through their live
 * documents, not here.
 */
import type { MyAction, MyActionsResponse, Person } from '@studio/contract'
import { http } from './http.ts'

export async function fetchPeople(): Promise<Person[]> {
  return (await http.get<{ people: Person[] }>('/api/people')).people
}

export async function fetchMyActions(): Promise<MyAction[]> {
  return (await http.get<MyActionsResponse>('/api/my-actions')).actions
}

/** The meeting as a calendar file (only dated meetings have one). */
export function meetingCalendarUrl(meetingId: string): string {
  return `/api/meetings/${encodeURIComponent(meetingId)}.ics`
}

