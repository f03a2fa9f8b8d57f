/**
 * The compare of two matrix states: changed cells with their old and new level and note,
 * rows and columns added, renamed, moved and archived, levels and meta, each naming who made
 * it from the log; the version list's summary counts the same changes.
 */
import type { CellChange, EntityChange } from '@studio/contract'
import { HistoryChange } from '@studio/contract'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { importFramework } from '../matrix/exchange.ts'
import { validateExchange } from '../matrix/exchange-format.ts'
import { addEntity, archiveEntity, moveEntity, renameEntity, setLevel, setLevelDefinition, setMeta, setNote } from '../matrix/operations.ts'
import { readCompetencies, readEntities } from '../matrix/read.ts'
import { seedFiles } from '../seed.ts'
import { attributionFromLog, type LogEntry } from './attribution.ts'
import { compareStates, summarizeStates } from './compare.ts'

function starter(): Y.Doc {
  const checked = validateExchange(JSON.parse(readFileSync(seedFiles.starterFramework, 'utf8')))
  if (!checked.ok) throw new Error('starter framework invalid')
  const doc = new Y.Doc()
  importFramework(doc, checked.framework, 'replace')
  return doc
}

/** Two people editing one matrix, every update logged with its author. */
function twoEditors() {
  const base = starter()
  const log: LogEntry[] = [{ update: Y.encodeStateAsUpdate(base), authorId: 'seed' }]
  const people = { olga: new Y.Doc(), sam: new Y.Doc() }
  for (const doc of Object.values(people)) Y.applyUpdate(doc, log[0]!.update)
  const edit = (who: keyof typeof people, change: (doc: Y.Doc) => void) => {
    const doc = people[who]
    const before = Y.encodeStateVector(doc)
    change(doc)
    const update = Y.encodeStateAsUpdate(doc, before)
    log.push({ update, authorId: who })
    for (const other of Object.values(people)) if (other !== doc) Y.applyUpdate(other, update)
  }
  return { log, people, edit, state: () => Y.encodeStateAsUpdate(people.olga) }
}

describe('comparing two states of the matrix', () => {
  it('lists changed cells with old and new level and note, and rows and columns added, renamed, moved and archived, by whom', () => {
    const { log, people, edit, state } = twoEditors()
    const from = state()
    const [first, second, third] = readCompetencies(people.olga)
    const [analyst] = readEntities(people.olga, 'role')
    const [domainA, domainB] = readEntities(people.olga, 'domain')
    const cell = { competencyId: first!.id, roleId: analyst!.id }
    edit('olga', (doc) => setLevel(doc, cell, 4))
    edit('sam', (doc) => setNote(doc, cell, 'Needs evidence.'))
    edit('olga', (doc) => void addEntity(doc, 'role', { name: 'Data steward', id: 'data-steward' }))
    edit('sam', (doc) => renameEntity(doc, 'competency', second!.id, 'Risk and issue management'))
    edit('olga', (doc) => moveEntity(doc, 'competency', third!.id, 0, domainB!.id))
    edit('sam', (doc) => archiveEntity(doc, 'domain', domainA!.id))
    edit('olga', (doc) => setLevelDefinition(doc, 3, 'Proficient', 'Works alone.'))
    edit('sam', (doc) => setMeta(doc, 'title', 'PMO Framework, draft 2'))
    const changes = compareStates('competency-matrix', from, state(), { attribution: attributionFromLog(log) })
    for (const change of changes) expect(HistoryChange.safeParse(change).success).toBe(true)

    const cellChange = changes.find((change): change is CellChange => change.type === 'cell')!
    expect(cellChange).toMatchObject({ competencyId: first!.id, roleId: analyst!.id, pmoTypeId: null, competency: first!.name, role: analyst!.name, to: { level: 4, note: 'Needs evidence.' }, authors: ['olga', 'sam'] })
    const entity = (id: string) => changes.find((change): change is EntityChange => change.type === 'entity' && change.id === id)
    expect(entity('data-steward')).toMatchObject({ entity: 'role', change: 'added', name: 'Data steward', authors: ['olga'] })
    expect(entity(second!.id)).toMatchObject({ change: 'changed', renamed: { from: second!.name, to: 'Risk and issue management' }, authors: ['sam'] })
    expect(entity(third!.id)).toMatchObject({ change: 'changed', moved: { from: { domainId: third!.domainId }, to: { domainId: domainB!.id, index: 0 } }, authors: ['olga'] })
    expect(entity(domainA!.id)).toMatchObject({ entity: 'domain', change: 'archived', authors: ['sam'] })
    expect(changes.find((change) => change.type === 'level')).toMatchObject({ rank: 3, change: 'changed', name: { to: 'Proficient' }, authors: ['olga'] })
    expect(changes.find((change) => change.type === 'meta')).toMatchObject({ field: 'title', to: 'PMO Framework, draft 2', authors: ['sam'] })
  })

  it('counts the same changes for the version list', () => {
    const doc = starter()
    const [first, second] = readCompetencies(doc)
    const [role] = readEntities(doc, 'role')
    setLevel(doc, { competencyId: first!.id, roleId: role!.id }, 1)
    const from = Y.encodeStateAsUpdate(doc)
    setLevel(doc, { competencyId: first!.id, roleId: role!.id }, 5)
    setNote(doc, { competencyId: second!.id, roleId: role!.id, pmoTypeId: readEntities(doc, 'pmoType')[0]!.id }, 'Only in a portfolio office.')
    addEntity(doc, 'role', { name: 'Coach' })
    archiveEntity(doc, 'competency', second!.id)
    renameEntity(doc, 'competency', first!.id, 'Planning')
    expect(summarizeStates('competency-matrix', from, Y.encodeStateAsUpdate(doc))).toEqual({
      kind: 'matrix',
      cells: { added: 1, changed: 1, archived: 0 },
      competencies: { added: 0, changed: 1, archived: 1 },
      roles: { added: 1, changed: 0, archived: 0 },
      domains: { added: 0, changed: 0, archived: 0 },
      pmoTypes: { added: 0, changed: 0, archived: 0 },
    })
  })

  it('summarises a first version against nothing as everything added', () => {
    const summary = summarizeStates('competency-matrix', null, Y.encodeStateAsUpdate(starter()))
    expect(summary.kind === 'matrix' && summary.competencies.added).toBeGreaterThan(10)
  })
})
