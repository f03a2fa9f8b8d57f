import type { Member } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { forgetLastMember, lastMember, lastMemberKey, rememberMember } from './last-member.ts'

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

const alice: Member = {
  id: 'm-1', name: 'Alice', email: 'alice@example.org', role: 'organiser', status: 'approved',
  organisation: null, jobTitle: null, location: null, timezone: 'Europe/London', pmoTypes: [],
  frameworkExperience: null, contribution: null, attendance: 'either', hasAttachment: false,
  createdAt: '2026-01-01T00:00:00.000Z', decidedAt: null, reason: null,
}

describe('the last member seen signed in', () => {
  it('is remembered and read back', () => {
    const storage = memoryStorage()
    rememberMember(storage, alice)
    expect(lastMember(storage)).toEqual(alice)
  })

  it('is gone once forgotten', () => {
    const storage = memoryStorage()
    rememberMember(storage, alice)
    forgetLastMember(storage)
    expect(lastMember(storage)).toBeNull()
  })

  it('is not made up from something else stored under the key', () => {
    const storage = memoryStorage()
    for (const value of ['not json', '42', '{"id":"x"}', JSON.stringify({ ...alice, role: 'admin' }), JSON.stringify({ ...alice, status: 'gone' })]) {
      storage.items.set(lastMemberKey, value)
      expect(lastMember(storage)).toBeNull()
    }
  })

  it('survives storage that refuses to be written', () => {
    const storage = { getItem: () => null, setItem: () => { throw new Error('quota') }, removeItem: () => { throw new Error('blocked') } }
    expect(() => rememberMember(storage, alice)).not.toThrow()
    expect(() => forgetLastMember(storage)).not.toThrow()
  })
})
