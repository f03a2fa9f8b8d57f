/**
 * Presence on one document: publishes who this tab's person is (name, colour, their
 * clock's zone, in the room or remote for a meeting, idle) in the provider's awareness and
 * lists everyone else who does the same. The awareness state leaves with the provider.
 */
import type { Member } from '@studio/contract'
import { computed, shallowRef, toValue, watch, onScopeDispose, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import { memberColour } from '../lib/presence/member-colour.ts'
import { presenceField, presentPeople, type RoomOrRemote, type PresenceState, type PresentPerson } from '../lib/presence/presence.ts'
import type { CollabDocument } from './useCollabDocument.ts'
import { useIdle } from './useIdle.ts'

export interface PresenceOptions {
  member: MaybeRefOrGetter<Member | null>
  /** Where the person said they are for this meeting; leave out on documents that are not meetings. */
  attendance?: MaybeRefOrGetter<RoomOrRemote | null>
}

export function usePresence(collab: CollabDocument, options: PresenceOptions): ComputedRef<PresentPerson[]> {
  const awareness = collab.provider.awareness
  const idle = useIdle()
  const states = shallowRef<ReadonlyMap<number, unknown>>(new Map())
  const ownZone = browserTimeZone()

  const ownState = computed<PresenceState | null>(() => {
    const member = toValue(options.member)
    if (!member) return null
    return {
      memberId: member.id,
      name: member.name,
      colour: memberColour(member.id),
      // The browser's zone is where the person is today, even when travelling; the
      // profile's zone is the fallback.
      timeZone: ownZone ?? member.timezone,
      attendance: toValue(options.attendance) ?? null,
      idle: idle.value,
    }
  })

  function refresh(): void {
    states.value = new Map(awareness?.getStates() ?? [])
  }

  watch(ownState, (state) => awareness?.setLocalStateField(presenceField, state), { immediate: true })
  awareness?.on('change', refresh)
  refresh()
  onScopeDispose(() => awareness?.off('change', refresh))

  return computed(() => presentPeople(states.value, toValue(options.member)?.id ?? null))
}

function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null
  } catch {
    return null
  }
}
