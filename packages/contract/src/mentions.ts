/**
 * Mentions in a comment's text. The stored form is `@[Display Name](member:<member id>)`:
 * the member id is what counts (who is told), the name is only what the writer saw. The web
 * shows the member's current name from the id, so a rename shows the new name.
 */

/** A member id as the studio makes them (letters, digits, `-` and `_`). */
const mentionPattern = /@\[([^\]\n]{1,200})\]\(member:([A-Za-z0-9_-]{1,64})\)/g

export interface Mention {
  /** The name written when the mention was made. */
  name: string
  memberId: string
  /** Where the mention starts in the text, and its length. */
  index: number
  length: number
}

/** A comment's text as plain runs and mentions, in order, for rendering. */
export type MentionPart = { kind: 'text'; text: string } | { kind: 'mention'; name: string; memberId: string }

/** The stored form of a mention of `memberId`, shown as `name`. Brackets in the name are dropped. */
export function mentionMarkup(name: string, memberId: string): string {
  return `@[${name.replace(/[[\]\n]/g, '').slice(0, 200)}](member:${memberId})`
}

export function parseMentions(text: string): Mention[] {
  return [...text.matchAll(mentionPattern)].map((match) => ({
    name: match[1]!,
    memberId: match[2]!,
    index: match.index,
    length: match[0].length,
  }))
}

/** The ids of the members mentioned in `text`, each once, in order of first mention. */
export function mentionsIn(text: string): string[] {
  return [...new Set(parseMentions(text).map((mention) => mention.memberId))]
}

export function mentionParts(text: string): MentionPart[] {
  const parts: MentionPart[] = []
  let at = 0
  for (const mention of parseMentions(text)) {
    if (mention.index > at) parts.push({ kind: 'text', text: text.slice(at, mention.index) })
    parts.push({ kind: 'mention', name: mention.name, memberId: mention.memberId })
    at = mention.index + mention.length
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) })
  return parts
}
