/**
 * The model check against random edits of each document kind: edits the studio's own
 * operations make (and the editor's rich text) are accepted, edits that break the model are
 * refused, and whatever was accepted still reads and exports, including an export the studio
 * can import again.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction, addDecision, addEntity, addMeeting, archiveEntity, importFramework, markdownToYUpdate, matrixToCsv, matrixToMarkdown,
  meetingToHtml, meetingToIcs, meetingToMarkdown, moveEntity, readActions, readDecisions, readMatrix, readMeetings, renameEntity,
  seedFiles, setLevel, setLevelDefinition, setMeta, setNote, textDocumentToHtml, toExchange, updateAction, updateMeeting,
  validateExchange, yDocToMarkdown, type Meeting,
} from '../index.ts'
import { checkUpdate } from './check-update.ts'
import { matrixModel } from './matrix-model.ts'
import { meetingModel } from './meeting-model.ts'
import { meetingsIndexModel } from './meetings-index-model.ts'
import { termsOfReferenceModel } from './rich-text-model.ts'
import type { DocumentModel } from './shape.ts'

/** An edit made on a copy of the live document; `fits` says whether the model allows it. */
interface Edit {
  name: string
  fits: boolean
  make(doc: Y.Doc, pick: number): void
}

const nth = <T>(items: T[], pick: number): T => items[pick % items.length]!
const keysOf = (doc: Y.Doc, root: string) => [...doc.getMap(root).keys()]

/** Runs the edits in turn against a live document, checking each before it is applied. */
function runEdits(base: Uint8Array, model: DocumentModel, edits: Array<[Edit, number]>): Y.Doc {
  const live = new Y.Doc()
  Y.applyUpdate(live, base)
  for (const [edit, pick] of edits) {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
    const before = Y.encodeStateVector(copy)
    edit.make(copy, pick)
    const update = Y.encodeStateAsUpdate(copy, before)
    copy.destroy()
    const verdict = checkUpdate(live, update, model)
    expect(verdict.ok, `${edit.name}: ${verdict.ok ? 'accepted' : verdict.reason}`).toBe(edit.fits)
    if (verdict.ok) Y.applyUpdate(live, update)
  }
  return live
}

function property(base: Uint8Array, model: DocumentModel, edits: Edit[], readsAndExports: (doc: Y.Doc) => void): void {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...edits), fc.nat()), { maxLength: 12 }), (sequence) => {
      const live = runEdits(base, model, sequence)
      readsAndExports(live)
      live.destroy()
    }),
    { numRuns: 40 },
  )
}

const junk = [42, 'a string', true, null, { nested: 1 }, [1, 2]]

describe('the competency matrix model', () => {
  const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
  if (!checked.ok) throw new Error('starter framework invalid')
  const seeded = new Y.Doc()
  importFramework(seeded, checked.framework, 'replace')
  const base = Y.encodeStateAsUpdate(seeded)
  const cell = (doc: Y.Doc, pick: number) => ({ competencyId: nth(keysOf(doc, 'competencies'), pick), roleId: nth(keysOf(doc, 'roles'), pick >> 3) })

  const edits: Edit[] = [
    { name: 'set a level', fits: true, make: (doc, pick) => setLevel(doc, cell(doc, pick), pick % 7 === 0 ? null : pick % 6) },
    { name: 'write a note', fits: true, make: (doc, pick) => setNote(doc, cell(doc, pick), `note ${pick}`) },
    { name: 'add a role', fits: true, make: (doc, pick) => void addEntity(doc, 'role', { name: `Role ${pick}`, id: `role-${pick}-${doc.clientID}` }) },
    { name: 'rename a competency', fits: true, make: (doc, pick) => renameEntity(doc, 'competency', nth(keysOf(doc, 'competencies'), pick), `Renamed ${pick}`) },
    { name: 'move a competency', fits: true, make: (doc, pick) => moveEntity(doc, 'competency', nth(keysOf(doc, 'competencies'), pick), pick % 5, nth(keysOf(doc, 'domains'), pick)) },
    { name: 'archive a domain', fits: true, make: (doc, pick) => archiveEntity(doc, 'domain', nth(keysOf(doc, 'domains'), pick)) },
    { name: 'define a level', fits: true, make: (doc, pick) => setLevelDefinition(doc, 6 + (pick % 3), `Level ${pick}`, 'described') },
    { name: 'change the title', fits: true, make: (doc, pick) => setMeta(doc, 'title', `Title ${pick}`) },
    { name: 'a competency that is not a map', fits: false, make: (doc, pick) => doc.getMap('competencies').set(nth(keysOf(doc, 'competencies'), pick), nth(junk, pick)) },
    { name: 'a level that is not a map', fits: false, make: (doc, pick) => doc.getMap('levels').set(String(pick % 6), nth(junk, pick)) },
    { name: 'a level outside the scale', fits: false, make: (doc, pick) => doc.getMap('expectations').set(`${cell(doc, pick).competencyId}|${cell(doc, pick).roleId}`, 50 + pick) },
    { name: 'a level that is not a number', fits: false, make: (doc, pick) => doc.getMap('expectations').set(`${cell(doc, pick).competencyId}|${cell(doc, pick).roleId}`, String(pick % 6)) },
    { name: 'a name that is not a text', fits: false, make: (doc, pick) => (doc.getMap('roles').get(nth(keysOf(doc, 'roles'), pick)) as Y.Map<unknown>).set('name', nth(junk, pick)) },
    { name: 'an order that is not text', fits: false, make: (doc, pick) => (doc.getMap('domains').get(nth(keysOf(doc, 'domains'), pick)) as Y.Map<unknown>).set('order', pick) },
    { name: 'an unknown field', fits: false, make: (doc, pick) => (doc.getMap('roles').get(nth(keysOf(doc, 'roles'), pick)) as Y.Map<unknown>).set('colour', 'red') },
    { name: 'an unknown top-level map', fits: false, make: (doc, pick) => doc.getMap(`extra-${pick}`).set('x', 1) },
    { name: 'a list where a map belongs', fits: false, make: (doc) => doc.getArray('meta').insert(0, ['x']) },
    { name: 'a formatted note', fits: false, make: (doc, pick) => doc.getText(`note:${cell(doc, pick).competencyId}|${cell(doc, pick).roleId}`).insert(0, 'bold', { bold: true }) },
    { name: 'a map inside meta', fits: false, make: (doc) => doc.getMap('meta').set('title', new Y.Map()) },
  ]

  it('accepts what the operations write, refuses the rest, and always reads and exports', () => {
    property(base, matrixModel, edits, (doc) => {
      readMatrix(doc)
      matrixToCsv(doc)
      matrixToMarkdown(doc)
      const exported = validateExchange(JSON.parse(JSON.stringify(toExchange(doc))))
      expect(exported.ok, exported.ok ? '' : JSON.stringify(exported.problems)).toBe(true)
    })
  })

  it('accepts the starter framework, and a replace import of it into a matrix that already has one', () => {
    expect(checkUpdate(new Y.Doc(), base, matrixModel)).toEqual({ ok: true })
    const copy = new Y.Doc()
    Y.applyUpdate(copy, base)
    const before = Y.encodeStateVector(copy)
    importFramework(copy, { ...checked.framework, levels: [...checked.framework.levels, { rank: 9, name: 'New', description: '' }] }, 'replace')
    expect(checkUpdate(seeded, Y.encodeStateAsUpdate(copy, before), matrixModel)).toEqual({ ok: true })
  })

  it('refuses an update that builds on content the document does not have', () => {
    const elsewhere = new Y.Doc()
    Y.applyUpdate(elsewhere, base)
    const first = Y.encodeStateVector(elsewhere)
    setMeta(elsewhere, 'title', 'One')
    const middle = Y.encodeStateVector(elsewhere)
    setMeta(elsewhere, 'title', 'Two')
    expect(checkUpdate(seeded, Y.encodeStateAsUpdate(elsewhere, middle), matrixModel).ok).toBe(false)
    expect(checkUpdate(seeded, Y.encodeStateAsUpdate(elsewhere, first), matrixModel).ok).toBe(true)
  })
})

describe('the meetings index model', () => {
  const seeded = new Y.Doc()
  addMeeting(seeded, { id: 'kick-off', title: 'Kick-off', start: null, timeZone: 'Europe/London', durationMinutes: 240, mode: 'hybrid' })
  const base = Y.encodeStateAsUpdate(seeded)
  const meetingMap = (doc: Y.Doc, pick: number) => doc.getMap('meetings').get(nth(keysOf(doc, 'meetings'), pick)) as Y.Map<unknown>
  const edits: Edit[] = [
    { name: 'add a meeting', fits: true, make: (doc, pick) => void addMeeting(doc, { id: `m-${pick}-${doc.clientID}`, title: `Meeting ${pick}`, start: '2026-03-0' + (1 + (pick % 9)) + 'T10:00', timeZone: 'America/New_York', durationMinutes: 60, mode: 'remote' }) },
    { name: 'date a meeting', fits: true, make: (doc, pick) => updateMeeting(doc, nth(keysOf(doc, 'meetings'), pick), { start: '2026-07-20T13:00', timeZone: 'Asia/Tokyo' }) },
    { name: 'a meeting that is not a map', fits: false, make: (doc, pick) => doc.getMap('meetings').set(nth(keysOf(doc, 'meetings'), pick), nth(junk, pick)) },
    { name: 'a zone that does not exist', fits: false, make: (doc, pick) => meetingMap(doc, pick).set('timeZone', 'Mars/Olympus') },
    { name: 'a start that is not a time', fits: false, make: (doc, pick) => meetingMap(doc, pick).set('start', nth(['soon', 3, '2026-02-30T10:00'], pick)) },
    { name: 'a length that is not minutes', fits: false, make: (doc, pick) => meetingMap(doc, pick).set('durationMinutes', nth(['long', -5, 1e9], pick)) },
    { name: 'an unknown mode', fits: false, make: (doc, pick) => meetingMap(doc, pick).set('mode', 'telepathy') },
    { name: 'an unknown top-level text', fits: false, make: (doc) => doc.getText('notes').insert(0, 'x') },
  ]
  it('accepts what the operations write, refuses the rest, and always lists and makes calendar files', () => {
    property(base, meetingsIndexModel, edits, (doc) => {
      for (const meeting of readMeetings(doc, { includeArchived: true })) meetingToIcs(meeting, { uid: meeting.id })
    })
  })
})

const meeting: Meeting = { id: 'm', title: 'M', start: '2026-01-05T10:00', plannedTime: null, timeZone: 'Europe/London', durationMinutes: 60, place: '', mode: 'hybrid', joinLink: '', createdAt: '', archived: false }

/** A paragraph the way the editor writes one: an element holding formatted text. */
function paragraph(text: string, marks: Record<string, unknown> = {}, node = 'paragraph', attributes: Record<string, unknown> = {}): Y.XmlElement {
  const element = new Y.XmlElement(node)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value as string)
  const inline = new Y.XmlText()
  inline.insert(0, text, marks)
  element.insert(0, [inline])
  return element
}

/** A paragraph with a mention the way the editor writes one: an inline element beside the text. */
function mentionParagraph(attributes: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  const mention = new Y.XmlElement('mention')
  for (const [name, value] of Object.entries(attributes)) mention.setAttribute(name, value as string)
  element.insert(0, [new Y.XmlText('Over to '), mention, new Y.XmlText(' for the roles.')])
  return element
}

const mention = { id: 'c0a8f3e2-1b7d-4f55-9e3a-2d6b8c4e1f00', label: 'Bo Chen', mentionSuggestionChar: '@' }

const richTextEdits = (field: string): Edit[] => [
  { name: 'add a paragraph', fits: true, make: (doc, pick) => doc.getXmlFragment(field).insert(0, [paragraph(`text ${pick}`)]) },
  { name: 'add a bold link', fits: true, make: (doc) => doc.getXmlFragment(field).insert(0, [paragraph('site', { bold: {}, link: { href: 'https://example.org' } })]) },
  { name: 'add a heading', fits: true, make: (doc, pick) => doc.getXmlFragment(field).insert(0, [paragraph('Heading', {}, 'heading', { level: 1 + (pick % 6) })]) },
  { name: 'type into the first block', fits: true, make: (doc, pick) => {
    const first = doc.getXmlFragment(field).get(0)
    if (first instanceof Y.XmlElement && first.get(0) instanceof Y.XmlText) (first.get(0) as Y.XmlText).insert(0, `typed ${pick} `)
  } },
  { name: 'delete the first block', fits: true, make: (doc) => doc.getXmlFragment(field).length > 0 && doc.getXmlFragment(field).delete(0, 1) },
  { name: 'a node the editor does not know', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [paragraph('x', {}, 'script')]) },
  { name: 'a mark the editor does not know', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [paragraph('x', { blink: {} })]) },
  { name: 'an attribute of the wrong kind', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [paragraph('x', {}, 'heading', { level: 'huge' })]) },
  { name: 'an attribute the node does not have', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [paragraph('x', {}, 'paragraph', { onclick: 'alert(1)' })]) },
  { name: 'a map where rich text belongs', fits: false, make: (doc) => doc.getMap(field).set('x', 1) },
  { name: 'add a mention of a member', fits: true, make: (doc) => doc.getXmlFragment(field).insert(0, [mentionParagraph(mention)]) },
  { name: 'a mention whose id is a number', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [mentionParagraph({ ...mention, id: 42 })]) },
  { name: 'a mention whose id is not a member id', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [mentionParagraph({ ...mention, id: 'bo" onclick="x' })]) },
  { name: 'a mention whose label is not text', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [mentionParagraph({ ...mention, label: { name: 'Bo' } })]) },
  { name: 'a mention whose label runs over lines', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [mentionParagraph({ ...mention, label: 'Bo\nChen' })]) },
  { name: 'a mention by another trigger', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [mentionParagraph({ ...mention, mentionSuggestionChar: '#' })]) },
  { name: 'a mention with an attribute it does not have', fits: false, make: (doc) => doc.getXmlFragment(field).insert(0, [mentionParagraph({ ...mention, href: 'https://example.org' })]) },
]

describe('the meeting document model', () => {
  const edits: Edit[] = [
    ...richTextEdits('agenda'),
    ...richTextEdits('notes'),
    { name: 'add a decision', fits: true, make: (doc, pick) => void addDecision(doc, { text: `Decided ${pick}`, id: `d-${pick}-${doc.clientID}` }) },
    { name: 'add an action', fits: true, make: (doc, pick) => void addAction(doc, { text: `Do ${pick}`, id: `a-${pick}-${doc.clientID}`, due: '2026-02-01', ownerId: 'someone' }) },
    { name: 'finish an action', fits: true, make: (doc, pick) => keysOf(doc, 'actions').length > 0 && updateAction(doc, nth(keysOf(doc, 'actions'), pick), { done: true, due: null }) },
    { name: 'a decision that is not a map', fits: false, make: (doc, pick) => doc.getMap('decisions').set(`d-${pick}`, nth(junk, pick)) },
    { name: 'a due date that is not a date', fits: false, make: (doc, pick) => {
      const id = `a-bad-${pick}`
      addAction(doc, { text: 'x', id })
      ;(doc.getMap('actions').get(id) as Y.Map<unknown>).set('due', 'next week')
    } },
    { name: 'an action text that is plain', fits: false, make: (doc, pick) => {
      const row = new Y.Map<unknown>()
      row.set('text', `plain ${pick}`)
      doc.getMap('actions').set(`a-plain-${pick}`, row)
    } },
  ]
  it('accepts what the editor and operations write, refuses the rest, and always exports', () => {
    property(new Uint8Array([0, 0]), meetingModel, edits, (doc) => {
      readDecisions(doc)
      readActions(doc)
      meetingToMarkdown(doc, meeting, [])
      meetingToHtml(doc, meeting, [])
    })
  })
})

describe('the terms of reference model', () => {
  const base = markdownToYUpdate(readFileSync(seedFiles.termsOfReference, 'utf8'))
  it('accepts the seed', () => {
    expect(checkUpdate(new Y.Doc(), base, termsOfReferenceModel)).toEqual({ ok: true })
  })
  it('accepts what the editor writes, refuses the rest, and always exports', () => {
    property(base, termsOfReferenceModel, richTextEdits('default'), (doc) => {
      yDocToMarkdown(doc)
      textDocumentToHtml(doc, 'default')
    })
  })
})
