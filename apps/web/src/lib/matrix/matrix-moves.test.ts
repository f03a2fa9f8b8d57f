import { importFramework, readCompetencies, readEntities, validateExchange } from '@studio/framework'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canDrop, dropTargetFor, moveByDrop, moveByKey, subjectAt } from './matrix-moves.ts'
import { layoutMatrix, noFilters } from './matrix-layout.ts'
import { headColumn } from './matrix-navigation.ts'
import { readStructure } from './matrix-snapshot.ts'

const starter = JSON.parse(readFileSync(new URL('../../../../../packages/framework/seed/starter-framework.json', import.meta.url), 'utf8')) as unknown

function seededDoc(): Y.Doc {
  const doc = new Y.Doc()
  const validation = validateExchange(starter)
  if (!validation.ok) throw new Error('starter framework is invalid')
  importFramework(doc, validation.framework, 'replace')
  return doc
}

const layoutOf = (doc: Y.Doc, collapsed = new Set<string>()) => layoutMatrix(readStructure(doc), noFilters, collapsed)
const idsIn = (doc: Y.Doc, domainId: string) => readCompetencies(doc).filter((c) => c.domainId === domainId && !c.archived).map((c) => c.id)

describe('moving rows and columns from the grid', () => {
  it('knows what a position moves', () => {
    expect(subjectAt({ kind: 'competency', id: 'competency:a', competencyId: 'a', domainId: 'd' }, headColumn)).toEqual({ kind: 'competency', id: 'a' })
    expect(subjectAt({ kind: 'competency', id: 'competency:a', competencyId: 'a', domainId: 'd' }, 'role')).toBeNull()
    expect(subjectAt({ kind: 'header', id: 'header' }, 'analyst')).toEqual({ kind: 'role', id: 'analyst' })
    expect(subjectAt({ kind: 'domain', id: 'domain:d', domainId: 'd' }, headColumn)).toEqual({ kind: 'domain', id: 'd' })
  })

  it('moves a competency down one place and says so', () => {
    const doc = seededDoc()
    const [first, second] = idsIn(doc, 'planning-and-scheduling')
    expect(moveByKey(doc, layoutOf(doc), { kind: 'competency', id: first! }, 1)).toMatch(/^Moved .* down\.$/)
    expect(idsIn(doc, 'planning-and-scheduling').slice(0, 2)).toEqual([second, first])
  })

  it('moves the first competency of a domain up into the end of the domain above', () => {
    const doc = seededDoc()
    const [first] = idsIn(doc, 'planning-and-scheduling')
    expect(moveByKey(doc, layoutOf(doc), { kind: 'competency', id: first! }, -1)).toMatch(/^Moved .* to Governance and assurance\.$/)
    expect(idsIn(doc, 'governance-and-assurance').at(-1)).toBe(first)
  })

  it('moves roles left and right and refuses to move past the ends', () => {
    const doc = seededDoc()
    const roles = () => readEntities(doc, 'role').map((role) => role.id)
    const [first, second] = roles()
    expect(moveByKey(doc, layoutOf(doc), { kind: 'role', id: first! }, -1)).toBeNull()
    expect(moveByKey(doc, layoutOf(doc), { kind: 'role', id: first! }, 1)).toMatch(/right\.$/)
    expect(roles().slice(0, 2)).toEqual([second, first])
  })

  it('drops a competency before another, and a role after another', () => {
    const doc = seededDoc()
    const ids = idsIn(doc, 'planning-and-scheduling')
    moveByDrop(doc, layoutOf(doc), { kind: 'competency', id: ids[3]! }, { kind: 'competency', id: ids[0]!, domainId: 'planning-and-scheduling', after: false })
    expect(idsIn(doc, 'planning-and-scheduling')).toEqual([ids[3], ids[0], ids[1], ids[2]])
    const roles = readEntities(doc, 'role').map((role) => role.id)
    moveByDrop(doc, layoutOf(doc), { kind: 'role', id: roles[0]! }, { kind: 'role', id: roles.at(-1)!, domainId: null, after: true })
    expect(readEntities(doc, 'role').map((role) => role.id).at(-1)).toBe(roles[0])
  })

  it('drops a competency on a domain heading to put it first in that domain, and never a role on a row', () => {
    const doc = seededDoc()
    const [moved] = idsIn(doc, 'planning-and-scheduling')
    moveByDrop(doc, layoutOf(doc), { kind: 'competency', id: moved! }, { kind: 'domain', id: 'financial-control', domainId: 'financial-control', after: true })
    expect(idsIn(doc, 'financial-control')[0]).toBe(moved)
    expect(canDrop({ kind: 'role', id: 'r' }, { kind: 'competency', id: 'c' })).toBe(false)
  })
})

describe('where a drag drops', () => {
  const box = { left: 0, top: 0, width: 100, height: 40 }
  const row = { kind: 'competency' as const, id: 'competency:a', competencyId: 'a', domainId: 'd' }
  const heading = { kind: 'domain' as const, id: 'domain:d', domainId: 'd' }
  const header = { kind: 'header' as const, id: 'header' as const }

  it('drops a row before or after the row under the pointer, by its height in the cell', () => {
    expect(dropTargetFor({ kind: 'competency', id: 'b' }, row, headColumn, box, { x: 5, y: 5 })).toEqual({ kind: 'competency', id: 'a', domainId: 'd', after: false })
    expect(dropTargetFor({ kind: 'competency', id: 'b' }, row, 'r', box, { x: 5, y: 35 })).toEqual({ kind: 'competency', id: 'a', domainId: 'd', after: true })
    expect(dropTargetFor({ kind: 'competency', id: 'b' }, heading, headColumn, box, { x: 5, y: 5 })).toMatchObject({ kind: 'domain', id: 'd', after: true })
  })

  it('drops a column beside the column under the pointer, and nothing where it cannot go', () => {
    expect(dropTargetFor({ kind: 'role', id: 'x' }, header, 'r', box, { x: 80, y: 5 })).toEqual({ kind: 'role', id: 'r', domainId: null, after: true })
    expect(dropTargetFor({ kind: 'role', id: 'x' }, row, headColumn, box, { x: 80, y: 5 })).toBeNull()
    expect(dropTargetFor({ kind: 'domain', id: 'e' }, row, headColumn, box, { x: 5, y: 5 })).toBeNull()
    expect(dropTargetFor({ kind: 'competency', id: 'a' }, row, headColumn, box, { x: 5, y: 5 })).toBeNull()
  })
})
