import { describe, expect, it } from 'vitest'
import { toErrorBody } from './http.ts'

describe('toErrorBody', () => {
  it('reads the server error shape, field and all', () => {
    const body = { error: { code: 'invalid', message: 'Enter your name.', field: 'name' }, errors: [{ field: 'name', message: 'Enter your name.' }] }
    expect(toErrorBody(body)).toEqual(body)
  })

  it('accepts a body without an errors list', () => {
    expect(toErrorBody({ error: { code: 'suspended', message: 'Suspended.' } })).toEqual({
      error: { code: 'suspended', message: 'Suspended.', field: null },
      errors: [],
    })
  })

  it('refuses anything that is not the error shape', () => {
    expect(toErrorBody(null)).toBeNull()
    expect(toErrorBody('<html>Bad gateway</html>')).toBeNull()
    expect(toErrorBody({ message: 'nope' })).toBeNull()
  })
})
