import type { MyAction } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { groupByMeeting } from './my-actions.ts'

const action = (meetingId: string, actionId: string, due: string | null): MyAction => ({
  meetingId,
  meetingTitle: `Meeting ${meetingId}`,
  actionId,
  text: actionId,
  due,
  done: false,
})

describe('groupByMeeting', () => {
  it('keeps the order of the list: the meeting with the soonest due action first, each meeting once', () => {
    const groups = groupByMeeting([action('b', 'b1', '2026-01-02'), action('a', 'a1', '2026-01-03'), action('b', 'b2', '2026-02-01'), action('a', 'a2', null)])
    expect(groups.map((group) => [group.meetingId, group.actions.map((item) => item.actionId)])).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
    ])
    expect(groups[0]!.meetingTitle).toBe('Meeting b')
  })

  it('is empty for no actions', () => {
    expect(groupByMeeting([])).toEqual([])
  })
})
