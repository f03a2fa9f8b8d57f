/**
 * The mention node as the web editor has it: the shared schema's node (framework
 * MemberMention, same name and attributes), shown as a chip with the member's current name
 * (MentionChip.vue), and typed with "@": Tiptap's suggestion opens the mention popup with
 * the approved members whose name matches what follows, chosen with the arrow keys and
 * Enter, or a tap. Escape closes it and leaves the "@" as typed.
 */
import type { Person } from '@studio/contract'
import { MemberMention } from '@studio/framework'
import type { AnyExtension } from '@tiptap/core'
import type { SuggestionOptions, SuggestionProps } from '@tiptap/suggestion'
import { VueNodeViewRenderer } from '@tiptap/vue-3'
import { usePeopleStore } from '../../../stores/people.ts'
import MentionChip from './MentionChip.vue'
import { matchPeople } from './match-people.ts'
import { openMentionPopup, type MentionPopup } from './mention-popup.ts'

type Props = SuggestionProps<Person, { id: string; label: string }>

function popupRenderer(): ReturnType<NonNullable<SuggestionOptions<Person>['render']>> {
  let popup: MentionPopup | null = null
  let current: Props | null = null
  const stateOf = (props: Props) => ({ items: props.items, query: props.query, loading: !usePeopleStore().loaded, caret: () => props.clientRect?.() ?? null })
  // aria-activedescendant tells a screen reader which member Enter would choose.
  const describe = (props: Props) => {
    const dom = props.editor.view.dom
    const active = popup?.activeId()
    if (active) dom.setAttribute('aria-activedescendant', active)
    else dom.removeAttribute('aria-activedescendant')
  }
  const close = (props: Props | null) => {
    props?.editor.view.dom.removeAttribute('aria-activedescendant')
    popup?.destroy()
    popup = null
  }
  return {
    onStart(props: Props) {
      close(current)
      current = props
      popup = openMentionPopup(stateOf(props), (person) => current?.command({ id: person.id, label: person.name }))
      describe(props)
    },
    onUpdate(props: Props) {
      current = props
      popup?.update(stateOf(props))
      describe(props)
    },
    onKeyDown({ event }) {
      if (event.key === 'Escape') {
        close(current)
        return true
      }
      const used = popup?.onKeyDown(event) ?? false
      if (current) describe(current)
      return used
    },
    onExit() {
      close(current)
      current = null
    },
  }
}

export function editorMention(): AnyExtension {
  return MemberMention.extend({
    addNodeView: () => VueNodeViewRenderer(MentionChip),
  }).configure({
    HTMLAttributes: { class: 'mention' },
    suggestion: {
      char: '@',
      async items({ query }) {
        const people = usePeopleStore()
        await people.ensureLoaded()
        return matchPeople(people.people, query)
      },
      render: popupRenderer,
    },
  })
}
