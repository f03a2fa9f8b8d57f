/**
 * Mentions of members in rich text (issue 14). A mention is Tiptap's mention node
 * (@tiptap/extension-mention): an inline atom whose `id` is the member's id, which is what
 * counts (who is told, whose name is shown), and whose `label` is the name written at the
 * time, shown only where the member cannot be looked up. Exports and the history show
 * "@" and the member's current name: readers pass the approved members' names, and the
 * label of each mention is replaced by the current name before rendering.
 */
import type { JSONContent } from '@tiptap/core'
import { Mention } from '@tiptap/extension-mention'
import * as Y from 'yjs'
import { mentionIdPattern, mentionNodeName, mentionText, type MemberNames } from './mention-attributes.ts'

export { acceptsMentionAttribute, mentionIdPattern, mentionLabelMax, mentionNodeName, mentionText, type MemberNames } from './mention-attributes.ts'

/** Backslashes what Markdown would read as markup in a name. */
const escapeMarkdownText = (text: string): string => text.replace(/[\\`*_[\]{}<>#|!~]/g, (char) => `\\${char}`)

/**
 * The schema's mention node. Markdown writes it as the words a reader sees ("@Ann Lee"),
 * not as Tiptap's `[@ id="…"]` shortcode: an export is for people.
 */
export const MemberMention = Mention.extend({
  renderMarkdown: (node: JSONContent) => escapeMarkdownText(mentionText(node.attrs)),
}).configure({ HTMLAttributes: { class: 'mention' } })

/** ProseMirror JSON whose mentions' labels are the members' current names, where known. */
export function withMemberNames<T extends JSONContent>(json: T, names: MemberNames | undefined): T {
  if (!names) return json
  if (json.type === mentionNodeName) {
    const id = json.attrs?.id
    const name = typeof id === 'string' ? names.get(id) : undefined
    return name === undefined ? json : { ...json, attrs: { ...json.attrs, label: name } }
  }
  if (!json.content) return json
  return { ...json, content: json.content.map((child) => withMemberNames(child, names)) }
}

/** One mention in a shared rich-text fragment. */
export interface FoundMention {
  memberId: string
  label: string
  /** The mention's own Yjs item ("client:clock"): the same mention reads the same on every copy. */
  key: string
  /** The words of the block it sits in, mentions written as "@label", for a notification. */
  context: string
}

const mentionNameBytes = new TextEncoder().encode(mentionNodeName)

/**
 * Whether a Yjs update (v1, as documents emit them) may write a mention. Yjs writes an
 * element's node name as it is, so an update without those bytes adds no mention, and a
 * watcher need not walk the whole text after every keystroke. Bytes that only look alike
 * (someone typing the word) cost one walk, never a missed mention.
 */
export function mayWriteMention(update: Uint8Array): boolean {
  const [first, ...rest] = mentionNameBytes
  for (let at = update.indexOf(first!); at !== -1 && at + mentionNameBytes.length <= update.length; at = update.indexOf(first!, at + 1)) {
    if (rest.every((byte, offset) => update[at + 1 + offset] === byte)) return true
  }
  return false
}

/** Every mention in the fragment `field` of a Yjs document, in document order. */
export function mentionsInFragment(doc: Y.Doc, field: string): FoundMention[] {
  const found: FoundMention[] = []
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === mentionNodeName) {
        const id = child.getAttribute('id')
        if (typeof id !== 'string' || !mentionIdPattern.test(id)) continue
        const label = child.getAttribute('label')
        const item = child._item?.id
        found.push({ memberId: id, label: typeof label === 'string' ? label : '', key: item ? `${item.client}:${item.clock}` : '', context: blockText(parent) })
      } else visit(child)
    }
  }
  visit(doc.getXmlFragment(field))
  return found
}

function blockText(block: Y.XmlFragment | Y.XmlElement): string {
  return block.toArray().map((child) => {
    if (child instanceof Y.XmlText) return child.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('')
    if (child instanceof Y.XmlElement && child.nodeName === mentionNodeName) return mentionText(child.getAttributes() as Record<string, unknown>)
    return ''
  }).join('').replace(/\s+/g, ' ').trim()
}
