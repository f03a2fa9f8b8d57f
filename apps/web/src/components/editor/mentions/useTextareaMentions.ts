/**
 * "@" in a comment box: typing "@" and the start of a name opens the mention popup (the
 * same one the editor uses) with the matching approved members; the arrow keys, Enter or
 * Tab, or a tap choose one, which replaces "@words" with the stored mention
 * (`@[Name](member:<id>)`, contract mentions.ts); Escape closes it and keeps the words.
 * The field keeps the focus throughout.
 */
import { mentionMarkup, type Person } from '@studio/contract'
import { nextTick, onBeforeUnmount, ref, type Ref } from 'vue'
import { usePeopleStore } from '../../../stores/people.ts'
import { matchPeople, mentionQueryBefore } from './match-people.ts'
import { openMentionPopup, type MentionPopup } from './mention-popup.ts'
import { textareaCaretRect } from './textarea-caret.ts'

export function useTextareaMentions(box: Ref<HTMLTextAreaElement | null>, text: Ref<string>) {
  const people = usePeopleStore()
  const open = ref(false)
  const activeId = ref<string | undefined>(undefined)
  let popup: MentionPopup | null = null
  let typed: { start: number; query: string } | null = null
  /** The words Escape closed the popup on: it stays closed until they change (the keyup after Escape included). */
  let dismissed: { start: number; query: string } | null = null

  function close(): void {
    popup?.destroy()
    popup = null
    typed = null
    open.value = false
    activeId.value = undefined
  }

  async function choose(person: Person): Promise<void> {
    const area = box.value
    if (!area || !typed) return close()
    const markup = `${mentionMarkup(person.name, person.id)} `
    const end = typed.start + 1 + typed.query.length
    text.value = `${text.value.slice(0, typed.start)}${markup}${text.value.slice(end)}`
    const caret = typed.start + markup.length
    close()
    await nextTick()
    area.focus()
    area.setSelectionRange(caret, caret)
  }

  /** Looks at the words before the caret after each input or caret move. */
  async function sync(): Promise<void> {
    const area = box.value
    const before = typed
    typed = area && area.selectionStart === area.selectionEnd ? mentionQueryBefore(area.value, area.selectionEnd) : null
    if (typed && typed.start === dismissed?.start && typed.query === dismissed.query) typed = null
    if (!area || !typed) return close()
    // The same words (a key that moved nothing): keep the highlight where the arrows put it.
    if (popup && people.loaded && before?.start === typed.start && before.query === typed.query) return
    if (!people.loaded) void people.ensureLoaded().then(() => typed && sync())
    const state = { items: matchPeople(people.people, typed.query), query: typed.query, loading: !people.loaded, caret: () => (box.value ? textareaCaretRect(box.value) : null) }
    if (popup) popup.update(state)
    else popup = openMentionPopup(state, (person) => void choose(person))
    open.value = true
    activeId.value = popup.activeId()
  }

  /** Keys for the popup while it is open; they go no further (Escape does not cancel the form). */
  function onKeyDown(event: KeyboardEvent): void {
    if (!popup || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return
    if (event.key === 'Escape') dismissed = typed
    const used = event.key === 'Escape' ? (close(), true) : popup.onKeyDown(event)
    if (!used) return
    event.preventDefault()
    event.stopImmediatePropagation()
    activeId.value = popup?.activeId()
  }

  onBeforeUnmount(close)
  return { open, activeId, listId: () => popup?.listId, sync, onKeyDown, close }
}
