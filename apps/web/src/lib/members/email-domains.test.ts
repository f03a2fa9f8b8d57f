import { settingsBody } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { domainProblems, domainsFromText, domainsToText } from './domains.ts'

describe('domains as text', () => {
  it('reads one domain per line or comma, dropping blanks and a leading @', () => {
    expect(domainsFromText(' example.org\n\n@pmo.example.com, other.net \n')).toEqual(['example.org', 'pmo.example.com', 'other.net'])
  })

  it('writes one per line', () => {
    expect(domainsToText(['a.org', 'b.org'])).toBe('a.org\nb.org')
  })

  it('names the domain an error is about', () => {
    const domains = ['good.org', 'not a domain']
    const result = settingsBody.safeParse({ autoApproveDomains: domains })
    expect(domainProblems(domains, result.error!.issues)).toEqual(['not a domain: Give domains like example.org, without @ or spaces.'])
  })
})
