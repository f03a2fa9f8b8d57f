/**
 * Restore as one new change. Property (each document kind): whatever was edited before the
 * version and after it, the restore's update passes the server's model check, and once it is
 * applied what people see equals the version; with edits arriving concurrently from a
 * second person, both documents converge. Examples: unchanged text keeps its Yjs items
 * (a relative position into it still points at the same words), rows keep their ids.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MatrixError, addEntity, archiveEntity, describeEntity, moveEntity, renameEntity, restoreEntity, setLevel, setLevelDefinition, setMeta, setNote } from '../matrix/operations.ts'
import { importFramework } from '../matrix/exchange.ts'
import { validateExchange } from '../matrix/exchange-format.ts'
import { readEntities } from '../matrix/read.ts'
import { addAction, addDecision, archiveAction, archiveDecision, moveAction, moveDecision, restoreDecision, updateAction, updateDecisionText } from '../meetings/meeting-document.ts'
import { MeetingError } from '../meetings/meetings-index.ts'
import { checkUpdate } from '../model/check-update.ts'
import { matrixModel } from '../model/matrix-model.ts'
import { meetingModel } from '../model/meeting-model.ts'
import { termsOfReferenceModel } from '../model/rich-text-model.ts'
import type { DocumentModel } from '../model/shape.ts'
import { seedFiles } from '../seed.ts'
import { markdownToYUpdate } from '../text/markdown.ts'
import { restoreUpdate } from './restore.ts'
import { documentFromState, renderedContent } from './version-content.ts'

type Kind = 'terms-of-reference' | 'competency-matrix' | 'meeting'

interface Edit {
  name: string
  make(doc: Y.Doc, pick: number): void
}

const nth = <T>(items: readonly T[], pick: number): T | undefined => (items.length ? items[pick % items.length] : undefined)
const words = ['alpha', 'beta', 'gamma', 'delta', 'PMO', 'role', 'level', 'draft', 'the', 'and']
const phrase = (pick: number, count = 3) => Array.from({ length: count }, (_, index) => words[(pick + index * 7) % words.length]).join(' ')

function textsIn(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return node.toArray().flatMap((child) => (child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? textsIn(child) : []))
}
function elementsIn(node: Y.XmlFragment | Y.XmlElement): Y.XmlElement[] {
  return node.toArray().flatMap((child) => (child instanceof Y.XmlElement ? [child, ...elementsIn(child)] : []))
}
function block(node: string, text: string, attributes: Record<string, unknown> = {}): Y.XmlElement {
  const element = new Y.XmlElement(node)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value as string)
  element.insert(0, [new Y.XmlText(text)])
  return element
}
function wrap(node: string, children: Y.XmlElement[]): Y.XmlElement {
  const element = new Y.XmlElement(node)
  element.insert(0, children)
  return element
}

/** Edits the editor could make to one rich-text field. */
const richTextEdits = (field: string): Edit[] => {
  const fragment = (doc: Y.Doc) => doc.getXmlFragment(field)
  return [
    { name: `${field}: add a paragraph`, make: (doc, pick) => fragment(doc).insert(pick % (fragment(doc).length + 1), [block('paragraph', phrase(pick))]) },
    { name: `${field}: add a heading`, make: (doc, pick) => fragment(doc).insert(pick % (fragment(doc).length + 1), [block('heading', phrase(pick, 2), { level: 1 + (pick % 3) })]) },
    { name: `${field}: add a list`, make: (doc, pick) => fragment(doc).insert(pick % (fragment(doc).length + 1), [wrap('bulletList', [wrap('listItem', [block('paragraph', phrase(pick))]), wrap('listItem', [block('paragraph', phrase(pick + 1))])])]) },
    { name: `${field}: add a table`, make: (doc, pick) => fragment(doc).insert(pick % (fragment(doc).length + 1), [wrap('table', [0, 1].map((row) => wrap('tableRow', [0, 1].map((cell) => wrap('tableCell', [block('paragraph', phrase(pick + row * 2 + cell, 1))])))))]) },
    { name: `${field}: type`, make: (doc, pick) => {
      const text = nth(textsIn(fragment(doc)), pick)
      text?.insert(pick % (text.length + 1), ` ${phrase(pick, 1)}`, pick % 4 === 0 ? { bold: {} } : {})
    } },
    { name: `${field}: delete some text`, make: (doc, pick) => {
      const text = nth(textsIn(fragment(doc)), pick)
      if (text && text.length > 0) text.delete(pick % text.length, 1 + (pick % 5))
    } },
    { name: `${field}: make text bold`, make: (doc, pick) => {
      const text = nth(textsIn(fragment(doc)), pick)
      if (text && text.length > 0) text.format(pick % text.length, 3, { bold: pick % 2 ? {} : null })
    } },
    { name: `${field}: delete a block`, make: (doc, pick) => {
      if (fragment(doc).length > 0) fragment(doc).delete(pick % fragment(doc).length, 1)
    } },
    { name: `${field}: add a list item`, make: (doc, pick) => {
      const list = nth(elementsIn(fragment(doc)).filter((element) => element.nodeName === 'bulletList'), pick)
      list?.insert(pick % (list.length + 1), [wrap('listItem', [block('paragraph', phrase(pick))])])
    } },
    { name: `${field}: change a heading's level`, make: (doc, pick) => {
      nth(elementsIn(fragment(doc)).filter((element) => element.nodeName === 'heading'), pick)?.setAttribute('level', (1 + (pick % 4)) as unknown as string)
    } },
  ]
}

/** Runs an operation; one the document refuses (a row that is not there) is simply not made. */
const tolerant = (make: Edit['make']): Edit['make'] => (doc, pick) => {
  try {
    make(doc, pick)
  } catch (error) {
    if (!(error instanceof MatrixError) && !(error instanceof MeetingError)) throw error
  }
}

const ids = (doc: Y.Doc, root: string) => [...doc.getMap(root).keys()].sort()
const cell = (doc: Y.Doc, pick: number) => ({ competencyId: nth(ids(doc, 'competencies'), pick)!, roleId: nth(ids(doc, 'roles'), pick >> 2)! })

const matrixEdits: Edit[] = ([
  { name: 'set a level', make: (doc, pick) => setLevel(doc, cell(doc, pick), pick % 7 === 0 ? null : pick % 6) },
  { name: 'set an override', make: (doc, pick) => setLevel(doc, { ...cell(doc, pick), pmoTypeId: nth(ids(doc, 'pmoTypes'), pick) }, pick % 6) },
  { name: 'write a note', make: (doc, pick) => setNote(doc, cell(doc, pick), pick % 5 === 0 ? '' : `note ${phrase(pick)}`) },
  { name: 'add a role', make: (doc, pick) => void addEntity(doc, 'role', { name: `Role ${pick}`, id: `role-${pick}`, index: pick % 5 }) },
  { name: 'add a competency', make: (doc, pick) => void addEntity(doc, 'competency', { name: `Competency ${pick}`, id: `competency-${pick}`, domainId: nth(ids(doc, 'domains'), pick)! }) },
  { name: 'rename', make: (doc, pick) => renameEntity(doc, 'competency', nth(ids(doc, 'competencies'), pick)!, `Renamed ${phrase(pick, 2)}`) },
  { name: 'describe', make: (doc, pick) => describeEntity(doc, 'role', nth(ids(doc, 'roles'), pick)!, phrase(pick, 6)) },
  { name: 'move a competency', make: (doc, pick) => moveEntity(doc, 'competency', nth(ids(doc, 'competencies'), pick)!, pick % 4, nth(ids(doc, 'domains'), pick >> 3)) },
  { name: 'move a role', make: (doc, pick) => moveEntity(doc, 'role', nth(ids(doc, 'roles'), pick)!, pick % 6) },
  { name: 'archive', make: (doc, pick) => archiveEntity(doc, (['domain', 'competency', 'role', 'pmoType'] as const)[pick % 4]!, nth(ids(doc, ['domains', 'competencies', 'roles', 'pmoTypes'][pick % 4]!), pick >> 2)!) },
  { name: 'restore', make: (doc, pick) => restoreEntity(doc, (['domain', 'competency', 'role', 'pmoType'] as const)[pick % 4]!, nth(ids(doc, ['domains', 'competencies', 'roles', 'pmoTypes'][pick % 4]!), pick >> 2)!) },
  { name: 'define a level', make: (doc, pick) => setLevelDefinition(doc, pick % 8, `Level ${phrase(pick, 1)}`, phrase(pick, 4)) },
  { name: 'change the title', make: (doc, pick) => setMeta(doc, 'title', `Framework ${phrase(pick, 2)}`) },
] satisfies Edit[]).map((edit) => ({ ...edit, make: tolerant(edit.make) }))

const meetingEdits: Edit[] = [
  ...richTextEdits('agenda'),
  ...richTextEdits('notes'),
  ...[
    { name: 'add a decision', make: (doc: Y.Doc, pick: number) => void addDecision(doc, { text: `Decided ${phrase(pick)}`, id: `d-${pick}`, index: pick % 3, createdAt: '2026-01-01T10:00:00Z' }) },
    { name: 'edit a decision', make: (doc: Y.Doc, pick: number) => updateDecisionText(doc, nth(ids(doc, 'decisions'), pick)!, `Now ${phrase(pick)}`) },
    { name: 'archive a decision', make: (doc: Y.Doc, pick: number) => archiveDecision(doc, nth(ids(doc, 'decisions'), pick)!) },
    { name: 'restore a decision', make: (doc: Y.Doc, pick: number) => restoreDecision(doc, nth(ids(doc, 'decisions'), pick)!) },
    { name: 'move a decision', make: (doc: Y.Doc, pick: number) => moveDecision(doc, nth(ids(doc, 'decisions'), pick)!, pick % 3) },
    { name: 'add an action', make: (doc: Y.Doc, pick: number) => void addAction(doc, { text: `Do ${phrase(pick)}`, id: `a-${pick}`, due: '2026-02-01', ownerId: 'olga', createdAt: '2026-01-01T10:00:00Z' }) },
    { name: 'update an action', make: (doc: Y.Doc, pick: number) => updateAction(doc, nth(ids(doc, 'actions'), pick)!, { text: `Do ${phrase(pick, 2)}`, ownerId: pick % 2 ? 'sam' : null, due: pick % 3 ? '2026-03-0' + (1 + (pick % 9)) : null, done: pick % 2 === 0 }) },
    { name: 'archive an action', make: (doc: Y.Doc, pick: number) => archiveAction(doc, nth(ids(doc, 'actions'), pick)!) },
    { name: 'move an action', make: (doc: Y.Doc, pick: number) => moveAction(doc, nth(ids(doc, 'actions'), pick)!, pick % 3) },
  ].map((edit) => ({ ...edit, make: tolerant(edit.make) })),
]

function starterMatrix(): Uint8Array {
  const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
  if (!checked.ok) throw new Error('starter framework invalid')
  const doc = new Y.Doc()
  importFramework(doc, checked.framework, 'replace')
  return Y.encodeStateAsUpdate(doc)
}

function startingMeeting(): Uint8Array {
  const doc = new Y.Doc()
  doc.getXmlFragment('agenda').insert(0, [block('heading', 'Agenda', { level: 1 }), block('paragraph', 'Welcome and introductions')])
  doc.getXmlFragment('notes').insert(0, [block('paragraph', 'first note'), block('paragraph', 'second note')])
  addDecision(doc, { text: 'We meet monthly', id: 'd1', createdAt: '2026-01-01T10:00:00Z' })
  addAction(doc, { text: 'Send minutes', id: 'a1', due: '2026-01-09', ownerId: 'olga', createdAt: '2026-01-01T10:00:00Z' })
  return Y.encodeStateAsUpdate(doc)
}

const cases: Array<{ kind: Kind; model: DocumentModel; base: () => Uint8Array; edits: Edit[] }> = [
  { kind: 'terms-of-reference', model: termsOfReferenceModel, base: () => markdownToYUpdate(readFileSync(seedFiles.termsOfReference, 'utf8')), edits: richTextEdits('default') },
  { kind: 'competency-matrix', model: matrixModel, base: starterMatrix, edits: matrixEdits },
  { kind: 'meeting', model: meetingModel, base: startingMeeting, edits: meetingEdits },
]

/** Applies each edit as its own update, as a person's client would send it. */
function run(doc: Y.Doc, edits: Array<[Edit, number]>): void {
  for (const [edit, pick] of edits) edit.make(doc, pick)
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
}

describe.each(cases)('restoring a version of the $kind', ({ kind, model, base, edits }) => {
  const start = base()
  const sequence = fc.array(fc.tuple(fc.constantFrom(...edits), fc.nat({ max: 1000 })), { maxLength: 10 })

  it('makes the document show the version, through an update the model check accepts, and converges with concurrent edits', () => {
    fc.assert(
      fc.property(sequence, sequence, sequence, (before, after, concurrent) => {
        const live = documentFromState(start)
        run(live, before)
        const versionState = Y.encodeStateAsUpdate(live)
        const version = documentFromState(versionState)
        run(live, after)
        const other = documentFromState(Y.encodeStateAsUpdate(live))
        run(other, concurrent)

        const update = restoreUpdate(kind, live, versionState)
        expect(checkUpdate(live, update, model)).toEqual({ ok: true })
        Y.applyUpdate(live, update)
        expect(renderedContent(kind, live)).toEqual(renderedContent(kind, version))

        const restoredAlone = JSON.stringify(renderedContent(kind, live))
        sync(live, other)
        expect(renderedContent(kind, live)).toEqual(renderedContent(kind, other))
        if (concurrent.length === 0) expect(JSON.stringify(renderedContent(kind, live))).toBe(restoredAlone)
      }),
      { numRuns: 60 },
    )
  })

  it('changes nothing when the document already shows the version', () => {
    const live = documentFromState(start)
    const update = restoreUpdate(kind, live, Y.encodeStateAsUpdate(live))
    const before = Y.encodeStateVector(live)
    Y.applyUpdate(live, update)
    expect(Y.encodeStateVector(live)).toEqual(before)
  })
})

describe('restoring keeps what did not change', () => {
  it('leaves an unchanged paragraph its Yjs items, so a position in it still points at the same words', () => {
    const live = documentFromState(markdownToYUpdate('First paragraph stays.\n\nSecond paragraph is edited.'))
    const versionState = Y.encodeStateAsUpdate(live)
    const second = (live.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText
    second.insert(0, 'Now the ')
    const first = (live.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText
    const anchor = Y.createRelativePositionFromTypeIndex(first, 6)
    const secondAnchor = Y.createRelativePositionFromTypeIndex(second, 'Now the Second '.length)
    Y.applyUpdate(live, restoreUpdate('terms-of-reference', live, versionState))
    const at = Y.createAbsolutePositionFromRelativePosition(anchor, live)!
    expect(at.type).toBe(first)
    expect(first.toString().slice(at.index)).toBe('paragraph stays.')
    // The edited paragraph was edited back in place, not replaced: a position after the change still holds.
    const atSecond = Y.createAbsolutePositionFromRelativePosition(secondAnchor, live)!
    expect(atSecond.type).toBe(second)
    expect(second.toString().slice(atSecond.index)).toBe('paragraph is edited.')
  })

  it('keeps ids in the matrix: a row added since is archived, one archived since comes back, renamed back by a small edit', () => {
    const live = documentFromState(starterMatrix())
    const [first, second] = readEntities(live, 'competency')
    const versionState = Y.encodeStateAsUpdate(live)
    addEntity(live, 'role', { name: 'Newcomer', id: 'newcomer' })
    archiveEntity(live, 'competency', first!.id)
    renameEntity(live, 'competency', second!.id, `${second!.name} (draft)`)
    setLevel(live, { competencyId: first!.id, roleId: 'newcomer' }, 3)
    const update = restoreUpdate('competency-matrix', live, versionState)
    Y.applyUpdate(live, update)
    const roles = readEntities(live, 'role')
    expect(roles.find((role) => role.id === 'newcomer')).toMatchObject({ archived: true, name: 'Newcomer' })
    expect(readEntities(live, 'competency').find((competency) => competency.id === first!.id)).toMatchObject({ archived: false })
    expect(readEntities(live, 'competency').find((competency) => competency.id === second!.id)!.name).toBe(second!.name)
    // The archived role's cell is kept, so restoring the role later brings it back.
    expect(live.getMap('expectations').get(`${first!.id}|newcomer`)).toBe(3)
  })
})
