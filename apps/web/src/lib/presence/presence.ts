/**
 * Who is on a document now, from the Hocuspocus awareness states every open tab publishes:
 * the member, their clock's zone, whether they said they are in the room or remote for this
 * meeting, and whether they are idle. Who a state belongs to (`memberId`, `name`, and the
 * `role` beside them) is what the server vouches for: it replaces them with the session's
 * before anyone sees the state (apps/server/src/collab/vouched-presence-extension.ts), and a
 * client cannot write another's entry. The rest comes from other browsers, so each state is
 * checked before it is shown; a person with several tabs open appears once.
 */
import { isTimeZone } from '@studio/contract'

/** The awareness field this app publishes; carets use their own `user` and `cursor` fields. */
export const presenceField = 'presence'

/** After this long without keyboard, pointer or scroll input, a person shows as idle. */
export const idleAfterMs = 5 * 60_000

export type RoomOrRemote = 'room' | 'remote'

export const attendanceLabels: Record<RoomOrRemote, string> = {
  room: 'In the room',
  remote: 'Remote',
}

export interface PresenceState {
  memberId: string
  name: string
  colour: string
  /** The IANA zone of the person's own clock (their browser's). */
  timeZone: string | null
  /** Only meaningful on a meeting's page; null when not said. */
  attendance: RoomOrRemote | null
  idle: boolean
}

export interface PresentPerson extends PresenceState {
  isYou: boolean
  /** How many tabs or windows the person has open on the document. */
  tabs: number
}

const colourPattern = /^#[0-9a-f]{6}$/i
const fallbackColour = '#52606d'

/** A published presence state, or null when it is missing or malformed. */
export function parsePresence(value: unknown): PresenceState | null {
  if (typeof value !== 'object' || value === null) return null
  const state = value as Record<string, unknown>
  const { memberId, name, colour, timeZone, attendance, idle } = state
  if (typeof memberId !== 'string' || memberId === '' || memberId.length > 100) return null
  if (typeof name !== 'string' || name.trim() === '') return null
  return {
    memberId,
    name: name.trim().slice(0, 200),
    colour: typeof colour === 'string' && colourPattern.test(colour) ? colour : fallbackColour,
    timeZone: typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : null,
    attendance: attendance === 'room' || attendance === 'remote' ? attendance : null,
    idle: idle === true,
  }
}

/**
 * Everyone on the document, once each: you first, then people who are active, then idle
 * ones, each group by name. A person counts as active when any of their tabs is, and their
 * attendance is the one said in their most recently active tab.
 */
export function presentPeople(states: ReadonlyMap<number, unknown>, ownMemberId: string | null): PresentPerson[] {
  const byMember = new Map<string, PresentPerson>()
  for (const [, state] of [...states.entries()].sort(([a], [b]) => a - b)) {
    const presence = parsePresence((state as Record<string, unknown> | null)?.[presenceField])
    if (!presence) continue
    const known = byMember.get(presence.memberId)
    if (!known) {
      byMember.set(presence.memberId, { ...presence, isYou: presence.memberId === ownMemberId, tabs: 1 })
      continue
    }
    known.tabs += 1
    const preferThis = known.idle && !presence.idle
    known.idle = known.idle && presence.idle
    if (preferThis || known.attendance === null) known.attendance = presence.attendance ?? known.attendance
    if (preferThis || known.timeZone === null) known.timeZone = presence.timeZone ?? known.timeZone
  }
  return [...byMember.values()].sort(
    (a, b) =>
      Number(b.isYou) - Number(a.isYou) ||
      Number(a.idle) - Number(b.idle) ||
      a.name.localeCompare(b.name, 'en-GB') ||
      a.memberId.localeCompare(b.memberId),
  )
}

/** "14:05": the time now on a clock in `timeZone`; null for an unknown zone. */
export function localTime(timeZone: string | null, now: Date, locale = 'en-GB'): string | null {
  if (!timeZone) return null
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now)
  } catch {
    return null
  }
}

/** Milliseconds until the clock next shows a new minute, so displayed times turn over on time. */
export function msUntilNextMinute(now: number): number {
  return 60_000 - (((now % 60_000) + 60_000) % 60_000)
}

/** Idle after `idleAfterMs` without input, or at once while the tab is hidden. */
export function isIdle(facts: { lastInputAt: number; now: number; hidden: boolean }, after = idleAfterMs): boolean {
  return facts.hidden || facts.now - facts.lastInputAt >= after
}

/** The number of people in words, for the panel's heading: "3 people here now". */
export function peopleHereLabel(count: number): string {
  return count === 1 ? '1 person here now' : `${count} people here now`
}
