/**
 * The compare of two states of a meeting's document: the agenda and the notes as rich text
 * (text-compare.ts), then each decision and action added, archived, restored, edited or
 * moved, and an action's owner, due date and done flag.
 */
import type { ActionChange, DecisionChange, HistoryChange } from '@studio/contract'
import * as Y from 'yjs'
import { readActions, readDecisions, type Action, type Decision } from '../meetings/meeting-document.ts'
import { sortedAuthors, type ChangeAuthors } from './attribution.ts'
import { readRichTextTree } from './rich-text-tree.ts'
import { compareRichText } from './text-compare.ts'

export const meetingTextFields = ['agenda', 'notes'] as const

export function compareMeeting(olderDoc: Y.Doc, newerDoc: Y.Doc, authors: ChangeAuthors): HistoryChange[] {
  const changes: HistoryChange[] = []
  for (const field of meetingTextFields) {
    const text = compareRichText(readRichTextTree(olderDoc, field), readRichTextTree(newerDoc, field), authors)
    if (text) changes.push({ type: 'text', field, ...text })
  }
  changes.push(...compareItems(olderDoc, newerDoc, 'decisions', authors))
  changes.push(...compareItems(olderDoc, newerDoc, 'actions', authors))
  return changes
}

/** A decision, or an action (which has more fields). */
type Item = Decision | Action

function compareItems(olderDoc: Y.Doc, newerDoc: Y.Doc, kind: 'decisions' | 'actions', authors: ChangeAuthors): Array<DecisionChange | ActionChange> {
  const read = (doc: Y.Doc): Item[] => (kind === 'decisions' ? readDecisions(doc, { includeArchived: true }) : readActions(doc, { includeArchived: true }))
  const olderItems = read(olderDoc)
  const newerItems = read(newerDoc)
  const olderById = new Map(olderItems.map((item) => [item.id, item]))
  const newerById = new Map(newerItems.map((item) => [item.id, item]))
  const index = (items: Item[], id: string) => items.findIndex((item) => item.id === id)
  const mapOf = (doc: Y.Doc, id: string) => {
    const map: unknown = doc.getMap(kind).get(id)
    return map instanceof Y.Map ? (map as Y.Map<unknown>) : undefined
  }
  const type = kind === 'decisions' ? 'decision' : 'action'
  const changes: Array<DecisionChange | ActionChange> = []
  for (const id of new Set([...newerItems, ...olderItems].map((item) => item.id))) {
    const before = olderById.get(id)
    const after = newerById.get(id)
    const beforeMap = mapOf(olderDoc, id)
    const afterMap = mapOf(newerDoc, id)
    const who = new Set<string>()
    if (!before || !after) {
      if (after) authors.addCreator(who, afterMap?._item?.id)
      else authors.addDeleter(who, beforeMap?._item?.id)
      changes.push({ type, id, text: (after ?? before)!.text, change: after ? 'added' : 'archived', authors: sortedAuthors(who) })
      continue
    }
    const change: DecisionChange | ActionChange = { type, id, text: after.text, change: 'changed', authors: [] }
    const key = (field: string) => {
      for (const author of authors.ofMapKey(beforeMap, afterMap, field)) who.add(author)
    }
    if (before.archived !== after.archived) {
      change.change = after.archived ? 'archived' : 'restored'
      key('archived')
    }
    if (before.text !== after.text) {
      change.edited = { from: before.text, to: after.text }
      authors.ofText(beforeMap?.get('text') as Y.Text | undefined, afterMap?.get('text') as Y.Text | undefined, who)
    }
    if (before.order !== after.order) {
      change.moved = { from: index(olderItems, id), to: index(newerItems, id) }
      key('order')
    }
    if (change.type === 'action') {
      const [b, a] = [before as Action, after as Action]
      if (b.ownerId !== a.ownerId) {
        change.owner = { from: b.ownerId, to: a.ownerId }
        key('ownerId')
      }
      if (b.due !== a.due) {
        change.due = { from: b.due, to: a.due }
        key('due')
      }
      if (b.done !== a.done) {
        change.done = { from: b.done, to: a.done }
        key('done')
      }
    }
    const touched = change.change !== 'changed' || change.edited || change.moved || (change.type === 'action' && (change.owner || change.due || change.done))
    if (!touched) continue
    change.authors = sortedAuthors(who)
    changes.push(change)
  }
  return changes
}
