import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { beginsNewStep, createUndoSteps, startsNewWord, undoCaptureTimeout, undoShortcut } from './undo-steps.ts'

class AliceTyping {}
const fromServer = Symbol('server')

/** Alice's and Bob's copies, each sending every change to the other as the server would. */
function twoPeople() {
  const alice = new Y.Doc()
  const bob = new Y.Doc()
  alice.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== fromServer) Y.applyUpdate(bob, update, fromServer)
  })
  bob.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== fromServer) Y.applyUpdate(alice, update, fromServer)
  })
  return { alice, bob }
}

/** Alice types `word` one key at a time, ending a step where a word starts. */
function aliceTypes(doc: Y.Doc, undoManager: Y.UndoManager, word: string, between: () => void): void {
  const text = doc.getText('notes')
  for (const character of word) {
    const at = text.length
    if (startsNewWord(text.toString().charAt(at - 1), character)) undoManager.stopCapturing()
    doc.transact(() => text.insert(at, character), new AliceTyping())
    between()
  }
}

describe('undo steps', () => {
  it("takes back Alice's whole last word while Bob types, and none of Bob's text", () => {
    const { alice, bob } = twoPeople()
    alice.getText('notes').insert(0, 'Agreed. ')
    const { undoManager, release } = createUndoSteps(alice.getText('notes'), { trackedOrigins: [AliceTyping] })
    const bobText = bob.getText('notes')
    let bobTyped = ''
    const bobTypesAKey = () => {
      const key = 'Bob keeps typing. '.charAt(bobTyped.length % 18)
      bobTyped += key
      bobText.insert(0, key)
    }

    aliceTypes(alice, undoManager, 'Budget approved', bobTypesAKey)
    expect(alice.getText('notes').toString()).toBe(`${bobTyped.split('').reverse().join('')}Agreed. Budget approved`)

    undoManager.undo()
    expect(alice.getText('notes').toString()).toBe(`${bobTyped.split('').reverse().join('')}Agreed. Budget `)
    expect(bob.getText('notes').toString()).toBe(alice.getText('notes').toString())

    undoManager.undo()
    expect(alice.getText('notes').toString()).toBe(`${bobTyped.split('').reverse().join('')}Agreed. `)

    undoManager.redo()
    undoManager.redo()
    expect(bob.getText('notes').toString()).toBe(`${bobTyped.split('').reverse().join('')}Agreed. Budget approved`)
    release()
  })

  it('ends a step after a pause, even inside a word', () => {
    const doc = new Y.Doc()
    const { undoManager, release } = createUndoSteps(doc.getText('notes'), { trackedOrigins: [AliceTyping] })
    aliceTypes(doc, undoManager, 'Budg', () => {})
    // Yjs reads the clock through lib0, which no fake timer reaches: move the last change back instead.
    undoManager.lastChange -= undoCaptureTimeout + 1
    aliceTypes(doc, undoManager, 'et', () => {})
    undoManager.undo()
    expect(doc.getText('notes').toString()).toBe('Budg')
    release()
  })

  it('removes the listener it left on the document when released', () => {
    const doc = new Y.Doc()
    const listeners = () => doc._observers.get('destroy')?.size ?? 0
    const before = listeners()
    const { release } = createUndoSteps(doc, { trackedOrigins: [null] })
    expect(listeners()).toBeGreaterThan(before)
    release()
    expect(listeners()).toBe(before)
  })
})

describe('startsNewWord', () => {
  it('is true for the first letter after a space or at the start of a line', () => {
    expect(startsNewWord(' ', 'a')).toBe(true)
    expect(startsNewWord('', 'a')).toBe(true)
    expect(startsNewWord('\n', 'a')).toBe(true)
  })

  it('is false inside a word and for the spaces themselves', () => {
    expect(startsNewWord('b', 'a')).toBe(false)
    expect(startsNewWord('b', ' ')).toBe(false)
    expect(startsNewWord(' ', ' ')).toBe(false)
    expect(startsNewWord('b', '')).toBe(false)
  })
})

describe('undoShortcut', () => {
  const press = (key: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
    undoShortcut({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...modifiers })

  it('reads Ctrl or Cmd+Z as undo, with Shift or Ctrl+Y as redo', () => {
    expect(press('z', { ctrlKey: true })).toBe('undo')
    expect(press('z', { metaKey: true })).toBe('undo')
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo')
    expect(press('z', { metaKey: true, shiftKey: true })).toBe('redo')
    expect(press('y', { ctrlKey: true })).toBe('redo')
  })

  it('leaves other keys alone', () => {
    expect(press('z')).toBeNull()
    expect(press('z', { ctrlKey: true, altKey: true })).toBeNull()
    expect(press('c', { ctrlKey: true })).toBeNull()
  })
})

describe('beginsNewStep', () => {
  it('makes every operation a step of its own, and typing one step per field', () => {
    const noteField = new AliceTyping()
    const nameField = new AliceTyping()
    expect(beginsNewStep(null, null)).toBe(true)
    expect(beginsNewStep(noteField, null)).toBe(true)
    expect(beginsNewStep(null, noteField)).toBe(true)
    expect(beginsNewStep(noteField, noteField)).toBe(false)
    expect(beginsNewStep(noteField, nameField)).toBe(true)
  })
})
