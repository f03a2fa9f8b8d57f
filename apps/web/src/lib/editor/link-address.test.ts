import { describe, expect, it } from 'vitest'
import { checkLinkAddress } from './link-address.ts'

describe('checkLinkAddress', () => {
  it('accepts web and email addresses', () => {
    expect(checkLinkAddress(' https://example.org/terms ')).toEqual({ ok: true, href: 'https://example.org/terms' })
    expect(checkLinkAddress('http://example.org')).toEqual({ ok: true, href: 'http://example.org/' })
    expect(checkLinkAddress('mailto:chair@example.org')).toEqual({ ok: true, href: 'mailto:chair@example.org' })
  })

  it('reads a bare domain as a web address and a bare email address as mailto', () => {
    expect(checkLinkAddress('example.org/pmo')).toEqual({ ok: true, href: 'https://example.org/pmo' })
    expect(checkLinkAddress('chair@example.org')).toEqual({ ok: true, href: 'mailto:chair@example.org' })
  })

  it('refuses other schemes, empty input and addresses with no domain, saying what to do', () => {
    for (const typed of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,hi', 'ftp://example.org/file']) {
      expect(checkLinkAddress(typed)).toMatchObject({ ok: false, message: expect.stringContaining('web addresses') })
    }
    expect(checkLinkAddress('   ')).toMatchObject({ ok: false, message: expect.stringContaining('Enter the address') })
    expect(checkLinkAddress('https://intranet')).toMatchObject({ ok: false, message: expect.stringContaining('no domain') })
    expect(checkLinkAddress('mailto:chair')).toMatchObject({ ok: false, message: expect.stringContaining('not complete') })
    expect(checkLinkAddress('https://exa mple.org')).toMatchObject({ ok: false })
  })
})
