/** Excel's rules for sheet names, which PMO type names need not follow. */
import { describe, expect, it } from 'vitest'
import { SheetNames } from './xlsx-export.ts'

describe('sheet names for PMO types', () => {
  it('drops the characters Excel forbids, keeps at most 31 characters and never repeats a name, whatever its case', () => {
    const names = new SheetNames(['Framework', 'Levels'])
    expect(names.claim('Programme / portfolio [hybrid]: *?')).toBe('Programme portfolio hybrid')
    expect(names.claim("'Quoted'")).toBe('Quoted')
    expect(names.claim('levels')).toBe('levels (2)')
    expect(names.claim('A name far longer than thirty-one characters')).toBe('A name far longer than thirty-o')
    expect(names.claim('A name far longer than thirty-one characters, again')).toBe('A name far longer than thir (2)')
    expect(names.claim('///')).toBe('PMO type')
  })
})
