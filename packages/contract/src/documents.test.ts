/**
 * documentAccess follows ARCHITECTURE.md's table "Documents and who may write them" for
 * every role, and refuses every name that is not in it.
 */
import { describe, expect, it } from 'vitest'
import { DocumentName, documentAccess, type DocumentAccess } from './documents.ts'
import { roles, type Role } from './members.ts'

const memberId = '3f1c9a52-6b7e-4d2a-9c1e-0a8b7c6d5e4f'
const otherId = '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d'

// [document, organiser, contributor, observer], copied from ARCHITECTURE.md.
const table: Array<[string, DocumentAccess, DocumentAccess, DocumentAccess]> = [
  ['terms-of-reference', 'write', 'write', 'read'],
  ['competency-matrix', 'write', 'write', 'read'],
  ['meetings', 'write', 'read', 'read'],
  ['meeting:2025-06-12_plenary', 'write', 'write', 'read'],
  [`assessment:${memberId}`, 'write', 'write', 'write'],
  [`assessment:${otherId}`, 'none', 'none', 'none'],
  ['comments:terms-of-reference', 'read', 'read', 'read'],
  ['comments:competency-matrix', 'read', 'read', 'read'],
  ['comments:meetings', 'read', 'read', 'read'],
  ['comments:meeting:2025-06-12_plenary', 'read', 'read', 'read'],
]

const cases = table.flatMap(([name, ...access]) => roles.map((role, index) => [role, access[index]!, name] as const))

describe('documentAccess', () => {
  it('names the three fixed documents as ARCHITECTURE.md does', () => {
    expect(DocumentName).toEqual({
      termsOfReference: 'terms-of-reference',
      competencyMatrix: 'competency-matrix',
      meetings: 'meetings',
    })
  })

  it.each(cases)('gives a member with role %s "%s" access to %s', (role, expected, name) => {
    expect(documentAccess(name, role, memberId)).toBe(expected)
  })

  it('lets every member write only their own assessment, whatever their role', () => {
    for (const role of roles) {
      expect(documentAccess(`assessment:${memberId}`, role, memberId)).toBe('write')
      expect(documentAccess(`assessment:${memberId}`, role, otherId)).toBe('none')
      expect(documentAccess('assessment:', role, memberId)).toBe('none')
    }
  })

  it.each(roles)('refuses a meeting name whose id is not a plain id to a member with role %s', (role: Role) => {
    for (const name of ['meeting:../x', 'meeting:', 'meeting:a/b', 'meeting:a b', `meeting:${'x'.repeat(65)}`]) {
      expect(documentAccess(name, role, memberId)).toBe('none')
    }
  })

  it('accepts a meeting id of letters, digits, dash and underscore up to 64 characters', () => {
    expect(documentAccess(`meeting:${'A1_-'.repeat(16)}`, 'contributor', memberId)).toBe('write')
  })

  it.each(roles)('refuses comments on comments, on unknown documents and on malformed meetings to a member with role %s', (role: Role) => {
    for (const name of ['comments:comments:x', 'comments:comments:terms-of-reference', 'comments:unknown', 'comments:meeting:../x', 'comments:']) {
      expect(documentAccess(name, role, memberId)).toBe('none')
    }
  })

  it.each(roles)('refuses unknown document names to a member with role %s', (role: Role) => {
    for (const name of ['', 'Terms-Of-Reference', 'terms-of-reference ', 'meetings:x', 'matrix', 'assessments', '../competency-matrix']) {
      expect(documentAccess(name, role, memberId)).toBe('none')
    }
  })
})
