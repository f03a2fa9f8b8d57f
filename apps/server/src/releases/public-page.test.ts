import { describe, expect, it } from 'vitest'
import { creditedName, initialsOf } from './release-credits.ts'
import { describeChange } from './release-details.ts'
import { publicPageHtml, type ReleaseView } from './public-page.ts'
import type { ReleaseRow } from './releases-repository.ts'

const hostile = '<script>alert(1)</script> & "quotes"'

function row(id: string, name: string, createdAt: string): ReleaseRow {
  return {
    id, slug: id, name, notes: `Notes of ${name}\n\nSecond ${hostile}`, matrix_version_id: `m-${id}`, terms_version_id: null,
    created_at: createdAt, created_by: 'olga', withdrawn_at: null, withdrawn_by: null,
  }
}

const noCounts = { added: 0, changed: 0, archived: 0 }

function view(release: ReleaseRow, previous: ReleaseRow | null): ReleaseView {
  return {
    release,
    previous,
    details: {
      framework: { title: `Framework ${hostile}`, licence: `CC BY 4.0 ${hostile}`, version: '1', status: 'draft', domains: 2, competencies: 5, roles: 3 },
      changes: { matrix: { kind: 'matrix', cells: { added: 4, changed: 1, archived: 0 }, competencies: noCounts, domains: noCounts, roles: noCounts, pmoTypes: noCounts }, terms: { wordsAdded: 12, wordsRemoved: 3 } },
      changeList: [`Competency “${hostile}” added`],
      moreChanges: 0,
      credits: { matrix: ['a'], terms: [], reviewed: [], proposed: [] },
    },
    credits: [{ kind: 'matrix', label: 'Changed the competency matrix', named: [hostile, 'C. C.'], unnamed: 2 }],
  }
}

describe('the public framework page', () => {
  const first = row('0-1', `0.1 ${hostile}`, '2026-11-01T10:00:00.000Z')
  const second = row('1-0', '1.0', '2026-12-01T10:00:00.000Z')
  const html = publicPageHtml({ shown: view(second, first), releases: [second, first], latest: true })

  it('escapes every piece of text people wrote', () => {
    expect(html).not.toContain('<script>')
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;')
  })

  it('shows the notes, licence, downloads, changes since the release before, credits and the earlier releases', () => {
    expect(html).toContain('<p>Notes of 1.0</p><p>Second')
    expect(html).toContain('Licence: CC BY 4.0')
    for (const format of ['html', 'docx', 'xlsx', 'csv', 'json', 'case.json']) expect(html).toContain(`href="/framework/1-0/framework.${format}"`)
    expect(html).toContain('Changes since 0.1')
    expect(html).toContain('4 added, 1 changed, 0 cleared')
    expect(html).toContain('2 people not named')
    expect(html).toContain('<h2 id="releases">Earlier releases</h2><ul class="releases"><li><a href="/framework/0-1">')
    expect(html).not.toContain('<script')
  })

  it('says so when nothing is released', () => {
    expect(publicPageHtml({ shown: null, releases: [], latest: true })).toContain('has not released the framework yet')
  })
})

describe('credits and changes in words', () => {
  it('names people as they chose', () => {
    expect(initialsOf('Olga  van der Berg')).toBe('O. v. d. B.')
    expect(creditedName('Ada Lovelace', 'name')).toBe('Ada Lovelace')
    expect(creditedName('Ada Lovelace', 'initials')).toBe('A. L.')
    expect(creditedName('Ada Lovelace', 'none')).toBeNull()
  })

  it('reads a cell change as a sentence', () => {
    expect(describeChange({
      type: 'cell', competencyId: 'c', roleId: 'r', pmoTypeId: null, competency: 'Planning', role: 'PMO analyst', pmoType: null,
      from: null, to: { level: 3, note: '' }, authors: [],
    })).toBe('Planning for PMO analyst: none → level 3')
  })
})
