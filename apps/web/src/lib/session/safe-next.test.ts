import { describe, expect, it } from 'vitest'
import { defaultPath, safeNextPath } from './safe-next.ts'

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/meetings?week=3')).toBe('/meetings?week=3')
  })

  it('refuses anything that could leave the site', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      expect(safeNextPath(next)).toBe(defaultPath)
    }
  })

  it('falls back to the terms of reference when there is no usable next', () => {
    expect(safeNextPath(undefined)).toBe(defaultPath)
    expect(safeNextPath(['/meetings'])).toBe('/meetings')
    expect(safeNextPath('/sign-in')).toBe(defaultPath)
    expect(safeNextPath('/sign-up?invite=abc')).toBe(defaultPath)
  })

  it('brings someone back to an email confirmation link after signing in', () => {
    expect(safeNextPath('/confirm/abc123')).toBe('/confirm/abc123')
  })
})
