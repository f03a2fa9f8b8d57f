/**
 * Catching up (issue 14): what changed since the member last saw each document (What's new),
 * and for one document (a page's "since you were here" banner).
 */
import { activityPaths, type ActivityResponse, type DocumentActivity, type LastSeenResponse } from '@studio/contract'
import { http } from './http.ts'

export function fetchActivity(): Promise<ActivityResponse> {
  return http.get<ActivityResponse>(activityPaths.activity)
}

export async function fetchLastSeen(documentName: string): Promise<DocumentActivity> {
  return (await http.get<LastSeenResponse>(activityPaths.lastSeen(documentName))).document
}
