/**
 * What one press of Undo takes back: this person's own last step, never someone else's.
 * A Yjs UndoManager only records transactions whose origin it tracks, so a change that
 * arrived from the server (origin: the provider) or from this device's saved copy (origin:
 * y-indexeddb) is never undone here, however it interleaves with the person's typing.
 * Typing is grouped into steps by word: a step ends when a new word starts, or after a
 * pause longer than `undoCaptureTimeout`, so Undo removes a whole word, not one character.
 */
import * as Y from 'yjs'

/** A pause this long (ms) inside a word still ends the step: the person has moved on. */
export const undoCaptureTimeout = 1_500

export interface UndoStepOptions {
  /** Origins of this person's own transactions; an instance is tracked by its class too. */
  trackedOrigins: ReadonlyArray<unknown>
  /** Return false for a transaction that should not become (part of) a step. */
  captureTransaction?: (transaction: Y.Transaction) => boolean
  /** Return false for a deleted item that Undo must not bring back. */
  deleteFilter?: (item: Y.Item) => boolean
}

/**
 * An UndoManager over `scope` (a shared type, several, or the whole document) that
 * records only the tracked origins, with the studio's capture timeout. `release` destroys
 * it and removes the listener Yjs leaves on the document, so an editor that closes while
 * its document stays open leaks nothing.
 */
/** What an UndoManager can watch: a shared type, several, or a whole document. */
export type UndoScope = ConstructorParameters<typeof Y.UndoManager>[0]

export function createUndoSteps(scope: UndoScope, options: UndoStepOptions): { undoManager: Y.UndoManager; release: () => void } {
  const doc = Array.isArray(scope) ? docOf(scope[0]!) : docOf(scope)
  const before = new Set(doc?._observers.get('destroy') ?? [])
  const undoManager = new Y.UndoManager(scope, {
    captureTimeout: undoCaptureTimeout,
    trackedOrigins: new Set(options.trackedOrigins),
    ...(options.captureTransaction ? { captureTransaction: options.captureTransaction } : {}),
    ...(options.deleteFilter ? { deleteFilter: options.deleteFilter } : {}),
  })
  const added = [...(doc?._observers.get('destroy') ?? [])].filter((listener) => !before.has(listener))
  return {
    undoManager,
    release: () => {
      undoManager.destroy()
      for (const listener of added) doc?.off('destroy', listener)
    },
  }
}

function docOf(scope: Y.Doc | { doc: Y.Doc | null }): Y.Doc | null {
  return scope instanceof Y.Doc ? scope : scope.doc
}

/**
 * True when typing `inserted` right after `before` (the character before the caret, or ''
 * at the start of a paragraph) begins a new word: the place to end the previous step.
 */
export function startsNewWord(before: string, inserted: string): boolean {
  const first = inserted.charAt(0)
  if (first === '' || /\s/u.test(first)) return false
  return before === '' || /\s/u.test(before)
}

/** Which of undo and redo a key press asks for, if either. */
export function undoShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null
  const key = event.key.toLowerCase()
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !event.shiftKey) return 'redo'
  return null
}

/**
 * On a page of structured edits, whether a change with `origin` starts a new step after
 * this person's previous change (with `previous`): every operation (origin null: a level
 * set, an archive, a move) is a step of its own, and typing is one step per field.
 */
export function beginsNewStep(previous: unknown, origin: unknown): boolean {
  return origin === null || origin !== previous
}
