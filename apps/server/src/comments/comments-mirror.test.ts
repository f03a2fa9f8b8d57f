/** How a mirror pass writes comments into the live document's map. */
import { commentsMapName, type Comment } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeComments } from './comments-mirror.ts'

function comment(id: string, updatedAt: string, body = 'A comment'): Comment {
  return {
    id, document: 'terms-of-reference', anchor: 'text', body, authorId: 'a', authorName: 'Ann', replyTo: null,
    resolved: false, resolvedBy: null, resolvedByName: null, resolvedAt: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt, editedAt: null, quote: null,
  }
}

describe('writeComments', () => {
  it('writes new and changed comments, and nothing when the map already agrees', () => {
    const doc = new Y.Doc()
    expect(writeComments(doc, [comment('1', '2026-01-01T00:00:00.000Z'), comment('2', '2026-01-01T00:00:00.000Z')])).toBe(2)
    expect(writeComments(doc, [comment('1', '2026-01-01T00:00:00.000Z'), comment('2', '2026-01-01T00:00:00.000Z')])).toBe(0)
    expect(writeComments(doc, [comment('1', '2026-01-02T00:00:00.000Z', 'Edited')])).toBe(1)
    expect(doc.getMap<Comment>(commentsMapName).get('1')?.body).toBe('Edited')
  })

  it('never writes an older version over a newer one, nor deletes a comment it was not given', () => {
    const doc = new Y.Doc()
    writeComments(doc, [comment('1', '2026-01-02T00:00:00.000Z', 'Newer'), comment('2', '2026-01-01T00:00:00.000Z')])
    expect(writeComments(doc, [comment('1', '2026-01-01T00:00:00.000Z', 'Older')])).toBe(0)
    const map = doc.getMap<Comment>(commentsMapName)
    expect(map.get('1')?.body).toBe('Newer')
    expect([...map.keys()].sort()).toEqual(['1', '2'])
  })
})
