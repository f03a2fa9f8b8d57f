/**
 * A meeting's own document, `meeting:<id>`, written by organisers and contributors alike:
 *
 * - `agenda`, `notes`: Tiptap rich text (the schema of text/rich-text-extensions.ts)
 * - `decisions`: id -> Y.Map { text: Y.Text, order, createdAt, archived }
 * - `actions`: id -> Y.Map { text: Y.Text, ownerId (member id or null), due ('YYYY-MM-DD' or
 *   null), done, order, archived, createdAt }
 *
 * Like the matrix, rows are flat maps keyed by id, ordered by fractional keys, and archived
 * rather than deleted, so a row edited by one person while another removes it is never lost.
 * Each text is a Y.Text edited by its smallest change, so two people fixing different words of
 * one action keep both fixes.
 */
import * as Y from 'yjs'
import { newId, idPattern } from '../matrix/ids.ts'
import { byOrder, keyAt, type Ordered } from '../matrix/order.ts'
import { replaceText } from '../matrix/text.ts'
import { MeetingError } from './meetings-index.ts'

/** Names of the rich-text fragments in a meeting document. */
export const meetingTextFields = { agenda: 'agenda', notes: 'notes' } as const
export type MeetingTextField = (typeof meetingTextFields)[keyof typeof meetingTextFields]

export const meetingItemLimits = { textMax: 2000 } as const

type ItemMap = Y.Map<Y.Text | string | boolean | null>

export interface Decision {
  id: string
  text: string
  order: string
  createdAt: string
  archived: boolean
}

export interface Action {
  id: string
  text: string
  ownerId: string | null
  due: string | null
  done: boolean
  order: string
  createdAt: string
  archived: boolean
}

type ItemKind = 'decisions' | 'actions'

const itemsMap = (doc: Y.Doc, kind: ItemKind) => doc.getMap<ItemMap>(kind)

/** 'YYYY-MM-DD' naming a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function checkText(text: string): void {
  if (text.length > meetingItemLimits.textMax) {
    throw new MeetingError(`Keep it to ${meetingItemLimits.textMax} characters or fewer.`, [
      { field: 'text', message: `Keep it to ${meetingItemLimits.textMax} characters or fewer.` },
    ])
  }
}

function checkDue(due: string | null | undefined): void {
  if (due != null && !isCalendarDate(due)) {
    throw new MeetingError('Choose a real due date, written like 2025-07-31.', [{ field: 'due', message: 'Choose a real due date, written like 2025-07-31.' }])
  }
}

function checkOwner(ownerId: string | null | undefined): void {
  if (ownerId != null && (ownerId === '' || ownerId.length > 200)) {
    throw new MeetingError('Choose an owner from the members, or nobody.', [{ field: 'ownerId', message: 'Choose an owner from the members, or nobody.' }])
  }
}

function siblings(doc: Y.Doc, kind: ItemKind, except?: string): Ordered[] {
  const list: Ordered[] = []
  itemsMap(doc, kind).forEach((item, id) => {
    if (id !== except && item instanceof Y.Map) list.push({ id, order: String(item.get('order') ?? '') })
  })
  return list.sort(byOrder)
}

function requireItem(doc: Y.Doc, kind: ItemKind, id: string): ItemMap {
  const item = itemsMap(doc, kind).get(id)
  if (!(item instanceof Y.Map)) throw new MeetingError(`There is no ${kind === 'decisions' ? 'decision' : 'action'} with id ${id}.`)
  return item
}

function textOf(item: ItemMap): Y.Text {
  const text = item.get('text')
  if (!(text instanceof Y.Text)) throw new MeetingError('This item has no text.')
  return text
}

interface NewItem {
  text: string
  /** Position among the others; at the end when omitted. */
  index?: number
  /** Kept when given; otherwise a new one. */
  id?: string
  /** ISO time; now when omitted. */
  createdAt?: string
}

function addItem(doc: Y.Doc, kind: ItemKind, fields: NewItem, extra: Record<string, string | boolean | null>, origin: unknown): string {
  checkText(fields.text)
  const id = fields.id ?? newId(kind === 'decisions' ? 'decision' : 'action')
  if (!idPattern.test(id)) throw new MeetingError('An id is lower-case letters, digits and hyphens.')
  if (itemsMap(doc, kind).has(id)) throw new MeetingError(`There is already an item with id ${id}.`)
  doc.transact(() => {
    const list = siblings(doc, kind)
    const item: ItemMap = new Y.Map()
    item.set('text', new Y.Text(fields.text))
    item.set('order', keyAt(list, fields.index ?? list.length))
    item.set('createdAt', fields.createdAt ?? new Date().toISOString())
    item.set('archived', false)
    for (const [key, value] of Object.entries(extra)) item.set(key, value)
    itemsMap(doc, kind).set(id, item)
  }, origin)
  return id
}

function moveItem(doc: Y.Doc, kind: ItemKind, id: string, index: number, origin: unknown): void {
  const item = requireItem(doc, kind, id)
  doc.transact(() => item.set('order', keyAt(siblings(doc, kind, id), index)), origin)
}

function setItemArchived(doc: Y.Doc, kind: ItemKind, id: string, archived: boolean, origin: unknown): void {
  const item = requireItem(doc, kind, id)
  if (item.get('archived') === archived) return
  doc.transact(() => item.set('archived', archived), origin)
}

function readItems<T extends Ordered & { archived: boolean }>(doc: Y.Doc, kind: ItemKind, read: (id: string, item: ItemMap) => T, includeArchived: boolean): T[] {
  const items: T[] = []
  itemsMap(doc, kind).forEach((item, id) => {
    if (!(item instanceof Y.Map)) return
    const value = read(id, item)
    if (includeArchived || !value.archived) items.push(value)
  })
  return items.sort(byOrder)
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value instanceof Y.Text ? value.toString() : '')
const strOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * Calls `changed` after each transaction that adds, edits, moves or archives a decision or
 * an action: a watcher of those need not read them again after every keystroke in the notes.
 */
export function observeMeetingItems(doc: Y.Doc, changed: () => void): void {
  for (const kind of ['decisions', 'actions'] as const) itemsMap(doc, kind).observeDeep(() => changed())
}

// Decisions

export function addDecision(doc: Y.Doc, fields: NewItem, origin?: unknown): string {
  return addItem(doc, 'decisions', fields, {}, origin)
}

export function updateDecisionText(doc: Y.Doc, id: string, text: string, origin?: unknown): void {
  checkText(text)
  const shared = textOf(requireItem(doc, 'decisions', id))
  doc.transact(() => replaceText(shared, text), origin)
}

export function moveDecision(doc: Y.Doc, id: string, index: number, origin?: unknown): void {
  moveItem(doc, 'decisions', id, index, origin)
}

export function archiveDecision(doc: Y.Doc, id: string, origin?: unknown): void {
  setItemArchived(doc, 'decisions', id, true, origin)
}

export function restoreDecision(doc: Y.Doc, id: string, origin?: unknown): void {
  setItemArchived(doc, 'decisions', id, false, origin)
}

/** The decision's shared text, for an editor bound directly to it; null when there is no such decision. */
export function decisionText(doc: Y.Doc, id: string): Y.Text | null {
  const item = itemsMap(doc, 'decisions').get(id)
  const text = item instanceof Y.Map ? item.get('text') : undefined
  return text instanceof Y.Text ? text : null
}

export function readDecisions(doc: Y.Doc, options: { includeArchived?: boolean } = {}): Decision[] {
  return readItems(doc, 'decisions', (id, item) => ({
    id,
    text: str(item.get('text')),
    order: str(item.get('order')),
    createdAt: str(item.get('createdAt')),
    archived: item.get('archived') === true,
  }), options.includeArchived ?? false)
}

// Actions

export interface NewAction extends NewItem {
  ownerId?: string | null
  due?: string | null
}

export interface ActionPatch {
  text?: string
  ownerId?: string | null
  due?: string | null
  done?: boolean
}

export function addAction(doc: Y.Doc, fields: NewAction, origin?: unknown): string {
  checkOwner(fields.ownerId)
  checkDue(fields.due)
  return addItem(doc, 'actions', fields, { ownerId: fields.ownerId ?? null, due: fields.due ?? null, done: false }, origin)
}

/** Changes some of an action's fields in one transaction; unchanged values write nothing. */
export function updateAction(doc: Y.Doc, id: string, patch: ActionPatch, origin?: unknown): void {
  const item = requireItem(doc, 'actions', id)
  if (patch.text !== undefined) checkText(patch.text)
  checkOwner(patch.ownerId)
  checkDue(patch.due)
  const values: [string, string | boolean | null][] = []
  if (patch.ownerId !== undefined) values.push(['ownerId', patch.ownerId])
  if (patch.due !== undefined) values.push(['due', patch.due])
  if (patch.done !== undefined) values.push(['done', patch.done])
  const changes = values.filter(([key, value]) => item.get(key) !== value)
  const textChanges = patch.text !== undefined && textOf(item).toString() !== patch.text
  if (changes.length === 0 && !textChanges) return
  doc.transact(() => {
    for (const [key, value] of changes) item.set(key, value)
    if (patch.text !== undefined) replaceText(textOf(item), patch.text)
  }, origin)
}

export function moveAction(doc: Y.Doc, id: string, index: number, origin?: unknown): void {
  moveItem(doc, 'actions', id, index, origin)
}

export function archiveAction(doc: Y.Doc, id: string, origin?: unknown): void {
  setItemArchived(doc, 'actions', id, true, origin)
}

export function restoreAction(doc: Y.Doc, id: string, origin?: unknown): void {
  setItemArchived(doc, 'actions', id, false, origin)
}

/** The action's shared text, for an editor bound directly to it; null when there is no such action. */
export function actionText(doc: Y.Doc, id: string): Y.Text | null {
  const item = itemsMap(doc, 'actions').get(id)
  const text = item instanceof Y.Map ? item.get('text') : undefined
  return text instanceof Y.Text ? text : null
}

export function readActions(doc: Y.Doc, options: { includeArchived?: boolean } = {}): Action[] {
  return readItems(doc, 'actions', (id, item) => ({
    id,
    text: str(item.get('text')),
    ownerId: strOrNull(item.get('ownerId')),
    due: strOrNull(item.get('due')),
    done: item.get('done') === true,
    order: str(item.get('order')),
    createdAt: str(item.get('createdAt')),
    archived: item.get('archived') === true,
  }), options.includeArchived ?? false)
}
