/**
 * Which approved members a mention's typed words ("@bo", "@chen") may mean: any word of the
 * name, or the whole name, starts with what was typed, ignoring case and accents. Members
 * whose name starts with it come first; at most `limit`, so the list fits a phone.
 */
import type { Person } from '@studio/contract'

const folded = (text: string): string => text.normalize('NFKD').replace(/\p{Mn}/gu, '').toLocaleLowerCase('en')

export function matchPeople(people: readonly Person[], query: string, limit = 8): Person[] {
  const typed = folded(query.trim())
  const scored: Array<{ person: Person; rank: number }> = []
  for (const person of people) {
    const name = folded(person.name)
    const rank = typed === '' || name.startsWith(typed) ? 0 : name.split(/[\s'’-]+/).some((word) => word.startsWith(typed)) ? 1 : -1
    if (rank >= 0) scored.push({ person, rank })
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.person.name.localeCompare(b.person.name, 'en'))
    .slice(0, limit)
    .map(({ person }) => person)
}

/** The "@word" being typed just before the caret in plain text, or null: "@" starts a word. */
export function mentionQueryBefore(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[\s(])@([^\s@[\]()]{0,40})$/u.exec(text.slice(0, caret))
  if (!match) return null
  return { start: caret - match[1]!.length - 1, query: match[1]! }
}
