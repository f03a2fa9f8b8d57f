/**
 * My actions, grouped by the meeting they come from: each meeting's document is opened once
 * (to tick an action done in it), and the meeting with the soonest due action comes first,
 * as the server's list is ordered soonest due first.
 */
import type { MyAction } from '@studio/contract'

export interface MyActionsFromMeeting {
  meetingId: string
  meetingTitle: string
  actions: MyAction[]
}

export function groupByMeeting(actions: readonly MyAction[]): MyActionsFromMeeting[] {
  const groups = new Map<string, MyActionsFromMeeting>()
  for (const action of actions) {
    let group = groups.get(action.meetingId)
    if (!group) {
      group = { meetingId: action.meetingId, meetingTitle: action.meetingTitle, actions: [] }
      groups.set(action.meetingId, group)
    }
    group.actions.push(action)
  }
  return [...groups.values()]
}
