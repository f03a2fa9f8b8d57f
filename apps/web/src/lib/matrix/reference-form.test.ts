import { descriptorLimits } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import { emptyReferenceDraft, referenceErrors, referenceFieldsOf, referenceName, type ReferenceDraft } from './reference-form.ts'

const draft = (fields: Partial<ReferenceDraft>): ReferenceDraft => ({ ...emptyReferenceDraft(), ...fields })

describe('the reference form', () => {
  it('accepts a scheme alone, or with a code, a title and a web address', () => {
    expect(referenceErrors(draft({ scheme: 'ISO 21502:2020' }), 0)).toEqual({})
    expect(referenceErrors(draft({ scheme: 'SFIA 9', code: 'PROF', title: 'Portfolio, programme and project support', uri: 'https://sfia-online.org/en/sfia-9/skills/prof', relation: 'close' }), 29)).toEqual({})
  })

  it('asks for the framework, trimmed, as the server requires one of 1 to 100 characters', () => {
    expect(referenceErrors(draft({ scheme: '   ' }), 0).scheme).toMatch(/Enter the framework/)
    expect(referenceErrors(draft({ scheme: 'S'.repeat(descriptorLimits.scheme + 1) }), 0).scheme).toBe('The framework can be at most 100 characters; it has 101.')
    expect(referenceErrors(draft({ scheme: `  ${'S'.repeat(descriptorLimits.scheme)}  ` }), 0)).toEqual({})
  })

  it('refuses a code or a title past its limit', () => {
    expect(referenceErrors(draft({ scheme: 'APM', code: 'C'.repeat(101) }), 0).code).toMatch(/at most 100/)
    expect(referenceErrors(draft({ scheme: 'APM', title: 'T'.repeat(201) }), 0).title).toMatch(/at most 200/)
  })

  it('takes only an http(s) address, or none', () => {
    for (const uri of ['javascript:alert(1)', 'ftp://example.org/x', 'sfia-online.org', 'data:text/html,hi']) {
      expect(referenceErrors(draft({ scheme: 'SFIA 9', uri }), 0).uri, uri).toMatch(/starting with https:\/\//)
    }
    expect(referenceErrors(draft({ scheme: 'SFIA 9', uri: `https://example.org/${'a'.repeat(descriptorLimits.uri)}` }), 0).uri).toMatch(/at most 2000/)
    expect(referenceErrors(draft({ scheme: 'SFIA 9', uri: ' http://example.org ' }), 0)).toEqual({})
  })

  it('asks for a relation, and says when the competency already holds the most references', () => {
    expect(referenceErrors(draft({ scheme: 'ESCO', relation: '' }), 0).relation).toMatch(/exact, close or related/)
    expect(referenceErrors(draft({ scheme: 'ESCO' }), descriptorLimits.references).form).toMatch(/at most 30 references/)
  })

  it('hands the operation trimmed fields, and names a reference as a list reads it', () => {
    expect(referenceFieldsOf(draft({ scheme: ' SFIA 9 ', code: ' PROF ', uri: ' https://x.org ', relation: 'exact' }))).toEqual({ scheme: 'SFIA 9', code: 'PROF', title: '', uri: 'https://x.org', relation: 'exact' })
    expect(referenceName({ scheme: 'SFIA 9', code: 'PROF', title: 'Portfolio support' })).toBe('SFIA 9 PROF: Portfolio support')
    expect(referenceName({ scheme: 'ISO 21502:2020', code: '', title: '' })).toBe('ISO 21502:2020')
  })
})
