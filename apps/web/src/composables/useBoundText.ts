/**
 * An `<input>` or `<textarea>` bound to a shared Y.Text. Typing writes the smallest
 * change (replaceText), so two people typing in one note both keep their words; a change
 * from someone else is merged into the field with the caret and selection moved by what
 * was inserted or deleted before them (lib/editor/text-caret.ts). While an input method is
 * composing, the field is left alone and others' changes wait; the finished composition
 * is then rebased over them. Each field's writes carry a SharedFieldEdit origin, so the
 * page's undo (useDocumentUndo) counts them as this person's own steps.
 */
import { replaceText } from '@studio/framework'
import { toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import type * as Y from 'yjs'
import { diffEdit, rebaseEdit, transformSelection, type TextDeltaOp } from '../lib/editor/text-caret.ts'

export interface BoundTextOptions {
  element: Ref<HTMLInputElement | HTMLTextAreaElement | null>
  text: MaybeRefOrGetter<Y.Text | null>
  editable: MaybeRefOrGetter<boolean>
}

type Field = HTMLInputElement | HTMLTextAreaElement

/** The origin of a change typed into a bound field: one instance per field, tracked by its class. */
export class SharedFieldEdit {}

/** Marks a bound field, so the page's Ctrl+Z goes to the shared undo rather than the browser's own. */
export const sharedFieldAttribute = 'data-shared-text'

export function useBoundText(options: BoundTextOptions): void {
  watch(
    [options.element, () => toValue(options.text)],
    ([element, text], _previous, onCleanup) => {
      if (!element || !text) return
      onCleanup(bind(element, text, () => toValue(options.editable)))
    },
    { immediate: true, flush: 'post' },
  )
}

function bind(field: Field, text: Y.Text, editable: () => boolean): () => void {
  const origin = new SharedFieldEdit()
  /** The text as the field last showed it, before the person's own typing. */
  let base = text.toString()
  let composing = false
  let waiting: TextDeltaOp[][] = []
  field.value = base

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    if (composing) {
      waiting.push(event.delta as TextDeltaOp[])
      return
    }
    showRemote(event.delta as TextDeltaOp[])
  }

  function showRemote(delta: readonly TextDeltaOp[]): void {
    const focused = document.activeElement === field
    const selection = { start: field.selectionStart ?? 0, end: field.selectionEnd ?? 0 }
    const scrollTop = field.scrollTop
    base = text.toString()
    field.value = base
    field.scrollTop = scrollTop
    if (focused) {
      const moved = transformSelection(delta, selection)
      field.setSelectionRange(moved.start, moved.end, field.selectionDirection ?? 'none')
    }
  }

  function onInput(): void {
    if (!editable()) {
      field.value = text.toString()
      return
    }
    if (composing && waiting.length > 0) return
    const doc = text.doc
    if (!doc) return
    if (waiting.length === 0) {
      doc.transact(() => replaceText(text, field.value), origin)
      base = field.value
      return
    }
    // Others changed the text while an input method was composing: apply this person's
    // edit where they made it, then show the merged result.
    const edit = rebaseEdit(diffEdit(base, field.value), waiting)
    waiting = []
    doc.transact(() => {
      if (edit.removed > 0) text.delete(edit.start, edit.removed)
      if (edit.inserted) text.insert(edit.start, edit.inserted)
    }, origin)
    base = text.toString()
    field.value = base
    const caret = edit.start + edit.inserted.length
    field.setSelectionRange(caret, caret)
  }

  const onCompositionStart = () => {
    composing = true
  }
  const onCompositionEnd = () => {
    composing = false
    onInput()
  }

  text.observe(observer)
  field.setAttribute(sharedFieldAttribute, '')
  field.addEventListener('input', onInput)
  field.addEventListener('compositionstart', onCompositionStart)
  field.addEventListener('compositionend', onCompositionEnd)
  return () => {
    text.unobserve(observer)
    field.removeAttribute(sharedFieldAttribute)
    field.removeEventListener('input', onInput)
    field.removeEventListener('compositionstart', onCompositionStart)
    field.removeEventListener('compositionend', onCompositionEnd)
  }
}
