/**
 * The compare of two states of a meeting: words in the agenda and notes, decisions and
 * actions added, edited, reassigned, done and archived.
 */
import type { ActionChange, DecisionChange, TextChange } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addDecision, archiveDecision, updateAction, updateDecisionText } from '../meetings/meeting-document.ts'
import { compareStates, summarizeStates } from './compare.ts'

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

describe('comparing two states of a meeting', () => {
  it('shows the notes word by word and every decision and action that changed', () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('agenda').insert(0, [paragraph('Welcome')])
    doc.getXmlFragment('notes').insert(0, [paragraph('We discussed the scope.')])
    addDecision(doc, { text: 'Meet monthly', id: 'monthly' })
    addDecision(doc, { text: 'Use a wiki', id: 'wiki' })
    addAction(doc, { text: 'Send minutes', id: 'minutes', due: '2026-01-09', ownerId: 'olga' })
    const from = Y.encodeStateAsUpdate(doc)
    ;((doc.getXmlFragment('notes').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert('We discussed the'.length, ' draft')
    updateDecisionText(doc, 'monthly', 'Meet every two weeks')
    archiveDecision(doc, 'wiki')
    addDecision(doc, { text: 'Publish under CC BY', id: 'licence' })
    updateAction(doc, 'minutes', { ownerId: 'sam', done: true })
    const changes = compareStates('meeting', from, Y.encodeStateAsUpdate(doc))
    expect(changes.map((change) => change.type)).toEqual(['text', 'decision', 'decision', 'decision', 'action'])
    expect(changes[0]).toMatchObject({ field: 'notes', wordsAdded: 1, wordsRemoved: 0 } satisfies Partial<TextChange>)
    const decisions = changes.filter((change): change is DecisionChange => change.type === 'decision')
    expect(decisions.map(({ id, change, edited }) => ({ id, change, edited }))).toEqual([
      { id: 'monthly', change: 'changed', edited: { from: 'Meet monthly', to: 'Meet every two weeks' } },
      { id: 'wiki', change: 'archived', edited: undefined },
      { id: 'licence', change: 'added', edited: undefined },
    ])
    expect(changes[4]).toMatchObject({ id: 'minutes', change: 'changed', owner: { from: 'olga', to: 'sam' }, done: { from: false, to: true } } satisfies Partial<ActionChange>)
    expect(summarizeStates('meeting', from, Y.encodeStateAsUpdate(doc))).toEqual({
      kind: 'meeting',
      wordsAdded: 1,
      wordsRemoved: 0,
      decisions: { added: 1, changed: 1, archived: 1 },
      actions: { added: 0, changed: 1, archived: 0 },
    })
  })
})
