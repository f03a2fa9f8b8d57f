/**
 * Words for catching up: "4 words added by Alice Example", "2 new comments, 1 resolved",
 * "1 decision". Plain functions, so the banner and the What's new page say the same thing.
 */
import type { DocumentActivity } from '@studio/contract'
import { peopleList, summaryWords } from '../history/version-words.ts'

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

/** "4 words added, 1 removed by Alice Example"; null when nothing in the document changed. */
export function changesWords(activity: Pick<DocumentActivity, 'changes' | 'summary' | 'contributors'>): string | null {
  if (activity.changes === 0 || !activity.summary) return null
  const who = peopleList(activity.contributors.map((person) => person.name))
  return who ? `${summaryWords(activity.summary)} by ${who}` : summaryWords(activity.summary)
}

/** "2 new comments, 1 thread resolved"; null when neither. */
export function commentsWords(comments: DocumentActivity['comments']): string | null {
  const parts: string[] = []
  if (comments.new) parts.push(`${plural(comments.new, 'new comment')}`)
  if (comments.resolved) parts.push(`${plural(comments.resolved, 'thread')} resolved`)
  return parts.length > 0 ? parts.join(', ') : null
}

/** "1 decision recorded"; null when none. */
export function decisionsWords(decisions: DocumentActivity['decisions']): string | null {
  return decisions.length > 0 ? `${plural(decisions.length, 'decision')} recorded` : null
}

/** Everything new, one phrase each, in the order a person reads them. */
export function newsWords(activity: DocumentActivity): string[] {
  return [changesWords(activity), commentsWords(activity.comments), decisionsWords(activity.decisions)].filter((words): words is string => words !== null)
}
