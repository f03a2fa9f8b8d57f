import { addEntity, renameEntity, setLevel, setNote, importFramework, validateExchange } from '@studio/framework'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { collectChange, emptyChange, readCells, readStructure, TopLevelNames, type MatrixChange } from './matrix-snapshot.ts'

const starter = JSON.parse(readFileSync(new URL('../../../../../packages/framework/seed/starter-framework.json', import.meta.url), 'utf8')) as unknown

function seededDoc(): Y.Doc {
  const doc = new Y.Doc()
  const validation = validateExchange(starter)
  if (!validation.ok) throw new Error('starter framework is invalid')
  importFramework(doc, validation.framework, 'replace')
  return doc
}

function watchChanges(doc: Y.Doc): () => MatrixChange {
  const names = new TopLevelNames(doc)
  let change = emptyChange()
  doc.on('afterTransaction', (transaction: Y.Transaction) => collectChange(doc, transaction, names, change))
  return () => {
    const taken = change
    change = emptyChange()
    return taken
  }
}

describe('matrix snapshot', () => {
  it('reads the starter framework: 11 domains, 44 competencies, 5 roles and each cell’s level', () => {
    const doc = seededDoc()
    const structure = readStructure(doc)
    expect(structure.domains).toHaveLength(11)
    expect(structure.competencies).toHaveLength(44)
    expect(structure.roles.map((role) => role.name)).toContain('PMO Analyst')
    const cells = readCells(doc, structure, null)
    expect(cells.get('governance-support')?.['pmo-analyst']).toEqual({ level: 3, note: '', overridden: false })
  })

  it('keeps unchanged entities and rows identical, so rows that did not change do not render again', () => {
    const doc = seededDoc()
    const take = watchChanges(doc)
    const structure = readStructure(doc)
    const cells = readCells(doc, structure, null)
    setLevel(doc, { competencyId: 'governance-support', roleId: 'pmo-analyst' }, 4)
    const change = take()
    expect(change.structure).toBe(false)
    expect([...change.cells]).toEqual(['governance-support|pmo-analyst'])
    const next = readCells(doc, structure, null, cells, change.cells)
    expect(next.get('governance-support')?.['pmo-analyst']?.level).toBe(4)
    expect(next.get('governance-support')?.['pmo-manager']).toBe(cells.get('governance-support')?.['pmo-manager'])
    const otherRow = structure.competencies.find((competency) => competency.id !== 'governance-support')!.id
    expect(next.get(otherRow)).toBe(cells.get(otherRow))
  })

  it('sees a note typed into a cell as a change of that cell only', () => {
    const doc = seededDoc()
    const take = watchChanges(doc)
    setNote(doc, { competencyId: 'governance-support', roleId: 'head-of-pmo' }, 'Chairs the board.')
    expect(take()).toEqual({ structure: false, cells: new Set(['governance-support|head-of-pmo']) })
  })

  it('sees a note that arrives from another document before this one ever read it', () => {
    const doc = seededDoc()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const take = watchChanges(doc)
    setNote(other, { competencyId: 'governance-support', roleId: 'head-of-pmo', pmoTypeId: 'project-office' }, 'Override note')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
    expect(take().cells).toEqual(new Set(['governance-support|head-of-pmo']))
    const structure = readStructure(doc)
    expect(readCells(doc, structure, 'project-office').get('governance-support')?.['head-of-pmo']).toEqual({ level: 5, note: 'Override note', overridden: true })
  })

  it('re-reads the structure on a rename, keeping the other entities identical', () => {
    const doc = seededDoc()
    const take = watchChanges(doc)
    const before = readStructure(doc)
    renameEntity(doc, 'competency', 'governance-support', 'Governance and board support')
    expect(take().structure).toBe(true)
    const after = readStructure(doc, before)
    expect(after.roles).toBe(before.roles)
    expect(after.domains).toBe(before.domains)
    const renamed = after.competencies.find((competency) => competency.id === 'governance-support')
    expect(renamed?.name).toBe('Governance and board support')
    const other = (structure: typeof before) => structure.competencies.find((competency) => competency.id === 'estimating')
    expect(other(after)).toBeDefined()
    expect(other(after)).toBe(other(before))
  })

  it('reads a whole row again when a role is added', () => {
    const doc = seededDoc()
    const structure = readStructure(doc)
    const cells = readCells(doc, structure, null)
    const roleId = addEntity(doc, 'role', { name: 'Portfolio Analyst' })
    const next = readCells(doc, readStructure(doc, structure), null, cells, new Set())
    expect(next.get('governance-support')?.[roleId]).toEqual({ level: null, note: '', overridden: false })
  })
})
