/**
 * Who made a change, as far as the update log knows. Each log entry is one Yjs update and the
 * member who sent it. Every item an update creates carries the sender's Yjs client id, so
 * a client id names its author; an update's delete set names the items it deleted, so a
 * deleted item names its deleter. The log is compacted (ARCHITECTURE.md, "Durability"), so
 * what it no longer holds is simply not attributed: a change then has no authors.
 *
 * The rule, also in docs/decisions.md ("History"):
 * - something that exists in the newer state (inserted text, a new row, a value set) is by the
 *   author of the client that created its Yjs item, when that item is newer than the older
 *   state (its clock is beyond the older state's vector);
 * - something the newer state no longer has (deleted text, a cleared cell) is by the author
 *   of the log entry whose delete set covers its item;
 * - a client id first seen in one member's entry stays that member's (a client id is one
 *   browser tab's document; it never passes to another person).
 */
import * as Y from 'yjs'

export interface LogEntry {
  update: Uint8Array
  authorId: string
}

export interface Attribution {
  /** The member whose client created items with this client id. */
  authorOfClient(client: number): string | undefined
  /** The member whose update deleted the item with this id. */
  deleterOf(client: number, clock: number): string | undefined
}

/** Client id -> author id, from the clients whose structs each entry's update holds. */
export function clientAuthors(entries: Iterable<LogEntry>): Map<number, string> {
  const authors = new Map<number, string>()
  for (const { update, authorId } of entries) {
    for (const client of Y.parseUpdateMeta(update).from.keys()) {
      if (!authors.has(client)) authors.set(client, authorId)
    }
  }
  return authors
}

interface DeletedRange {
  clock: number
  length: number
  authorId: string
}

/** The full attribution of a log: client authors, and who deleted which items. */
export function attributionFromLog(entries: Iterable<LogEntry>): Attribution {
  const list = [...entries]
  const authors = clientAuthors(list)
  const deletions = new Map<number, DeletedRange[]>()
  for (const { update, authorId } of list) {
    for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) {
      let known = deletions.get(client)
      if (!known) deletions.set(client, (known = []))
      for (const range of ranges) known.push({ clock: range.clock, length: range.len, authorId })
    }
  }
  return {
    authorOfClient: (client) => authors.get(client),
    deleterOf(client, clock) {
      // The first deletion logged wins: deleting an already deleted item changes nothing.
      return deletions.get(client)?.find((range) => clock >= range.clock && clock < range.clock + range.length)?.authorId
    },
  }
}

/** A shared map or sequence seen by its items (any Y.Map, Y.Text...). */
export interface SharedMap {
  _map: Map<string, Y.Item>
}
export interface SharedSequence {
  _start: Y.Item | null
}

export const noAttribution: Attribution = { authorOfClient: () => undefined, deleterOf: () => undefined }

/**
 * The two states a compare stands between, and who made what: `isNew` tells an item the
 * older state did not have; `addDeleter` looks for the newer state's deletion of an older item.
 */
export class ChangeAuthors {
  private readonly olderVector: Map<number, number>
  private readonly newerDeletions: ReturnType<typeof Y.createDeleteSetFromStructStore>
  readonly attribution: Attribution

  constructor(older: Y.Doc, newer: Y.Doc, attribution: Attribution) {
    this.olderVector = Y.decodeStateVector(Y.encodeStateVector(older))
    this.newerDeletions = Y.createDeleteSetFromStructStore(newer.store)
    this.attribution = attribution
  }

  /** Whether an item (of `length` clocks: merged typing holds several) holds anything the older state lacks. */
  isNew(id: Y.ID, length = 1): boolean {
    return id.clock + length - 1 >= (this.olderVector.get(id.client) ?? 0)
  }

  /** Adds the author of a newer item, if it is new and its client is known. */
  addCreator(into: Set<string>, id: Y.ID | null | undefined, length = 1): void {
    if (!id || !this.isNew(id, length)) return
    const author = this.attribution.authorOfClient(id.client)
    if (author !== undefined) into.add(author)
  }

  /** Adds the authors who deleted (any part of) an older item that the newer state has deleted. */
  addDeleter(into: Set<string>, id: Y.ID | null | undefined, length = 1): void {
    if (!id) return
    for (const range of this.newerDeletions.clients.get(id.client) ?? []) {
      if (range.clock >= id.clock + length || range.clock + range.len <= id.clock) continue
      const author = this.attribution.deleterOf(id.client, Math.max(range.clock, id.clock))
      if (author !== undefined) into.add(author)
    }
  }

  /** Authors of what changed under one map key: the newer value's creator, else whoever removed the older one. */
  ofMapKey(older: SharedMap | undefined, newer: SharedMap | undefined, key: string): Set<string> {
    const authors = new Set<string>()
    const newerItem = newer?._map.get(key)
    if (newerItem && !newerItem.deleted) this.addCreator(authors, newerItem.id)
    const olderItem = older?._map.get(key)
    if (olderItem && !olderItem.deleted) this.addDeleter(authors, olderItem.id)
    return authors
  }

  /** Authors of a plain text's edits: creators of its new characters, deleters of its old ones. */
  ofText(older: SharedSequence | undefined, newer: SharedSequence | undefined, into = new Set<string>()): Set<string> {
    for (let item = newer?._start ?? null; item; item = item.right) if (!item.deleted) this.addCreator(into, item.id, item.length)
    for (let item = older?._start ?? null; item; item = item.right) if (!item.deleted) this.addDeleter(into, item.id, item.length)
    return into
  }
}

export const sortedAuthors = (authors: Iterable<string>): string[] => [...new Set(authors)].sort()
