/**
 * Undo and redo for a page of structured edits (the competency matrix): this person's own
 * last step (a level set, a note or a name typed, an archive, a move), never another
 * person's. Each operation is a step of its own and typing in a field one step (lib/editor/undo-steps.ts
 * beginsNewStep), however quickly they follow each other. The framework's operations run with no origin when the page calls them, and
 * bound fields write with a SharedFieldEdit origin; every change from the server or this
 * device's saved copy carries its provider as origin, so tracking those two takes in
 * exactly what this person did here. Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y work
 * anywhere on the page except in a field of the page's own (a search box), which keeps
 * the browser's undo.
 */
import { onScopeDispose, ref, type Ref } from 'vue'
import type * as Y from 'yjs'
import { beginsNewStep, createUndoSteps, undoShortcut } from '../lib/editor/undo-steps.ts'
import { SharedFieldEdit, sharedFieldAttribute } from './useBoundText.ts'

export interface DocumentUndo {
  canUndo: Ref<boolean>
  canRedo: Ref<boolean>
  undo: () => void
  redo: () => void
  /** A keydown handler for the page: takes the undo shortcuts, leaves every other key alone. */
  onKeydown: (event: KeyboardEvent) => void
}

export function useDocumentUndo(doc: Y.Doc): DocumentUndo {
  const { undoManager, release } = createUndoSteps(doc, { trackedOrigins: [null, SharedFieldEdit] })
  const canUndo = ref(false)
  const canRedo = ref(false)
  const refresh = () => {
    canUndo.value = undoManager.canUndo()
    canRedo.value = undoManager.canRedo()
  }
  undoManager.on('stack-item-added', refresh)
  undoManager.on('stack-item-popped', refresh)
  undoManager.on('stack-cleared', refresh)

  // This person's previous change, to tell where one step ends and the next begins.
  let previousOrigin: unknown = undefined
  const onBeforeTransaction = (transaction: Y.Transaction) => {
    const origin = transaction.origin
    if (origin !== null && !(origin instanceof SharedFieldEdit)) return
    if (beginsNewStep(previousOrigin, origin)) undoManager.stopCapturing()
    previousOrigin = origin
  }
  doc.on('beforeTransaction', onBeforeTransaction)
  onScopeDispose(() => {
    doc.off('beforeTransaction', onBeforeTransaction)
    release()
  })

  const undo = () => {
    undoManager.undo()
    refresh()
  }
  const redo = () => {
    undoManager.redo()
    refresh()
  }

  function onKeydown(event: KeyboardEvent): void {
    const action = undoShortcut(event)
    if (!action || event.defaultPrevented || keepsBrowserUndo(event.target)) return
    event.preventDefault()
    if (action === 'undo') undo()
    else redo()
  }

  return { canUndo, canRedo, undo, redo, onKeydown }
}

function keepsBrowserUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  const field = target.closest('input, textarea, [contenteditable="true"]')
  return field !== null && !field.hasAttribute(sharedFieldAttribute)
}
