import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionText,
  addAction,
  addDecision,
  archiveAction,
  archiveDecision,
  moveAction,
  readActions,
  readDecisions,
  restoreDecision,
  updateAction,
  updateDecisionText,
} from './meeting-document.ts'
import { MeetingError } from './meetings-index.ts'

const sync = (...docs: Y.Doc[]) => {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

describe('decisions in a meeting document', () => {
  it('adds decisions in order, at a given place, edits, archives and restores them', () => {
    const doc = new Y.Doc()
    const first = addDecision(doc, { text: 'Use CC BY-SA 4.0', createdAt: '2025-07-17T13:30:00Z' })
    const last = addDecision(doc, { text: 'Meet monthly' })
    const middle = addDecision(doc, { text: 'Five career levels', index: 1 })
    expect(readDecisions(doc).map((d) => d.text)).toEqual(['Use CC BY-SA 4.0', 'Five career levels', 'Meet monthly'])
    expect(readDecisions(doc)[0]).toMatchObject({ id: first, createdAt: '2025-07-17T13:30:00Z', archived: false })
    updateDecisionText(doc, middle, 'Six career levels')
    archiveDecision(doc, last)
    expect(readDecisions(doc).map((d) => d.text)).toEqual(['Use CC BY-SA 4.0', 'Six career levels'])
    expect(readDecisions(doc, { includeArchived: true })).toHaveLength(3)
    restoreDecision(doc, last)
    expect(readDecisions(doc)).toHaveLength(3)
    expect(() => updateDecisionText(doc, 'missing', 'x')).toThrow(MeetingError)
  })

  it('keeps both people’s edits to different words of one decision', () => {
    const a = new Y.Doc()
    const id = addDecision(a, { text: 'The group meets monthly online' })
    const b = new Y.Doc()
    sync(a, b)
    updateDecisionText(a, id, 'The group meets fortnightly online')
    updateDecisionText(b, id, 'The group meets monthly on Zoom')
    sync(a, b)
    expect(readDecisions(a)[0]?.text).toBe('The group meets fortnightly on Zoom')
    expect(readDecisions(b)).toEqual(readDecisions(a))
  })
})

describe('actions in a meeting document', () => {
  it('adds an action with owner and due date, updates any of its fields, and archives it', () => {
    const doc = new Y.Doc()
    const id = addAction(doc, { text: 'Draft the role list', ownerId: 'member-1', due: '2025-07-31', createdAt: '2025-07-17T14:00:00Z' })
    expect(readActions(doc)).toEqual([{
      id, text: 'Draft the role list', ownerId: 'member-1', due: '2025-07-31', done: false,
      order: expect.any(String), createdAt: '2025-07-17T14:00:00Z', archived: false,
    }])
    updateAction(doc, id, { done: true, due: null, ownerId: null, text: 'Draft the role list (v2)' })
    expect(readActions(doc)[0]).toMatchObject({ text: 'Draft the role list (v2)', ownerId: null, due: null, done: true })
    let updates = 0
    doc.on('update', () => updates++)
    updateAction(doc, id, { done: true, text: 'Draft the role list (v2)' })
    expect(updates).toBe(0)
    archiveAction(doc, id)
    expect(readActions(doc)).toEqual([])
  })

  it('refuses an impossible due date and an over-long text', () => {
    const doc = new Y.Doc()
    expect(() => addAction(doc, { text: 'x', due: '2025-02-29' })).toThrow(/due date/)
    const id = addAction(doc, { text: 'x', due: '2024-02-29' })
    expect(() => updateAction(doc, id, { due: '31/07/2025' })).toThrow(MeetingError)
    expect(() => updateAction(doc, id, { text: 'x'.repeat(2001) })).toThrow(MeetingError)
    expect(readActions(doc)[0]?.due).toBe('2024-02-29')
  })

  it('moves an action and exposes its shared text for an editor', () => {
    const doc = new Y.Doc()
    const a = addAction(doc, { text: 'A' })
    addAction(doc, { text: 'B' })
    moveAction(doc, a, 1)
    expect(readActions(doc).map((action) => action.text)).toEqual(['B', 'A'])
    actionText(doc, a)!.insert(1, '!')
    expect(readActions(doc)[1]?.text).toBe('A!')
    expect(actionText(doc, 'missing')).toBeNull()
  })

  it('converges whatever order three people’s changes arrive in, and loses no row (property)', () => {
    type Step = { who: number; kind: 'add' | 'done' | 'text' | 'archive' | 'move'; pick: number; text: string }
    const step = fc.record({
      who: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('add', 'done', 'text', 'archive', 'move'),
      pick: fc.nat(20),
      text: fc.string({ maxLength: 12 }),
    }) as fc.Arbitrary<Step>
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (steps, order) => {
        const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
        const updates: Uint8Array[][] = [[], [], []]
        docs.forEach((doc, index) => doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== 'remote') updates[index]!.push(update)
        }))
        let added = 0
        for (const { who, kind, pick, text } of steps) {
          const doc = docs[who]!
          const all = readActions(doc, { includeArchived: true })
          const target = all[pick % Math.max(all.length, 1)]
          if (kind === 'add' || !target) {
            addAction(doc, { text, index: pick })
            added++
          } else if (kind === 'done') updateAction(doc, target.id, { done: !target.done })
          else if (kind === 'text') updateAction(doc, target.id, { text })
          else if (kind === 'archive') archiveAction(doc, target.id)
          else moveAction(doc, target.id, pick)
        }
        // Deliver everyone's updates to everyone, each receiver in its own shuffled order.
        docs.forEach((doc, receiver) => {
          const incoming = updates.flatMap((list, sender) => (sender === receiver ? [] : list))
          const shuffled = incoming.map((update, index) => ({ update, key: (index * 7919 + order[receiver]!) % (incoming.length + 13) }))
            .sort((a, b) => a.key - b.key)
          for (const { update } of shuffled) Y.applyUpdate(doc, update, 'remote')
        })
        const [a, b, c] = docs.map((doc) => readActions(doc, { includeArchived: true }))
        expect(b).toEqual(a)
        expect(c).toEqual(a)
        expect(a).toHaveLength(added)
      }),
      { numRuns: 150 },
    )
  })
})
