/**
 * Convergence of the matrix document under concurrent editing, checked with random histories.
 *
 * Three to five replicas start from one seeded state, apply random operations through the public
 * API (every kind of entity added, renamed, described, moved, archived, restored; competencies
 * moved between domains; levels, notes and overrides set and cleared), and exchange their updates
 * in an order fast-check chooses: out of order, delayed until the end, some delivered twice. Once
 * everything is delivered:
 *
 * 1. every replica holds the same document: the same `toExchange()` output and the same value in
 *    every field (order keys included), and that export passes `validateExchange`;
 * 2. every id ever created appears exactly once in the export, so no competency sits in two
 *    domains and none is lost;
 * 3. no write is silently lost. "Write A happened before write B" means B's replica had fully
 *    integrated A's update (structs and deletions, `Y.snapshotContainsUpdate`) when it made B.
 *    The writes to a field that no later write has seen are its frontier: each replica's last
 *    write to the field is either in the frontier or was seen and overwritten on purpose.
 *    - A plain field (order, domainId, archived, a cell's level) ends with the value of one
 *      frontier write. So a replica's last write survives unless another write made without
 *      knowing it (a concurrent one) or made after seeing it replaced it.
 *    - A text field (name, description, note) merges characters, so there is no single winner.
 *      Each `replaceText` inserts one run of characters; a run inserted by a frontier write is
 *      still in the final text as one piece, because concurrent edits cannot delete or split
 *      characters they have never seen (they may delete around it). And when one write to a text
 *      had seen every other write to it, the text ends exactly as that write left it.
 * 4. a competency ends in a (domain, position) that one replica actually produced after one of its
 *    writes, never one replica's domain with another replica's order key.
 * And after every text edit, on the replica that made it: the text holds exactly the value asked
 * for, and the edit inserted only what lies between the common start and end (`checkTextEdit`).
 *
 * Each operation runs in a transaction that also stamps a test-only map (`test-clock`). Every
 * update therefore carries a struct from its replica, so "had integrated" can be read from the
 * receiver's snapshot even for updates that only delete. The stamp is invisible to the model.
 * Operations pick ids among what the acting replica shows, as a person would.
 *
 * Each property was checked against a broken model (a move writing only the order key, a move
 * that re-creates the competency's map, domain membership kept in per-domain maps, archiving by
 * deleting, order ties left unbroken, replaceText without its surrogate guard, replacing whole
 * texts, or with overlapping common start and end): every one of them fails this test.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ExchangeFramework } from './exchange-format.ts'
import { validateExchange } from './exchange-format.ts'
import { importFramework, toExchange } from './exchange.ts'
import {
  addEntity, archiveEntity, clearOverride, describeEntity, moveEntity, renameEntity, restoreEntity, setLevel, setNote,
} from './operations.ts'
import { readCompetencies, readEntities } from './read.ts'
import { cellKey, collectionOf, matrixMaps, noteText, type CellRef, type EntityKind } from './schema.ts'

const kinds: EntityKind[] = ['domain', 'competency', 'role', 'pmoType']
const ranks = [0, 1, 2, 3]

/** Small on purpose: few ids make concurrent writes to the same field common. */
const startFramework: ExchangeFramework = {
  format: 'pmo-framework/v1',
  title: 'Convergence test',
  levels: ranks.map((rank) => ({ rank, name: `Level ${rank}`, description: '' })),
  roles: [
    { id: 'analyst', name: 'Analyst', description: 'Reports' },
    { id: 'manager', name: 'Manager' },
  ],
  pmoTypes: [
    { id: 'project-office', name: 'Project office' },
    { id: 'portfolio-office', name: 'Portfolio office', description: 'Portfolios' },
  ],
  domains: [
    {
      id: 'planning',
      name: 'Planning',
      competencies: [
        { id: 'scheduling', name: 'Scheduling', description: 'Plans', expectations: { analyst: { level: 2, note: 'by hand' } }, overrides: { 'project-office': { manager: { level: 3 } } } },
        { id: 'estimating', name: 'Estimating', expectations: { manager: { level: null, note: 'ask 😀' } } },
      ],
    },
    {
      id: 'reporting',
      name: 'Reporting',
      competencies: [{ id: 'dashboards', name: 'Dashboards', expectations: {}, overrides: { 'portfolio-office': { analyst: { level: 1, note: 'weekly' } } } }],
    },
    { id: 'people', name: 'People', competencies: [] },
  ],
}

// ---------------------------------------------------------------------------------------------
// Random operations, as data: ids are picked by index among what the acting replica can see.

interface TextEdit { at: number; remove: number; insert: string }
interface CellPick { competency: number; role: number; pmoType: number | null }
type Op =
  | { type: 'add'; kind: EntityKind; name: string; index: number; domain: number }
  | { type: 'rename' | 'describe'; kind: EntityKind; pick: number; edit: TextEdit }
  | { type: 'move'; kind: EntityKind; pick: number; index: number; domain: number | null }
  | { type: 'archive' | 'restore'; kind: EntityKind; pick: number }
  | { type: 'setLevel'; cell: CellPick; level: number | null }
  | { type: 'setNote'; cell: CellPick; edit: TextEdit }
  | { type: 'clearOverride'; cell: CellPick & { pmoType: number } }
type Step =
  | { type: 'op'; replica: number; op: Op }
  | { type: 'deliver'; from: number; to: number; pick: number; duplicate: boolean }

// Characters outside the BMP are two UTF-16 units; 😀 and 😁 share their first, 😀 and 🨀 their
// second, so a smallest edit between them must not split a pair.
const text = (maxLength: number) => fc.array(fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀', '😁', '🨀'), { maxLength }).map((chars) => chars.join(''))
const textEdit = fc.record({ at: fc.nat(12), remove: fc.oneof(fc.nat(3), fc.nat(12)), insert: text(3) })
const kind = fc.constantFrom(...kinds)
// Mostly the first few ids, so replicas often write the same field at the same moment.
const pick = fc.oneof({ weight: 3, arbitrary: fc.nat(2) }, { weight: 1, arbitrary: fc.nat(20) })
const cell = fc.record({ competency: pick, role: pick, pmoType: fc.option(pick, { nil: null }) })

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('add' as const), kind, name: text(4).map((name) => `n${name}`), index: fc.nat(8), domain: pick }),
  fc.record({ type: fc.constantFrom('rename' as const, 'describe' as const), kind, pick, edit: textEdit }),
  { weight: 2, arbitrary: fc.record({ type: fc.constant('move' as const), kind: fc.constantFrom<EntityKind>('competency', 'competency', 'domain', 'role', 'pmoType'), pick, index: fc.nat(8), domain: fc.option(pick, { nil: null }) }) },
  fc.record({ type: fc.constantFrom('archive' as const, 'restore' as const), kind, pick }),
  { weight: 2, arbitrary: fc.record({ type: fc.constant('setLevel' as const), cell, level: fc.constantFrom(null, ...ranks) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('setNote' as const), cell, edit: textEdit }) },
  fc.record({ type: fc.constant('clearOverride' as const), cell: fc.record({ competency: pick, role: pick, pmoType: pick }) }),
)

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('op' as const), replica: fc.nat(4), op }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('deliver' as const), from: fc.nat(4), to: fc.nat(4), pick: fc.nat(), duplicate: fc.boolean() }) },
)

const history = fc.record({
  replicas: fc.integer({ min: 3, max: 5 }),
  steps: fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }),
  // Drives the order in which everything still undelivered arrives at the end, and which repeats.
  flushSeed: fc.integer(),
})

// ---------------------------------------------------------------------------------------------
// Replicas and the record of every write.

const absent = Symbol('absent')
type Value = string | number | boolean | null | typeof absent

interface FieldWrite {
  field: string
  text: boolean
  value: Value
  /** Text fields: the runs of characters this write inserted. */
  runs: string[]
}

interface Write extends FieldWrite {
  replica: number
  seq: number
  /** The replica's state just before the write: what it had integrated. */
  before: Y.Snapshot
  update: Uint8Array
}

interface Replica {
  index: number
  doc: Y.Doc
  outbox: Uint8Array[]
  /** Per sender, the indices of its outbox delivered here. */
  received: Array<Set<number>>
  seq: number
  added: number
  /** The (domainId, order) of each competency after each local write to either. */
  placements: Map<string, Set<string>>
}

const remote = Symbol('remote')

const seed = new Y.Doc()
seed.clientID = 1000
importFramework(seed, startFramework, 'replace')
const seedState = Y.encodeStateAsUpdate(seed)
const seedFields = fieldValues(seed)

function seededReplicas(count: number): { replicas: Replica[]; initial: Map<string, FieldWrite> } {
  const replicas = Array.from({ length: count }, (_, index): Replica => {
    const doc = new Y.Doc()
    doc.clientID = index + 1 // fixed, so a shrunk counterexample replays the same conflict resolution
    Y.applyUpdate(doc, seedState, remote)
    const replica: Replica = { index, doc, outbox: [], received: Array.from({ length: count }, () => new Set()), seq: 0, added: 0, placements: new Map() }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== remote) replica.outbox.push(update)
    })
    return replica
  })
  return { replicas, initial: seedFields }
}

/** Every field of the model by a stable key, for comparing replicas and checking writes. */
function fieldValues(doc: Y.Doc): Map<string, FieldWrite> {
  const fields = new Map<string, FieldWrite>()
  const put = (field: string, value: unknown) => {
    const isText = value instanceof Y.Text
    fields.set(field, { field, text: isText, value: isText ? value.toString() : (value as Value), runs: [] })
  }
  for (const kind of kinds) {
    matrixMaps(doc).entities(kind).forEach((entity, id) => entity.forEach((value, key) => put(`${collectionOf[kind]}/${id}/${key}`, value)))
  }
  matrixMaps(doc).expectations.forEach((level, key) => put(`cell:${key}`, level))
  // Reading a note creates an empty text on that replica alone, so empty notes are left out.
  for (const name of doc.share.keys()) {
    if (name.startsWith('note:') && doc.getText(name).length > 0) put(name, doc.getText(name))
  }
  return fields
}

function rootName(doc: Y.Doc, type: object): string | undefined {
  for (const [name, root] of doc.share) if (root === type) return name
  return undefined
}

/** Runs of characters inserted into `text` by this transaction and still there. */
function insertedRuns(text: Y.Text, transaction: Y.Transaction, clientID: number): string[] {
  const runs: string[] = []
  let inRun = false
  for (let item = text._start; item !== null; item = item.right) {
    const isNew = item.id.client === clientID && item.id.clock >= (transaction.beforeState.get(clientID) ?? 0) && !item.deleted
    if (isNew && item.content instanceof Y.ContentString) {
      if (inRun) runs[runs.length - 1] += item.content.str
      else runs.push(item.content.str)
      inRun = true
    } else if (!item.deleted) {
      inRun = false
    }
  }
  return runs
}

/** The fields a transaction wrote, read from Yjs's own record of what it changed. */
function fieldsWritten(doc: Y.Doc, transaction: Y.Transaction): FieldWrite[] {
  const writes: FieldWrite[] = []
  for (const [type, keys] of transaction.changed) {
    const name = rootName(doc, type)
    if (name === 'test-clock') continue
    if (name === 'expectations') {
      const expectations = matrixMaps(doc).expectations
      for (const key of keys) writes.push({ field: `cell:${key}`, text: false, value: expectations.has(key!) ? expectations.get(key!)! : absent, runs: [] })
    } else if (name?.startsWith('note:')) {
      const note = doc.getText(name)
      writes.push({ field: name, text: true, value: note.toString(), runs: insertedRuns(note, transaction, doc.clientID) })
    } else if (name !== undefined) {
      // A collection changes only when an entity is added: every field of it is written.
      if (!Object.values(collectionOf).includes(name as never)) continue
      const collection = doc.getMap<Y.Map<unknown> | undefined>(name)
      for (const id of keys) {
        collection.get(id!)?.forEach((value, key) => {
          const isText = value instanceof Y.Text
          const content = isText ? value.toString() : (value as Value)
          writes.push({ field: `${name}/${id}/${key}`, text: isText, value: content, runs: isText && content ? [content as string] : [] })
        })
      }
    } else if (type instanceof Y.Map) {
      const item = type._item!
      const collection = rootName(doc, item.parent!)!
      for (const key of keys) writes.push({ field: `${collection}/${item.parentSub}/${key}`, text: false, value: type.get(key!) as Value, runs: [] })
    } else if (type instanceof Y.Text) {
      const entity = (type._item!.parent as Y.Map<unknown>)._item!
      const collection = rootName(doc, entity.parent!)!
      writes.push({ field: `${collection}/${entity.parentSub}/${type._item!.parentSub}`, text: true, value: type.toString(), runs: insertedRuns(type, transaction, doc.clientID) })
    }
  }
  return writes
}

/**
 * Ids a person on this replica can act on, archived ones included. A row that a remote update
 * is half-way through moving is not shown (see `isPlaced`), so nobody can pick it.
 */
const idsOf = (doc: Y.Doc, kind: EntityKind) =>
  (kind === 'competency' ? readCompetencies(doc).filter((competency) => competency.domainId !== undefined) : readEntities(doc, kind)).map((entity) => entity.id).sort()
const chosen = <T>(items: T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length])

function applyEdit(current: string, edit: TextEdit): string {
  const chars = Array.from(current) // by code point, so the new value never holds half an emoji
  const at = edit.at % (chars.length + 1)
  return [...chars.slice(0, at), edit.insert, ...chars.slice(at + edit.remove)].join('')
}

function cellOf(doc: Y.Doc, cell: CellPick): CellRef | undefined {
  const competencyId = chosen(idsOf(doc, 'competency'), cell.competency)
  const roleId = chosen(idsOf(doc, 'role'), cell.role)
  if (!competencyId || !roleId) return undefined
  return { competencyId, roleId, pmoTypeId: cell.pmoType === null ? null : chosen(idsOf(doc, 'pmoType'), cell.pmoType) ?? null }
}

function textOf(doc: Y.Doc, kind: EntityKind, id: string, field: 'name' | 'description'): string {
  return String(matrixMaps(doc).entities(kind).get(id)!.get(field))
}

/** A text edit asked for: the field, its value before and the value asked for. */
interface TextAsk { field: string; before: string; target: string }

/**
 * Runs one operation through the public API; returns the text edit it asked for, if any. Ids of
 * new entities are made per replica, so they never collide.
 */
function perform(replica: Replica, op: Op, created: string[]): TextAsk | undefined {
  const doc = replica.doc
  switch (op.type) {
    case 'add': {
      const domainId = chosen(idsOf(doc, 'domain'), op.domain)
      const id = `new-r${replica.index}-${++replica.added}`
      addEntity(doc, op.kind, { id, name: op.name, index: op.index, domainId }, 'local')
      created.push(id)
      return
    }
    case 'rename':
    case 'describe': {
      const id = chosen(idsOf(doc, op.kind), op.pick)
      if (!id) return
      const field = op.type === 'rename' ? 'name' : 'description'
      const before = textOf(doc, op.kind, id, field)
      const target = applyEdit(before, op.edit)
      if (field === 'name') renameEntity(doc, op.kind, id, target, 'local')
      else describeEntity(doc, op.kind, id, target, 'local')
      return { field: `${collectionOf[op.kind]}/${id}/${field}`, before, target }
    }
    case 'move': {
      const id = chosen(idsOf(doc, op.kind), op.pick)
      if (!id) return
      const domainId = op.kind === 'competency' && op.domain !== null ? chosen(idsOf(doc, 'domain'), op.domain) : undefined
      moveEntity(doc, op.kind, id, op.index, domainId, 'local')
      return
    }
    case 'archive':
    case 'restore': {
      const id = chosen(idsOf(doc, op.kind), op.pick)
      if (!id) return
      if (op.type === 'archive') archiveEntity(doc, op.kind, id, 'local')
      else restoreEntity(doc, op.kind, id, 'local')
      return
    }
    case 'setLevel': {
      const ref = cellOf(doc, op.cell)
      if (ref) setLevel(doc, ref, op.level, 'local')
      return
    }
    case 'setNote': {
      const ref = cellOf(doc, op.cell)
      if (!ref) return
      const before = noteText(doc, ref).toString()
      const target = applyEdit(before, op.edit)
      setNote(doc, ref, target, 'local')
      return { field: `note:${cellKey(ref)}`, before, target }
    }
    case 'clearOverride': {
      const ref = cellOf(doc, op.cell)
      if (ref?.pmoTypeId) clearOverride(doc, ref, 'local')
      return
    }
  }
}

/**
 * A text edit leaves exactly the value asked for, by its smallest edit: it inserts only what lies
 * between the longest common start and end (by code point). Inserting more, say the whole value,
 * would still converge but would duplicate text when two people edit at the same moment.
 */
function checkTextEdit(ask: TextAsk, write: FieldWrite | undefined): void {
  if (ask.before === ask.target) {
    expect(write, `${ask.field} is not written when nothing changes`).toBeUndefined()
    return
  }
  expect(write?.value, `${ask.field} holds the value asked for`).toBe(ask.target)
  const before = Array.from(ask.before)
  const target = Array.from(ask.target)
  let start = 0
  while (start < Math.min(before.length, target.length) && before[start] === target[start]) start++
  let end = 0
  while (end < Math.min(before.length, target.length) - start && before.at(-1 - end) === target.at(-1 - end)) end++
  expect(write!.runs.join(''), `${ask.field} changes only what differs`).toBe(target.slice(start, target.length - end).join(''))
}

function placementOf(doc: Y.Doc, competencyId: string): string {
  const entity = matrixMaps(doc).entities('competency').get(competencyId)!
  return `${String(entity.get('domainId'))} ${String(entity.get('order'))}`
}

function run(replicaCount: number, steps: Step[], flushSeed: number) {
  const { replicas, initial } = seededReplicas(replicaCount)
  const created = [...startFramework.roles, ...startFramework.pmoTypes!, ...startFramework.domains, ...startFramework.domains.flatMap((domain) => domain.competencies)].map((entity) => entity.id)
  const writes: Write[] = []
  const deliver = (from: Replica, to: Replica, index: number) => {
    Y.applyUpdate(to.doc, from.outbox[index]!, remote)
    to.received[from.index]!.add(index)
  }

  for (const step of steps) {
    if (step.type === 'op') {
      const replica = replicas[step.replica % replicaCount]!
      const before = Y.snapshot(replica.doc)
      let written: FieldWrite[] = []
      let ask: TextAsk | undefined
      replica.doc.transact((transaction) => {
        ask = perform(replica, step.op, created)
        replica.doc.getMap('test-clock').set(String(replica.index), ++replica.seq)
        written = fieldsWritten(replica.doc, transaction)
      }, 'local')
      if (ask) checkTextEdit(ask, written.find((write) => write.field === ask!.field))
      const update = replica.outbox.at(-1)!
      for (const write of written) {
        writes.push({ ...write, replica: replica.index, seq: replica.seq, before, update })
        const competency = /^competencies\/([^/]+)\/(order|domainId)$/.exec(write.field)
        if (competency) {
          const placements = replica.placements.get(competency[1]!) ?? new Set<string>()
          placements.add(placementOf(replica.doc, competency[1]!))
          replica.placements.set(competency[1]!, placements)
        }
      }
    } else {
      const from = replicas[step.from % replicaCount]!
      const to = replicas[step.to % replicaCount]!
      if (from === to) continue
      const received = to.received[from.index]!
      const pool = step.duplicate && received.size > 0 ? [...received] : from.outbox.map((_, index) => index).filter((index) => !received.has(index))
      if (pool.length > 0) deliver(from, to, pool[step.pick % pool.length]!)
    }
  }

  // Everything still in flight arrives, in a shuffled order, with some repeats.
  const random = seededRandom(flushSeed)
  const pending = replicas.flatMap((to) => replicas.flatMap((from) => from === to ? [] : from.outbox.map((_, index) => ({ from, to, index })).filter(({ index }) => !to.received[from.index]!.has(index))))
  shuffle(pending, random)
  for (const { from, to, index } of pending) {
    deliver(from, to, index)
    if (random() < 0.1) deliver(from, to, index)
  }
  return { replicas, initial, created, writes }
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
}

// ---------------------------------------------------------------------------------------------
// The properties.

function happenedBefore(a: Write, b: Write): boolean {
  if (a === b) return false
  if (a.replica === b.replica) return a.seq < b.seq
  return Y.snapshotContainsUpdate(b.before, a.update)
}

function checkHistory(replicas: Replica[], initial: Map<string, FieldWrite>, created: string[], writes: Write[]): void {
  for (const { doc } of replicas) {
    expect(doc.store.pendingStructs, 'every update was integrated').toBeNull()
    expect(doc.store.pendingDs, 'every deletion was integrated').toBeNull()
  }

  // 1. One document everywhere, and a valid export of it.
  const exported = toExchange(replicas[0]!.doc)
  const fields = fieldValues(replicas[0]!.doc)
  for (const replica of replicas.slice(1)) {
    expect(toExchange(replica.doc)).toEqual(exported)
    expect(fieldValues(replica.doc)).toEqual(fields)
  }
  const validation = validateExchange(exported)
  expect(validation.ok ? [] : validation.problems).toEqual([])

  // 2. Every id exactly once; nothing else.
  const exportedIds = [...exported.roles, ...exported.pmoTypes!, ...exported.domains, ...exported.domains.flatMap((domain) => domain.competencies)].map((entity) => entity.id)
  expect(exportedIds.toSorted()).toEqual(created.toSorted())

  // 3. No write silently lost.
  const writesByField = Map.groupBy(writes, (write) => write.field)
  for (const field of new Set([...initial.keys(), ...fields.keys(), ...writesByField.keys()])) {
    const valueOf = (values: Map<string, FieldWrite>) => (values.has(field) ? values.get(field)!.value : field.startsWith('note:') ? '' : absent)
    const final = valueOf(fields)
    const fieldWrites = writesByField.get(field) ?? []
    if (fieldWrites.length === 0) {
      expect(final, `${field} was never written`).toEqual(valueOf(initial))
      continue
    }
    const frontier = fieldWrites.filter((write) => !fieldWrites.some((later) => happenedBefore(write, later)))
    if (!fieldWrites[0]!.text) {
      expect(frontier.map((write) => write.value), `${field} ends with a value written without knowledge of a later write`).toContainEqual(final)
      continue
    }
    for (const write of frontier) {
      for (const run of write.runs) expect(final, `${field} keeps "${run}" inserted by replica ${write.replica}`).toContain(run)
    }
    const last = fieldWrites.find((write) => fieldWrites.every((other) => other === write || happenedBefore(other, write)))
    if (last) expect(final, `${field} ends as its last write left it`).toBe(last.value)
  }

  // 4. Each competency is where some replica put it, domain and position together.
  matrixMaps(replicas[0]!.doc).entities('competency').forEach((_entity, id) => {
    const initialPlace = `${String(initial.get(`competencies/${id}/domainId`)?.value)} ${String(initial.get(`competencies/${id}/order`)?.value)}`
    const produced = new Set([initialPlace, ...replicas.flatMap((replica) => [...(replica.placements.get(id) ?? [])])])
    expect([...produced], `competency ${id} sits where a replica put it`).toContain(placementOf(replicas[0]!.doc, id))
  })
}

describe('the matrix document under concurrent editing', () => {
  it('converges, keeps every id once and loses no write, whatever the delivery order', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(history, ({ replicas: count, steps, flushSeed }) => {
        const { replicas, initial, created, writes } = run(count, steps, flushSeed)
        try {
          checkHistory(replicas, initial, created, writes)
        } finally {
          for (const replica of replicas) replica.doc.destroy()
        }
      }),
      { numRuns: 300 },
    )
  })
})
