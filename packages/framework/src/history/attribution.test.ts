/**
 * Who made what: client ids named by the log entries whose updates carry their structs, and
 * deleted items named by the entries whose delete sets cover them.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { attributionFromLog, clientAuthors } from './attribution.ts'

describe('authors from the update log', () => {
  it('maps each client id to the member whose update first carried it, and each deletion to its deleter', () => {
    const olga = new Y.Doc()
    olga.clientID = 11
    const sam = new Y.Doc()
    sam.clientID = 22
    const first = Y.encodeStateAsUpdate(olga, Y.encodeStateVector(olga))
    olga.getText('t').insert(0, 'hello world')
    const written = Y.encodeStateAsUpdate(olga)
    Y.applyUpdate(sam, written)
    const before = Y.encodeStateVector(sam)
    sam.getText('t').delete(0, 6)
    const deleted = Y.encodeStateAsUpdate(sam, before)
    const log = [{ update: first, authorId: 'nobody' }, { update: written, authorId: 'olga' }, { update: deleted, authorId: 'sam' }, { update: written, authorId: 'mallory' }]
    expect(clientAuthors(log)).toEqual(new Map([[11, 'olga']]))
    const attribution = attributionFromLog(log)
    expect(attribution.authorOfClient(11)).toBe('olga')
    expect(attribution.authorOfClient(22)).toBeUndefined()
    expect(attribution.deleterOf(11, 3)).toBe('sam')
    expect(attribution.deleterOf(11, 8)).toBeUndefined()
  })
})
