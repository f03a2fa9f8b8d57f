/**
 * Where a page's comments panel points: the whole document (`text`) unless a passage was
 * chosen (its anchor and words: the box for the new thread takes focus, as the person is about
 * to write, even when the panel was already open further up the page) or a passage's
 * highlight was clicked (then its thread is scrolled into view). Closing the panel points it
 * back at the whole document.
 */
import { textAnchor } from '@studio/contract'
import { nextTick, ref, watch, type Ref } from 'vue'

export function useCommentsTarget(panelOpen: Ref<boolean>) {
  const anchor = ref(textAnchor)
  const quote = ref<string | null>(null)

  watch(panelOpen, (open) => {
    if (open) return
    anchor.value = textAnchor
    quote.value = null
  })

  async function open(target: string, words: string | null, threadId: string | null): Promise<void> {
    anchor.value = target
    quote.value = words
    panelOpen.value = true
    await nextTick()
    if (threadId) document.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
    else if (words !== null) document.querySelector<HTMLElement>('.comments-panel__new textarea')?.focus()
  }

  return { anchor, quote, open }
}
