/**
 * The mention popup: MentionList floating at the caret, for the rich-text editor (Tiptap's
 * suggestion) and the comment box alike. Placed with @floating-ui/dom below the caret, or
 * above it when there is more room there, kept inside the viewport (a 390 px phone
 * included) and no taller than the space left, so it never runs off screen.
 */
import type { Person } from '@studio/contract'
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom'
import { h, render } from 'vue'
import MentionList from './MentionList.vue'

export interface MentionPopupState {
  items: Person[]
  query: string
  loading?: boolean
  /** Where the caret is on screen; null when it cannot be told (the popup keeps its place). */
  caret: () => DOMRect | null
}

export interface MentionPopup {
  update(state: MentionPopupState): void
  /** A key typed in the field while the popup is open; true when the popup used it. */
  onKeyDown(event: KeyboardEvent): boolean
  /** The highlighted option's element id, for the field's aria-activedescendant. */
  activeId(): string | undefined
  readonly listId: string
  destroy(): void
}

interface ListFunctions {
  onKeyDown(event: KeyboardEvent): boolean
  activeId(): string | undefined
}

let opened = 0

export function openMentionPopup(initial: MentionPopupState, choose: (person: Person) => void): MentionPopup {
  const listId = `mention-list-${++opened}`
  const container = document.createElement('div')
  container.className = 'mention-popup'
  Object.assign(container.style, { position: 'fixed', top: '0', left: '0', zIndex: '50', width: 'max-content' })
  document.body.append(container)

  let state = initial
  let list: ListFunctions | null = null
  let lastRect = new DOMRect()
  const anchor = {
    getBoundingClientRect: () => {
      lastRect = state.caret() ?? lastRect
      return lastRect
    },
  }

  function draw(): void {
    const vnode = h(MentionList, { items: state.items, query: state.query, loading: state.loading, listId, onChoose: choose })
    render(vnode, container)
    // Rendered outside any component, so no template ref: the list's exposed functions instead.
    list = (vnode.component?.exposed as ListFunctions | null | undefined) ?? list
  }

  async function place(): Promise<void> {
    const { x, y } = await computePosition(anchor, container, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({ padding: 8, apply: ({ availableHeight }) => {
          container.style.maxHeight = `${Math.max(120, Math.min(availableHeight, 320))}px`
        } }),
      ],
    })
    Object.assign(container.style, { transform: `translate(${Math.round(x)}px, ${Math.round(y)}px)` })
  }

  draw()
  // Follows the caret as the page scrolls or resizes (the phone's keyboard opening).
  const stopFollowing = autoUpdate(anchor, container, () => void place())

  return {
    listId,
    update(next) {
      state = next
      draw()
      void place()
    },
    onKeyDown: (event) => list?.onKeyDown(event) ?? false,
    activeId: () => list?.activeId(),
    destroy() {
      stopFollowing()
      render(null, container)
      container.remove()
    },
  }
}
