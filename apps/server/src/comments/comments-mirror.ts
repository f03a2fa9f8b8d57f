/**
 * Keeps `comments:<document>` (read-only for everyone) in step with the comments table, so
 * that connected members see a comment the moment it is written. The table is the truth:
 * each mirror pass reads the document's comments and writes every one the mirror lacks or
 * holds in an older version, through the studio's own change path (durably logged, then
 * broadcast). A pass that fails leaves the comment saved and the mirror behind; the next
 * pass (the next write, or the next load of the list) catches it up.
 */
import { commentsDocumentName, commentsMapName, type Comment } from '@studio/contract'
import type { FastifyBaseLogger } from 'fastify'
import type * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import { PerDocumentQueue } from '../collab/per-document-queue.ts'
import type { Store } from '../store/database.ts'
import { listComments } from './comments-repository.ts'

export interface CommentsMirror {
  /** Brings the mirror of `document` up to date; never throws, answers whether it succeeded. */
  mirror(document: string, authorId: string | null): Promise<boolean>
  /**
   * Before a list is served: catches the mirror up if a pass failed here, or if this
   * process has not yet checked it (a pass may have failed before a restart).
   */
  heal(document: string): Promise<void>
}

export function createCommentsMirror(store: Store, serverChanges: ServerChanges, log: FastifyBaseLogger): CommentsMirror {
  const checked = new Set<string>()
  // One pass at a time per document, each reading the table after the previous one wrote:
  // a later pass never writes an older version over a newer one.
  const queue = new PerDocumentQueue()

  function pass(document: string, authorId: string | null): Promise<boolean> {
    return queue.run(document, async () => {
      try {
        const comments = await listComments(store.db, document)
        // `serverChanges` is read at call time, so a test can make one pass fail.
        await serverChanges.apply(commentsDocumentName(document), authorId, (doc) => writeComments(doc, comments))
        checked.add(document)
        return true
      } catch (error) {
        checked.delete(document)
        log.warn({ err: error, document }, 'could not mirror comments into the live document; they are saved and will be mirrored again')
        return false
      }
    })
  }

  return {
    mirror: pass,
    async heal(document) {
      if (!checked.has(document)) await pass(document, null)
    },
  }
}

/**
 * Writes each comment the map lacks or holds in an older version; returns how many. Never
 * deletes: comments are never deleted, and another instance's newer comment may be in the
 * map before this pass's read could see it.
 */
export function writeComments(doc: Y.Doc, comments: readonly Comment[]): number {
  const map = doc.getMap<Comment>(commentsMapName)
  let written = 0
  doc.transact(() => {
    for (const comment of comments) {
      const current = map.get(comment.id)
      if (current && (sameComment(current, comment) || current.updatedAt > comment.updatedAt)) continue
      map.set(comment.id, comment)
      written += 1
    }
  })
  return written
}

function sameComment(a: Comment, b: Comment): boolean {
  const keys = Object.keys(b) as Array<keyof Comment>
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key])
}
