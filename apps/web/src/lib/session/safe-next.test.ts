import { describe, expect, it } from 'vitest'
import { homePath, safeNextPath } from './safe-next.ts'

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/meetings?week=3')).toBe('/meetings?week=3')
  })

  it('refuses anything that could leave the site', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      expect(safeNextPath(next)).toBe(homePath)
    }
  })

  it('falls back to What’s new when there is no usable next', () => {
    expect(safeNextPath(undefined)).toBe(homePath)
    expect(safeNextPath(['/meetings'])).toBe('/meetings')
    expect(safeNextPath('/sign-in')).toBe(homePath)
    expect(safeNextPath('/sign-up?invite=abc')).toBe(homePath)
  })

  it('brings someone back to an email confirmation link after signing in', () => {
    expect(safeNextPath('/confirm/abc123')).toBe('/confirm/abc123')
  })
})
