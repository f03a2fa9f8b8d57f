/**
 * The list of malformed entries: for every kind of entry the update check refuses, written
 * into a document behind the check's back (as a log from before the check may hold it), the
 * list names it with a path a person can act on; a well-formed document lists nothing; and
 * removing what the list names leaves a document that fits its model, through an update the
 * check accepts.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction, addDecision, addMeeting, importFramework, markdownToYUpdate, matrixToCsv, meetingToMarkdown, readActions, readMatrix, readMeetings,
  seedFiles, setLevel, setNote, toExchange, validateExchange, yDocToMarkdown, type Meeting,
} from '../index.ts'
import { checkUpdate } from './check-update.ts'
import { describeMalformedEntry, listMalformedEntries, removeMalformedEntries } from './malformed-entries.ts'
import { matrixModel } from './matrix-model.ts'
import { meetingModel } from './meeting-model.ts'
import { meetingsIndexModel } from './meetings-index-model.ts'
import { termsOfReferenceModel } from './rich-text-model.ts'
import type { DocumentModel } from './shape.ts'

const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
if (!checked.ok) throw new Error('starter framework invalid')
const starter = checked.framework

function seededMatrix(): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, starter, 'replace')
  return doc
}

function seededMeetings(): Y.Doc {
  const doc = new Y.Doc()
  addMeeting(doc, { id: 'kick-off', title: 'Kick-off', start: '2026-03-02T10:00', timeZone: 'Europe/London', durationMinutes: 240, mode: 'hybrid' })
  return doc
}

function seededMeeting(): Y.Doc {
  const doc = new Y.Doc()
  const heading = paragraph('Agenda', {}, 'heading')
  heading.setAttribute('level', 1 as unknown as string)
  const list = new Y.XmlElement('bulletList')
  const item = new Y.XmlElement('listItem')
  item.insert(0, [paragraph('Welcome')])
  list.insert(0, [item])
  doc.getXmlFragment('agenda').insert(0, [heading, list])
  const notes = doc.getXmlFragment('notes')
  notes.insert(0, [paragraph('first'), paragraph('second'), paragraph('third')])
  addDecision(doc, { text: 'We meet monthly', id: 'd1' })
  addAction(doc, { text: 'Send minutes', id: 'a1', due: '2026-03-09', ownerId: 'olga' })
  return doc
}

function seededTerms(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, markdownToYUpdate(readFileSync(seedFiles.termsOfReference, 'utf8')))
  return doc
}

function paragraph(text: string, marks: Record<string, unknown> = {}, node = 'paragraph'): Y.XmlElement {
  const element = new Y.XmlElement(node)
  const inline = new Y.XmlText()
  inline.insert(0, text, marks)
  element.insert(0, [inline])
  return element
}

/**
 * Makes `change` on a copy, checks that the update check refuses it, then applies it to
 * `doc` anyway, as a log written before the check would have.
 */
function writeBehindTheCheck(doc: Y.Doc, model: DocumentModel, change: (copy: Y.Doc) => void): void {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  change(copy)
  const update = Y.encodeStateAsUpdate(copy, before)
  copy.destroy()
  const verdict = checkUpdate(doc, update, model)
  expect(verdict.ok, 'the update check refuses the change').toBe(false)
  Y.applyUpdate(doc, update)
}

/** The update removing the entries makes must itself fit the model, and leave nothing to list. */
function expectRemovalRepairs(doc: Y.Doc, model: DocumentModel): void {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  const removed = removeMalformedEntries(copy, model)
  expect(removed).toEqual(listMalformedEntries(doc, model))
  expect(checkUpdate(doc, Y.encodeStateAsUpdate(copy, before), model)).toEqual({ ok: true })
  expect(listMalformedEntries(copy, model)).toEqual([])
  copy.destroy()
}

interface Case {
  name: string
  change: (doc: Y.Doc) => void
  listed: string[]
}

const entity = (doc: Y.Doc, root: string, id: string) => doc.getMap(root).get(id) as Y.Map<unknown>

const matrixCases: Case[] = [
  { name: 'a competency that is not a map', change: (doc) => doc.getMap('competencies').set('risk-management', 'broken'), listed: ['competencies.risk-management: expected a map, found the text "broken"'] },
  { name: 'a level that is not a map', change: (doc) => doc.getMap('levels').set('7', 7), listed: ['levels.7: expected a map, found the number 7'] },
  { name: 'a level whose rank is not a rank', change: (doc) => doc.getMap('levels').set('03', new Y.Map()), listed: ['levels.03: unknown key, holding a map'] },
  { name: 'an expectation outside the scale', change: (doc) => doc.getMap('expectations').set('risk-management|pmo-analyst', 9), listed: ['expectations.risk-management|pmo-analyst: level 9 is outside the scale 0–5'] },
  { name: 'an expectation that is not a number', change: (doc) => doc.getMap('expectations').set('risk-management|pmo-analyst', 'high'), listed: ['expectations.risk-management|pmo-analyst: expected a level of the scale, or nothing, found the text "high"'] },
  { name: 'an expectation under a key that is not a cell', change: (doc) => doc.getMap('expectations').set('risk-management', 2), listed: ['expectations.risk-management: unknown key, holding the number 2'] },
  { name: 'a name that is not a shared text', change: (doc) => entity(doc, 'roles', 'pmo-analyst').set('name', 'Analyst'), listed: ['roles.pmo-analyst.name: expected a plain text, found the text "Analyst"'] },
  { name: 'an order that is not text', change: (doc) => entity(doc, 'domains', 'financial-control').set('order', 4), listed: ['domains.financial-control.order: expected text, found the number 4'] },
  { name: 'a field the model does not know', change: (doc) => entity(doc, 'pmoTypes', 'project-office').set('colour', 'red'), listed: ['pmoTypes.project-office.colour: unknown key, holding the text "red"'] },
  { name: 'a map inside meta', change: (doc) => doc.getMap('meta').set('title', new Y.Map()), listed: ['meta.title: expected text, found a map'] },
  { name: 'a schema version that is not whole', change: (doc) => doc.getMap('meta').set('schemaVersion', 1.5), listed: ['meta.schemaVersion: expected a whole number, found the number 1.5'] },
  { name: 'an unknown top-level type', change: (doc) => doc.getArray('evil').insert(0, ['x', 'y']), listed: ['evil: not part of a competency-matrix document'] },
  { name: 'a list where a map belongs', change: (doc) => doc.getArray('meta').insert(0, ['x']), listed: ['meta: a map holds keyed entries only, found the text "x"'] },
  { name: 'a formatted note', change: (doc) => doc.getText('note:risk-management|pmo-analyst').insert(0, 'bold', { bold: true }), listed: ['note:risk-management|pmo-analyst: a plain text holds characters only, found formatting ("bold")'] },
  { name: 'an embed in a name', change: (doc) => (entity(doc, 'competencies', 'risk-management').get('name') as Y.Text).insertEmbed(0, { image: 'x' }), listed: ['competencies.risk-management.name: a plain text holds characters only, found an embed'] },
]

describe('the malformed entries of a competency matrix', () => {
  it('lists nothing in a well-formed matrix, after the operations have edited it', () => {
    const doc = seededMatrix()
    setLevel(doc, { competencyId: 'risk-management', roleId: 'pmo-analyst' }, null)
    setNote(doc, { competencyId: 'risk-management', roleId: 'pmo-analyst' }, 'a note')
    expect(listMalformedEntries(doc, matrixModel)).toEqual([])
  })

  it.each(matrixCases)('lists $name with its path', ({ change, listed }) => {
    const doc = seededMatrix()
    writeBehindTheCheck(doc, matrixModel, change)
    expect(listMalformedEntries(doc, matrixModel).map(describeMalformedEntry)).toEqual(listed)
    expectRemovalRepairs(doc, matrixModel)
  })

  it('counts an expectation whose level is broken as outside the scale, as readers show it', () => {
    const doc = seededMatrix()
    writeBehindTheCheck(doc, matrixModel, (copy) => copy.getMap('levels').set('5', 'broken'))
    const listed = listMalformedEntries(doc, matrixModel).map(describeMalformedEntry)
    expect(listed[0]).toMatch(/^expectations\.[^:]+: level 5 is outside the scale 0–4$/)
    expect(listed).toContain('levels.5: expected a map, found the text "broken"')
  })

  it('lists every entry once, in the order of their paths, whatever order they were written in', () => {
    const doc = seededMatrix()
    writeBehindTheCheck(doc, matrixModel, (copy) => {
      copy.getMap('expectations').set('risk-management|pmo-analyst', 42)
      copy.getMap('competencies').set('risk-management', 'broken')
      copy.getMap('meta').set('title', 7)
    })
    expect(listMalformedEntries(doc, matrixModel).map((entry) => entry.path)).toEqual(['competencies.risk-management', 'expectations.risk-management|pmo-analyst', 'meta.title'])
  })

  it('looks only at the top-level names it is asked about', () => {
    const doc = seededMatrix()
    writeBehindTheCheck(doc, matrixModel, (copy) => {
      copy.getMap('competencies').set('risk-management', 'broken')
      copy.getMap('meta').set('title', 7)
    })
    expect(listMalformedEntries(doc, matrixModel, { roots: ['meta'] }).map((entry) => entry.path)).toEqual(['meta.title'])
  })

  it('lists whatever random edits behind the check break, and removing it leaves a matrix that reads, exports and fits', () => {
    const junk = [42, 'junk', true, null, { nested: 1 }, [1, 2]]
    const keys = (doc: Y.Doc, root: string) => [...doc.getMap(root).keys()]
    const nth = <T>(items: T[], pick: number): T => items[pick % items.length]!
    const breakers: Array<(doc: Y.Doc, pick: number) => void> = [
      (doc, pick) => doc.getMap('competencies').set(nth(keys(doc, 'competencies'), pick), nth(junk, pick)),
      (doc, pick) => doc.getMap('levels').set(String(pick % 6), nth(junk, pick)),
      (doc, pick) => doc.getMap('expectations').set(`${nth(keys(doc, 'competencies'), pick)}|${nth(keys(doc, 'roles'), pick)}`, 50 + pick),
      (doc, pick) => doc.getMap(`extra-${pick % 3}`).set('x', pick),
      (doc, pick) => {
        const role = doc.getMap('roles').get(nth(keys(doc, 'roles'), pick))
        if (role instanceof Y.Map) role.set(nth(['name', 'order', 'archived', 'colour'], pick), new Y.Map())
        else doc.getMap('roles').set(nth(keys(doc, 'roles'), pick), nth(junk, pick))
      },
    ]
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(breakers.length - 1), fc.nat()), { minLength: 1, maxLength: 8 }), (sequence) => {
      const doc = seededMatrix()
      for (const [breaker, pick] of sequence) {
        breakers[breaker]!(doc, pick)
        expect(listMalformedEntries(doc, matrixModel).length).toBeGreaterThan(0)
      }
      readMatrix(doc)
      matrixToCsv(doc)
      expect(validateExchange(JSON.parse(JSON.stringify(toExchange(doc)))).ok).toBe(true)
      expectRemovalRepairs(doc, matrixModel)
    }), { numRuns: 40 })
  })
})

describe('the malformed entries of the meetings index', () => {
  const meetingMap = (doc: Y.Doc) => doc.getMap('meetings').get('kick-off') as Y.Map<unknown>
  const cases: Case[] = [
    { name: 'a meeting that is not a map', change: (doc) => doc.getMap('meetings').set('broken', 'x'), listed: ['meetings.broken: expected a map, found the text "x"'] },
    { name: 'a zone that does not exist', change: (doc) => meetingMap(doc).set('timeZone', 'Mars/Olympus'), listed: ['meetings.kick-off.timeZone: expected a valid timeZone, found the text "Mars/Olympus"'] },
    { name: 'a length that is not minutes', change: (doc) => meetingMap(doc).set('durationMinutes', 'long'), listed: ['meetings.kick-off.durationMinutes: expected a valid durationMinutes, found the text "long"'] },
    { name: 'an unknown top-level text', change: (doc) => doc.getText('notes').insert(0, 'x'), listed: ['notes: not part of a meetings document'] },
  ]
  it('lists nothing in a well-formed index', () => {
    expect(listMalformedEntries(seededMeetings(), meetingsIndexModel)).toEqual([])
  })
  it.each(cases)('lists $name with its path', ({ change, listed }) => {
    const doc = seededMeetings()
    writeBehindTheCheck(doc, meetingsIndexModel, change)
    expect(listMalformedEntries(doc, meetingsIndexModel).map(describeMalformedEntry)).toEqual(listed)
    readMeetings(doc, { includeArchived: true })
    expectRemovalRepairs(doc, meetingsIndexModel)
  })
})

const meeting: Meeting = { id: 'm', title: 'M', start: '2026-01-05T10:00', plannedTime: null, timeZone: 'Europe/London', durationMinutes: 60, place: '', mode: 'hybrid', joinLink: '', createdAt: '', archived: false }

describe('the malformed entries of a meeting', () => {
  const secondNoteText = (doc: Y.Doc) => (doc.getXmlFragment('notes').get(1) as Y.XmlElement).get(0) as Y.XmlText
  const cases: Case[] = [
    { name: 'a node the editor does not know', change: (doc) => doc.getXmlFragment('notes').insert(3, [new Y.XmlElement('iframe')]), listed: ['notes › block 4: unknown node "iframe" (left out)'] },
    {
      name: 'a node the editor does not know, inside a list',
      change: (doc) => {
        const item = (doc.getXmlFragment('agenda').get(1) as Y.XmlElement).get(0) as Y.XmlElement
        item.insert(1, [new Y.XmlElement('script')])
      },
      listed: ['agenda › block 2 › block 1 › block 2: unknown node "script" (left out)'],
    },
    { name: 'a mark the editor does not know', change: (doc) => secondNoteText(doc).format(0, 3, { blink: {} }), listed: ['notes › block 2: unknown mark "blink" (left out)'] },
    { name: 'a mark holding a plain value', change: (doc) => secondNoteText(doc).format(0, 3, { bold: 'yes' }), listed: ['notes › block 2: the mark "bold" holds the text "yes" (left out)'] },
    { name: 'an attribute the node does not have', change: (doc) => (doc.getXmlFragment('notes').get(0) as Y.XmlElement).setAttribute('onclick', 'alert(1)'), listed: ['notes › block 1: a paragraph has no attribute "onclick" holding the text "alert(1)"'] },
    { name: 'an attribute of the wrong kind', change: (doc) => (doc.getXmlFragment('agenda').get(0) as Y.XmlElement).setAttribute('level', 'huge'), listed: ['agenda › block 1: a heading has no attribute "level" holding the text "huge"'] },
    { name: 'a decision that is not a map', change: (doc) => doc.getMap('decisions').set('d1', 'broken'), listed: ['decisions.d1: expected a map, found the text "broken"'] },
    { name: 'a due date that is not a date', change: (doc) => (doc.getMap('actions').get('a1') as Y.Map<unknown>).set('due', 'next week'), listed: ['actions.a1.due: expected a date like 2025-07-31, or nothing, found the text "next week"'] },
    { name: 'an action text that is plain', change: (doc) => (doc.getMap('actions').get('a1') as Y.Map<unknown>).set('text', 'plain'), listed: ['actions.a1.text: expected a plain text, found the text "plain"'] },
  ]
  it('lists nothing in a well-formed meeting', () => {
    expect(listMalformedEntries(seededMeeting(), meetingModel)).toEqual([])
  })
  it.each(cases)('lists $name with its path', ({ change, listed }) => {
    const doc = seededMeeting()
    writeBehindTheCheck(doc, meetingModel, change)
    expect(listMalformedEntries(doc, meetingModel).map(describeMalformedEntry)).toEqual(listed)
    meetingToMarkdown(doc, meeting, [])
    readActions(doc)
    expectRemovalRepairs(doc, meetingModel)
  })
})

describe('the malformed entries of the terms of reference', () => {
  it('lists nothing in the seed', () => {
    expect(listMalformedEntries(seededTerms(), termsOfReferenceModel)).toEqual([])
  })
  it('names the document and the block of a node the editor does not know', () => {
    const doc = seededTerms()
    writeBehindTheCheck(doc, termsOfReferenceModel, (copy) => copy.getXmlFragment('default').insert(3, [new Y.XmlElement('script')]))
    expect(listMalformedEntries(doc, termsOfReferenceModel).map(describeMalformedEntry)).toEqual(['terms-of-reference › block 4: unknown node "script" (left out)'])
    expect(yDocToMarkdown(doc)).toContain('## Licensing')
    expectRemovalRepairs(doc, termsOfReferenceModel)
  })
})
