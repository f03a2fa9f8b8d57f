import { addIndicator, addReference, setLevelDefinition, setSummary, type Entity } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { indicatorCount, indicatorMoveTarget, readCompetencyDepth, rolesByLevel, sameDepth } from './competency-depth.ts'

const role = (id: string, name: string, archived = false): Entity => ({ id, name, description: '', order: id, archived })
const cell = (level: number | null) => ({ level, note: '', overridden: false })

describe("a competency's depth in its panel", () => {
  it('reads every level of the scale, empty ones too, and the references in order', () => {
    const doc = new Y.Doc()
    for (const rank of [0, 1, 2]) setLevelDefinition(doc, rank, `Level ${rank}`, '')
    setSummary(doc, 'c1', 2, 'Works alone.')
    addIndicator(doc, 'c1', 2, 'Plans the week.')
    addIndicator(doc, 'c1', 2, 'Reports on Fridays.')
    addReference(doc, 'c1', { scheme: 'SFIA 9', code: 'PROF', relation: 'close' })
    const depth = readCompetencyDepth(doc, 'c1', [0, 1, 2])
    expect(depth.descriptors.map((level) => [level.rank, level.summary, level.indicators.map((indicator) => indicator.text)])).toEqual([
      [0, '', []],
      [1, '', []],
      [2, 'Works alone.', ['Plans the week.', 'Reports on Fridays.']],
    ])
    expect(depth.references.map((reference) => `${reference.scheme} ${reference.code} ${reference.relation}`)).toEqual(['SFIA 9 PROF close'])
    expect(sameDepth(depth, readCompetencyDepth(doc, 'c1', [0, 1, 2]))).toBe(true)
    setSummary(doc, 'c1', 1, 'Knows of it.')
    expect(sameDepth(depth, readCompetencyDepth(doc, 'c1', [0, 1, 2]))).toBe(false)
  })

  it('lists the roles expecting each level, in the roles’ order, leaving out archived roles and empty cells', () => {
    const roles = [role('a', 'Analyst'), role('b', 'Manager'), role('c', 'Gone', true), role('d', '')]
    const byLevel = rolesByLevel(roles, { a: cell(3), b: cell(3), c: cell(3), d: cell(1) })
    expect([...byLevel]).toEqual([
      [3, ['Analyst', 'Manager']],
      [1, ['Untitled role']],
    ])
    expect(rolesByLevel(roles, { a: cell(null) }).size).toBe(0)
    expect(rolesByLevel(roles, undefined).size).toBe(0)
  })

  it('counts indicators in words and finds where a move goes, or nowhere at the ends', () => {
    expect([0, 1, 2].map(indicatorCount)).toEqual(['', '1 indicator', '2 indicators'])
    expect(indicatorMoveTarget(0, 3, -1)).toBeNull()
    expect(indicatorMoveTarget(2, 3, 1)).toBeNull()
    expect(indicatorMoveTarget(1, 3, -1)).toBe(0)
    expect(indicatorMoveTarget(1, 3, 1)).toBe(2)
  })
})
