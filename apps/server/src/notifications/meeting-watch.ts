/**
 * Notices what happens in meeting documents, which members edit live over the socket: an
 * action given to a member (its owner becomes them) and a decision recorded. Joins
 * Hocuspocus's extensions. Each loaded meeting keeps a baseline of its actions' owners and
 * its decisions; a member's change to them on this instance is compared with it once the
 * editing settles (a decision is typed after it is added), and the differences are told.
 * Changes relayed from other instances only move the baseline: the instance whose socket
 * made a change tells of it, and the dedupe key keeps a double notice one.
 *
 * Who "attended" a meeting: the model has no attendance, so it is the members who opened or
 * edited the meeting's document (meeting_participants), recorded as they connect.
 */
import type { afterLoadDocumentPayload, connectedPayload, Extension, onChangePayload } from '@hocuspocus/server'
import { meetingsDocumentName, observeMeetingItems, readActions, readDecisions, readMeetings } from '@studio/framework'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import { everyMeeting } from '../meetings/every-meeting.ts'
import type { Database } from '../store/schema.ts'
import { addDays, localDate } from './digest-schedule.ts'
import type { NewNotification } from './notifications-repository.ts'

const meetingPrefix = 'meeting:'
/** How long a meeting stays without a member's edit before its changes are told. */
export const settleMs = 1500

interface Baseline {
  owners: Map<string, string | null>
  decisions: Set<string>
}

interface MeetingWatchContext {
  db: Kysely<Database>
  serverChanges: ServerChanges
  log: FastifyBaseLogger
  now(): Date
  record(notifications: NewNotification[]): Promise<number>
}

export interface MeetingWatch {
  extension: Extension
  /** Tells each action's owner whose action is due tomorrow in their zone (once per action and date). */
  remindDueActions(): Promise<number>
  /** Tells the changes still settling and stops. */
  stop(): Promise<void>
}

function baselineOf(doc: Y.Doc): Baseline {
  return {
    owners: new Map(readActions(doc).map((action) => [action.id, action.ownerId])),
    decisions: new Set(readDecisions(doc).map((decision) => decision.id)),
  }
}

function clip(text: string, max = 140): string {
  const plain = text.replace(/\s+/g, ' ').trim()
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain
}

export function createMeetingWatch(context: MeetingWatchContext): MeetingWatch {
  const baselines = new Map<string, Baseline>()
  const settling = new Map<string, { actorId: string; timer: NodeJS.Timeout; doc: Y.Doc }>()
  const seen = new Set<string>()
  /** Meetings whose decisions or actions changed since their last change was looked at. */
  const itemsChanged = new Set<string>()
  const underWay = new Set<Promise<unknown>>()

  function track(work: Promise<unknown>, what: string): void {
    const running = work.catch((error: unknown) => context.log.error({ err: error }, `could not tell ${what}`)).finally(() => underWay.delete(running))
    underWay.add(running)
  }

  /** Records a participant once per instance: called for every edit, so a known one costs a lookup. */
  function noteParticipant(meetingId: string, memberId: string): void {
    const key = `${meetingId}\n${memberId}`
    if (seen.has(key)) return
    seen.add(key)
    track(context.db.insertInto('meeting_participants')
      .values({ meeting_id: meetingId, member_id: memberId, first_seen_at: context.now().toISOString() })
      .onConflict((conflict) => conflict.columns(['meeting_id', 'member_id']).doNothing()).execute(), 'a meeting participant')
  }

  async function meetingTitle(meetingId: string): Promise<string> {
    const meetings = await everyMeeting(context.serverChanges).catch(() => [])
    return meetings.find((meeting) => meeting.id === meetingId)?.title ?? 'a meeting'
  }

  async function tell(documentName: string, doc: Y.Doc, actorId: string): Promise<void> {
    const meetingId = documentName.slice(meetingPrefix.length)
    const before = baselines.get(documentName)
    const after = baselineOf(doc)
    baselines.set(documentName, after)
    if (!before) return
    const assigned = readActions(doc).filter((action) => action.ownerId && !action.done && before.owners.get(action.id) !== action.ownerId)
    const decided = readDecisions(doc).filter((decision) => !before.decisions.has(decision.id))
    if (assigned.length === 0 && decided.length === 0) return
    const [title, actor, participants] = await Promise.all([
      meetingTitle(meetingId),
      context.db.selectFrom('members').select('name').where('id', '=', actorId).executeTakeFirst(),
      decided.length > 0 ? context.db.selectFrom('meeting_participants').select('member_id').where('meeting_id', '=', meetingId).execute() : [],
    ])
    const who = actor?.name ?? 'Someone'
    const link = `/meetings/${meetingId}`
    const notifications: NewNotification[] = assigned.map((action) => ({
      kind: 'action-assigned', recipientId: action.ownerId!, dedupeKey: `assigned:${meetingId}:${action.id}:${action.ownerId}`,
      actorId, document: documentName, link,
      text: `${who} gave you an action in “${title}”: “${clip(action.text) || 'an action'}”${action.due ? `, due ${action.due}` : ''}.`,
    }))
    for (const decision of decided) {
      for (const participant of participants) {
        notifications.push({
          kind: 'decision', recipientId: participant.member_id, dedupeKey: `decision:${meetingId}:${decision.id}`, actorId, document: documentName, link,
          text: `${who} recorded a decision in “${title}”${decision.text.trim() ? `: “${clip(decision.text)}”` : '.'}`,
        })
      }
    }
    await context.record(notifications)
  }

  function settle(documentName: string): void {
    const pending = settling.get(documentName)
    if (!pending) return
    settling.delete(documentName)
    clearTimeout(pending.timer)
    track(tell(documentName, pending.doc, pending.actorId), `the changes to ${documentName}`)
  }

  async function remindDueActions(): Promise<number> {
    const now = context.now()
    const meetings = await context.serverChanges.read(meetingsDocumentName, (doc) => readMeetings(doc))
    const zones = new Map((await context.db.selectFrom('members').select(['id', 'timezone']).where('status', '=', 'approved').execute()).map((m) => [m.id, m.timezone]))
    let told = 0
    for (const meeting of meetings) {
      const documentName = `${meetingPrefix}${meeting.id}`
      const actions = await context.serverChanges.read(documentName, (doc) => readActions(doc))
      const due = actions.filter((action) => {
        const zone = action.ownerId ? zones.get(action.ownerId) : undefined
        return !action.done && action.due && zone && addDays(localDate(now, zone), 1) === action.due
      })
      told += await context.record(due.map((action) => ({
        kind: 'action-due', recipientId: action.ownerId!, dedupeKey: `due:${meeting.id}:${action.id}:${action.due}`, actorId: null,
        document: documentName, link: `/meetings/${meeting.id}`,
        text: `Your action from “${meeting.title}” is due tomorrow: “${clip(action.text) || 'an action'}”.`,
      })))
    }
    return told
  }

  return {
    extension: {
      extensionName: 'NotificationsMeetingWatch',
      async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
        if (!documentName.startsWith(meetingPrefix)) return
        const doc = document as unknown as Y.Doc
        baselines.set(documentName, baselineOf(doc))
        observeMeetingItems(doc, () => itemsChanged.add(documentName))
      },
      async connected({ documentName, context: connection }: connectedPayload) {
        const member = (connection as { member?: { id: string } } | undefined)?.member
        if (documentName.startsWith(meetingPrefix) && member) noteParticipant(documentName.slice(meetingPrefix.length), member.id)
      },
      async onChange({ documentName, document, context: connection }: onChangePayload) {
        if (!documentName.startsWith(meetingPrefix)) return
        const doc = document as unknown as Y.Doc
        const member = (connection as { member?: { id: string } } | undefined)?.member
        if (member) noteParticipant(documentName.slice(meetingPrefix.length), member.id)
        // Most changes are words in the notes: only one to the decisions or actions is compared.
        if (!itemsChanged.delete(documentName)) return
        if (!member) {
          // Another instance's (or the studio's own) change: it is told there, if at all.
          if (!settling.has(documentName)) baselines.set(documentName, baselineOf(doc))
          return
        }
        const previous = settling.get(documentName)
        if (previous && previous.actorId !== member.id) settle(documentName)
        else if (previous) clearTimeout(previous.timer)
        settling.set(documentName, { actorId: member.id, doc, timer: setTimeout(() => settle(documentName), settleMs).unref() })
      },
      async afterUnloadDocument({ documentName }: { documentName: string }) {
        settle(documentName)
        baselines.delete(documentName)
        itemsChanged.delete(documentName)
      },
    },
    remindDueActions,
    async stop() {
      for (const documentName of [...settling.keys()]) settle(documentName)
      while (underWay.size > 0) await Promise.all(underWay)
    },
  }
}
