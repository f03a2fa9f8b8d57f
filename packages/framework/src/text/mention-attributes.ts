/**
 * What a mention of a member is, without the editor: its node's name, which attribute values
 * it may carry, and the words a reader sees for it. Apart from member-mentions.ts (the
 * editor's node, which brings Tiptap) so that what only reads a mention, the history's
 * rendering of a version above all, does not bring the editor's code along.
 */

export const mentionNodeName = 'mention'
/** A member id as the studio makes them, as comments' mentions take them (contract mentions.ts). */
export const mentionIdPattern = /^[A-Za-z0-9_-]{1,64}$/
export const mentionLabelMax = 200

/** Member id -> current name, for the members who can be named (approved members). */
export type MemberNames = ReadonlyMap<string, string>

/** The editor's only trigger; a mention that says it came from another is not one the studio makes. */
const trigger = '@'

/** Whether a mention node may carry this attribute value: the model check's rule. */
export function acceptsMentionAttribute(attribute: string, value: unknown): boolean {
  if (attribute === 'id') return typeof value === 'string' && mentionIdPattern.test(value)
  if (attribute === 'label') return typeof value === 'string' && value.length <= mentionLabelMax && !/[\n\r]/.test(value)
  if (attribute === 'mentionSuggestionChar') return value === trigger
  return false
}

/** "@" and the name a reader should see: the member's current name, else the label written. */
export function mentionText(attrs: Record<string, unknown> | undefined, names?: MemberNames): string {
  const id = typeof attrs?.id === 'string' ? attrs.id : ''
  const label = typeof attrs?.label === 'string' && attrs.label !== '' ? attrs.label : 'a member'
  return `${trigger}${names?.get(id) ?? label}`
}
