import { settingsBody } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { emailDomainProblems, emailDomainsFromText, emailDomainsToText } from './email-domains.ts'

describe('domains as text', () => {
  it('reads one domain per line or comma, dropping blanks and a leading @', () => {
    expect(emailDomainsFromText(' example.org\n\n@pmo.example.com, other.net \n')).toEqual(['example.org', 'pmo.example.com', 'other.net'])
  })

  it('writes one per line', () => {
    expect(emailDomainsToText(['a.org', 'b.org'])).toBe('a.org\nb.org')
  })

  it('names the domain an error is about', () => {
    const domains = ['good.org', 'not a domain']
    const result = settingsBody.safeParse({ autoApproveDomains: domains })
    expect(emailDomainProblems(domains, result.error!.issues)).toEqual(['not a domain: Give domains like example.org, without @ or spaces.'])
  })
})
