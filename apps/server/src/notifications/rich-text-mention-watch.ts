/**
 * Notices mentions typed into the rich-text documents (the terms of reference, a meeting's
 * agenda and notes), which members edit live over the socket, and tells each newly mentioned
 * member once. Joins Hocuspocus's extensions, as the meeting watch does: each loaded document
 * keeps a baseline of the members it mentions; a member's update on this instance that writes a
 * mention node is compared with it once the editing settles (no keystroke of theirs in that
 * document for `settleMs`, or `longestWaitMs` after the mention at most, so the notice quotes
 * the sentence they finished, not its first words), and the members mentioned now but
 * not before are told, the editor as the actor (the author the update log records for the same
 * socket). Changes without a member (the studio's own: imports, restores, seeds) and changes
 * relayed from other instances only move the baseline, so a mention the server restores tells
 * nobody. The notification's key is the mention node's own Yjs item, so two instances noticing
 * one mention record one notification. Who may be told (approved members who may read the
 * document, never the editor themself) is the repository's rule.
 */
import type { afterLoadDocumentPayload, Extension, onChangePayload } from '@hocuspocus/server'
import { DocumentName } from '@studio/contract'
import { mayWriteMention, mentionsInFragment, meetingTextFields, richTextField, type FoundMention } from '@studio/framework'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type * as Y from 'yjs'
import type { Database } from '../store/schema.ts'
import { settleMs } from './meeting-watch.ts'
import { documentLink, type NewNotification } from './notifications-repository.ts'

interface MentionWatchContext {
  db: Kysely<Database>
  log: FastifyBaseLogger
  /** "the terms of reference", "the meeting “Kick-off”". */
  describe(documentName: string): Promise<string>
  record(notifications: NewNotification[]): Promise<number>
}

export interface MentionWatch {
  extension: Extension
  /** Tells the mentions still settling and stops. */
  stop(): Promise<void>
}

/** The rich-text fields of a document that holds rich text, or none. */
export function richTextFieldsOf(documentName: string): readonly string[] {
  if (documentName === DocumentName.termsOfReference) return [richTextField]
  if (documentName.startsWith('meeting:')) return [meetingTextFields.agenda, meetingTextFields.notes]
  return []
}

function mentionsOf(documentName: string, doc: Y.Doc): FoundMention[] {
  return richTextFieldsOf(documentName).flatMap((field) => mentionsInFragment(doc, field))
}

/** A writer who never pauses is still told on: the notice goes out this long after their mention at most. */
export const longestWaitMs = 10_000

const mentionedIds = (mentions: readonly FoundMention[]) => new Set(mentions.map((mention) => mention.memberId))

function clip(text: string, max = 140): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

export function createMentionWatch(context: MentionWatchContext): MentionWatch {
  const baselines = new Map<string, Set<string>>()
  const settling = new Map<string, { actorId: string; timer: NodeJS.Timeout; doc: Y.Doc; since: number }>()
  const underWay = new Set<Promise<unknown>>()

  function track(work: Promise<unknown>, what: string): void {
    const running = work.catch((error: unknown) => context.log.error({ err: error }, `could not tell ${what}`)).finally(() => underWay.delete(running))
    underWay.add(running)
  }

  async function tell(documentName: string, doc: Y.Doc, actorId: string): Promise<void> {
    const before = baselines.get(documentName)
    const mentions = mentionsOf(documentName, doc)
    baselines.set(documentName, mentionedIds(mentions))
    if (!before) return
    // The first new mention of each member, in document order.
    const told = new Set<string>()
    const fresh = mentions.filter((mention) => !before.has(mention.memberId) && !told.has(mention.memberId) && told.add(mention.memberId))
    if (fresh.length === 0) return
    const [where, actor] = await Promise.all([
      context.describe(documentName),
      context.db.selectFrom('members').select('name').where('id', '=', actorId).executeTakeFirst(),
    ])
    const who = actor?.name ?? 'Someone'
    await context.record(fresh.map((mention) => ({
      kind: 'mention', recipientId: mention.memberId, dedupeKey: `mention:${documentName}:${mention.key}`, actorId,
      document: documentName, link: documentLink(documentName),
      text: `${who} mentioned you in ${where}: “${clip(mention.context)}”`,
    })))
  }

  /** Puts a settling notice off by another `settleMs`, within `longestWaitMs` of its mention. */
  function wait(documentName: string, pending: { timer: NodeJS.Timeout; since: number }): void {
    clearTimeout(pending.timer)
    const left = pending.since + longestWaitMs - Date.now()
    pending.timer = setTimeout(() => settle(documentName), Math.max(0, Math.min(settleMs, left))).unref()
  }

  function settle(documentName: string): void {
    const pending = settling.get(documentName)
    if (!pending) return
    settling.delete(documentName)
    clearTimeout(pending.timer)
    track(tell(documentName, pending.doc, pending.actorId), `the mentions in ${documentName}`)
  }

  return {
    extension: {
      extensionName: 'NotificationsMentionWatch',
      async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
        if (richTextFieldsOf(documentName).length > 0) baselines.set(documentName, mentionedIds(mentionsOf(documentName, document as unknown as Y.Doc)))
      },
      async onChange({ documentName, document, update, context: connection }: onChangePayload) {
        if (richTextFieldsOf(documentName).length === 0) return
        const member = (connection as { member?: { id: string } } | undefined)?.member
        const previous = settling.get(documentName)
        // Most updates are keystrokes: only one that writes a mention node can add a mention,
        // so only then is the text walked (a deleted mention stays in the baseline until the next walk).
        // The writer's keystrokes after a mention only put its notice off, until they pause.
        if (!mayWriteMention(update)) {
          if (member && previous?.actorId === member.id) wait(documentName, previous)
          return
        }
        const doc = document as unknown as Y.Doc
        if (!member) {
          // The studio's own change, or another instance's: told there, if at all.
          if (!previous) baselines.set(documentName, mentionedIds(mentionsOf(documentName, doc)))
          return
        }
        if (previous && previous.actorId !== member.id) settle(documentName)
        if (previous?.actorId === member.id) wait(documentName, previous)
        else settling.set(documentName, { actorId: member.id, doc, since: Date.now(), timer: setTimeout(() => settle(documentName), settleMs).unref() })
      },
      async afterUnloadDocument({ documentName }: { documentName: string }) {
        settle(documentName)
        baselines.delete(documentName)
      },
    },
    async stop() {
      for (const documentName of [...settling.keys()]) settle(documentName)
      while (underWay.size > 0) await Promise.all(underWay)
    },
  }
}
