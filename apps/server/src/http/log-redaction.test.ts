import { describe, expect, it } from 'vitest'
import { redactUrl } from './log-redaction.ts'

describe('redactUrl', () => {
  it('redacts set-up and confirmation tokens in the path, however the path is spelled', () => {
    expect(redactUrl('/setup/abc')).toBe('/setup/[redacted]')
    expect(redactUrl('/api/setup/abc?x=1')).toBe('/api/setup/[redacted]?x=1')
    expect(redactUrl('/%73etup/abc')).toBe('/%73etup/[redacted]')
    expect(redactUrl('//api//confirm//abc/more')).toBe('//api//confirm/[redacted]')
  })

  it('redacts secret query parameters and keeps the others', () => {
    expect(redactUrl('/sign-up?lang=en&invite=abc')).toBe('/sign-up?lang=en&invite=[redacted]')
    expect(redactUrl('/x?%74oken=abc&q=olga')).toBe('/x?%74oken=[redacted]&q=olga')
    expect(redactUrl('/api/members?q=olga&status=pending')).toBe('/api/members?q=olga&status=pending')
  })

  it('leaves URLs without secrets alone', () => {
    expect(redactUrl('/setup')).toBe('/setup')
    expect(redactUrl('/api/export/meetings/kick-off.md')).toBe('/api/export/meetings/kick-off.md')
  })
})
