/**
 * Plain functions behind the comments panel: combining the list the API returned with the
 * live mirror, grouping comments into threads, counting open threads per anchor, and
 * default words for anchors. Who may do what is the contract's rule (comment-permissions.ts),
 * the same one the server enforces.
 */
import { parseAnchor, type Comment } from '@studio/contract'

export interface CommentThread {
  /** The id of the thread's first comment, which PATCH resolves. */
  id: string
  anchor: string
  first: Comment
  replies: Comment[]
  resolved: boolean
}

/**
 * One comment per id from any number of sources; the most recently updated version wins,
 * and on a tie the later source (pass the live mirror last).
 */
export function mergeComments(...sources: Iterable<Comment>[]): Map<string, Comment> {
  const merged = new Map<string, Comment>()
  for (const source of sources) {
    for (const comment of source) {
      const known = merged.get(comment.id)
      if (!known || comment.updatedAt >= known.updatedAt) merged.set(comment.id, comment)
    }
  }
  return merged
}

const byCreation = (a: Comment, b: Comment) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)

/** Threads oldest first, each with its replies oldest first. A reply whose thread is unknown waits. */
export function buildThreads(comments: Iterable<Comment>): CommentThread[] {
  const all = [...comments].sort(byCreation)
  const threads = new Map<string, CommentThread>()
  for (const comment of all) {
    if (comment.replyTo === null) {
      threads.set(comment.id, { id: comment.id, anchor: comment.anchor, first: comment, replies: [], resolved: comment.resolved })
    }
  }
  for (const comment of all) {
    if (comment.replyTo !== null) threads.get(comment.replyTo)?.replies.push(comment)
  }
  return [...threads.values()]
}

/** Open threads per anchor. */
export function openCountsByAnchor(threads: readonly CommentThread[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const thread of threads) {
    if (!thread.resolved) counts.set(thread.anchor, (counts.get(thread.anchor) ?? 0) + 1)
  }
  return counts
}

/** "2 open comments", "1 open comment", "No open comments", with " on <label>" when given. */
export function openCommentsLabel(count: number, label?: string): string {
  const amount = count === 0 ? 'No open comments' : `${count} open comment${count === 1 ? '' : 's'}`
  return label ? `${amount} on ${label}` : amount
}

/** Words for an anchor when the page supplies none (it knows names; this knows only ids). */
export function defaultAnchorLabel(anchor: string): string {
  const parsed = parseAnchor(anchor)
  if (!parsed) return anchor
  const words = (id: string) => id.replace(/[-_]+/g, ' ')
  switch (parsed.kind) {
    case 'text':
      return 'the whole document'
    case 'heading':
      return `the section “${words(parsed.slug)}”`
    case 'item':
      return `item ${words(parsed.id)}`
    case 'cell':
      return `${words(parsed.competencyId)} for ${words(parsed.roleId)}${parsed.pmoTypeId ? ` in a ${words(parsed.pmoTypeId)}` : ''}`
    case 'pmo-type':
      return `the PMO type ${words(parsed.id)}`
    case 'passage':
      return 'a passage'
    default:
      return `the ${parsed.kind} ${words(parsed.id)}`
  }
}
