import { describe, expect, it } from 'vitest'
import { documentOfWaitingEditsKey, heldCopiesKey, isLocalCopyOf, isWaitingEditsKeyOf, localCopyName, parseHeldCopies, parseWaitingEdits, waitingEditsKey } from './local-copies.ts'

describe('local copies of documents', () => {
  it('are kept per member, so one person’s offline edits never go out under another’s session', () => {
    const name = localCopyName('member-1', 'meeting:kick-off')
    expect(isLocalCopyOf('member-1', name)).toBe(true)
    expect(isLocalCopyOf('member-2', name)).toBe(false)
    expect(isLocalCopyOf('member-1', 'other-app')).toBe(false)
  })

  it('count waiting edits per member and document', () => {
    const key = waitingEditsKey('member-1', 'terms-of-reference')
    expect(isWaitingEditsKeyOf('member-1', key)).toBe(true)
    expect(isWaitingEditsKeyOf('member-12', key)).toBe(false)
    expect(documentOfWaitingEditsKey('member-1', key)).toBe('terms-of-reference')
    expect(documentOfWaitingEditsKey('member-2', key)).toBeNull()
  })

  it('read a stored count defensively', () => {
    expect(parseWaitingEdits('3')).toBe(3)
    expect(parseWaitingEdits(null)).toBe(0)
    expect(parseWaitingEdits('-2')).toBe(0)
    expect(parseWaitingEdits('lots')).toBe(0)
    expect(parseWaitingEdits('1.5')).toBe(0)
  })

  it('list the documents a member holds copies of, per member, and read the list defensively', () => {
    expect(heldCopiesKey('member-1')).not.toBe(heldCopiesKey('member-2'))
    expect(isWaitingEditsKeyOf('member-1', heldCopiesKey('member-1'))).toBe(false)
    expect(parseHeldCopies('["terms-of-reference","meeting:kick-off"]')).toEqual(new Set(['terms-of-reference', 'meeting:kick-off']))
    expect(parseHeldCopies('[]')).toEqual(new Set())
    // No list, or one that is not a list of names, says nothing: the page waits for the copy.
    expect(parseHeldCopies(null)).toBeNull()
    expect(parseHeldCopies('{"terms-of-reference":true}')).toBeNull()
    expect(parseHeldCopies('[1,2]')).toBeNull()
    expect(parseHeldCopies('not json')).toBeNull()
  })
})
