import { describe, expect, it } from 'vitest'
import { filterFromQuery, filterToQuery, membersSearch } from './members-filter.ts'

describe('members filter', () => {
  it('reads a known status and the search text from the address bar', () => {
    expect(filterFromQuery({ status: 'suspended', q: 'ada' })).toEqual({ status: 'suspended', q: 'ada' })
  })

  it('ignores an unknown status and takes the first of repeated values', () => {
    expect(filterFromQuery({ status: 'everyone', q: ['one', 'two'] })).toEqual({ status: null, q: 'one' })
    expect(filterFromQuery({})).toEqual({ status: null, q: '' })
  })

  it('writes only what is set, trimmed', () => {
    expect(filterToQuery({ status: null, q: '  ' })).toEqual({})
    expect(filterToQuery({ status: 'approved', q: ' Ada ' })).toEqual({ status: 'approved', q: 'Ada' })
  })

  it('builds the API query string, encoded', () => {
    expect(membersSearch({ status: null, q: '' })).toBe('')
    expect(membersSearch({ status: 'pending', q: 'a&b' })).toBe('?status=pending&q=a%26b')
  })
})
