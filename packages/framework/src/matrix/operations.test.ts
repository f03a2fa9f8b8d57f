// The typed operations over the matrix document, and reading expectations back with overrides.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ExchangeFramework } from './exchange-format.ts'
import { importFramework } from './exchange.ts'
import { idPattern } from './ids.ts'
import {
  addEntity, archiveEntity, clearOverride, describeEntity, MatrixError, moveEntity, renameEntity, restoreEntity, setLevel,
  setLevelDefinition, setMeta, setNote,
} from './operations.ts'
import { readCompetencies, readEntities, readExpectation, readLevels, readMatrix, readMeta } from './read.ts'
import { matrixMaps, type EntityKind } from './schema.ts'

const framework: ExchangeFramework = {
  format: 'pmo-framework/v1',
  title: 'Operations test',
  levels: [0, 1, 2, 3].map((rank) => ({ rank, name: `Level ${rank}` })),
  roles: [{ id: 'analyst', name: 'Analyst' }, { id: 'manager', name: 'Manager' }],
  pmoTypes: [{ id: 'project-office', name: 'Project office' }],
  domains: [
    { id: 'planning', name: 'Planning', competencies: [{ id: 'scheduling', name: 'Scheduling', expectations: {} }, { id: 'estimating', name: 'Estimating', expectations: {} }] },
    { id: 'reporting', name: 'Reporting', competencies: [{ id: 'dashboards', name: 'Dashboards', expectations: {} }] },
  ],
}

function matrix(clientID?: number): Y.Doc {
  const doc = new Y.Doc()
  if (clientID !== undefined) doc.clientID = clientID
  importFramework(doc, framework, 'replace')
  return doc
}

const competencyIds = (doc: Y.Doc, domainId: string) => readMatrix(doc).domains.find((domain) => domain.id === domainId)!.competencies.map((c) => c.id)
const sync = (...docs: Y.Doc[]) => {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}
const general = { competencyId: 'scheduling', roleId: 'analyst' }
const override = { ...general, pmoTypeId: 'project-office' }

describe('adding', () => {
  it('makes a readable id from the name that fits the exchange format', () => {
    const doc = matrix()
    const id = addEntity(doc, 'role', { name: 'Head of PMO (Interim) – Ω' })
    expect(id).toMatch(/^head-of-pmo-interim-[a-z0-9]{8}$/)
    expect(id).toMatch(idPattern)
    expect(addEntity(doc, 'role', { name: '!!!' })).toMatch(/^item-[a-z0-9]{8}$/)
  })

  it('keeps a given id, places the entity at the index asked for and starts it unarchived', () => {
    const doc = matrix()
    addEntity(doc, 'competency', { id: 'critical-path', name: 'Critical path', description: 'Finds it', domainId: 'planning', index: 1 })
    expect(competencyIds(doc, 'planning')).toEqual(['scheduling', 'critical-path', 'estimating'])
    expect(readCompetencies(doc).find((c) => c.id === 'critical-path')).toMatchObject({ name: 'Critical path', description: 'Finds it', archived: false, domainId: 'planning' })
    addEntity(doc, 'domain', { id: 'people', name: 'People' })
    expect(readEntities(doc, 'domain').map((d) => d.id)).toEqual(['planning', 'reporting', 'people'])
  })

  it('refuses a repeated id and a competency without an existing domain', () => {
    const doc = matrix()
    expect(() => addEntity(doc, 'role', { id: 'analyst', name: 'Again' })).toThrow(new MatrixError('There is already a role with id analyst.'))
    expect(() => addEntity(doc, 'competency', { name: 'Orphan' })).toThrow(new MatrixError('A competency needs an existing domain.'))
    expect(() => addEntity(doc, 'competency', { name: 'Orphan', domainId: 'nowhere' })).toThrow(MatrixError)
  })
})

describe('unknown ids', () => {
  it.each<[string, (doc: Y.Doc) => void, string]>([
    ['renaming', (doc) => renameEntity(doc, 'role', 'nobody', 'X'), 'There is no role with id nobody.'],
    ['describing', (doc) => describeEntity(doc, 'domain', 'nowhere', 'X'), 'There is no domain with id nowhere.'],
    ['moving', (doc) => moveEntity(doc, 'pmoType', 'no-office', 0), 'There is no pmoType with id no-office.'],
    ['moving to a domain that does not exist', (doc) => moveEntity(doc, 'competency', 'scheduling', 0, 'nowhere'), 'There is no domain with id nowhere.'],
    ['archiving', (doc) => archiveEntity(doc, 'competency', 'nothing'), 'There is no competency with id nothing.'],
    ['restoring', (doc) => restoreEntity(doc, 'competency', 'nothing'), 'There is no competency with id nothing.'],
    ['an id of another kind', (doc) => renameEntity(doc, 'domain', 'scheduling', 'X'), 'There is no domain with id scheduling.'],
    ['a level for an unknown competency', (doc) => setLevel(doc, { competencyId: 'nothing', roleId: 'analyst' }, 1), 'There is no competency with id nothing.'],
    ['a level for an unknown role', (doc) => setLevel(doc, { competencyId: 'scheduling', roleId: 'nobody' }, 1), 'There is no role with id nobody.'],
    ['an override for an unknown PMO type', (doc) => setLevel(doc, { ...general, pmoTypeId: 'no-office' }, 1), 'There is no pmoType with id no-office.'],
    ['a note for an unknown competency', (doc) => setNote(doc, { competencyId: 'nothing', roleId: 'analyst' }, 'x'), 'There is no competency with id nothing.'],
    ['clearing an override of an unknown PMO type', (doc) => clearOverride(doc, { ...general, pmoTypeId: 'no-office' }), 'There is no pmoType with id no-office.'],
    ['a level that is not defined', (doc) => setLevel(doc, general, 7), 'There is no level 7.'],
  ])('are refused when %s, and nothing is written', (_case, operation, message) => {
    const doc = matrix()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    expect(() => operation(doc)).toThrow(new MatrixError(message))
    expect(updates).toEqual([])
  })
})

describe('renaming, describing and metadata', () => {
  it('changes names and descriptions in place', () => {
    const doc = matrix()
    renameEntity(doc, 'competency', 'scheduling', 'Scheduling and planning')
    describeEntity(doc, 'competency', 'scheduling', 'Builds the plan')
    expect(readCompetencies(doc).find((c) => c.id === 'scheduling')).toMatchObject({ name: 'Scheduling and planning', description: 'Builds the plan' })
  })

  it('sets metadata and level definitions', () => {
    const doc = matrix()
    setMeta(doc, 'status', 'consultation')
    setLevelDefinition(doc, 4, 'Expert', 'Teaches it')
    setLevelDefinition(doc, 1, 'Aware', '')
    expect(readMeta(doc)).toMatchObject({ title: 'Operations test', status: 'consultation' })
    expect(readLevels(doc).map((level) => `${level.rank} ${level.name} ${level.description}`)).toEqual(['0 Level 0 ', '1 Aware ', '2 Level 2 ', '3 Level 3 ', '4 Expert Teaches it'])
  })
})

describe('moving', () => {
  it('reorders entities of every kind', () => {
    const doc = matrix()
    moveEntity(doc, 'role', 'manager', 0)
    moveEntity(doc, 'domain', 'planning', 5)
    moveEntity(doc, 'competency', 'scheduling', 2)
    expect(readEntities(doc, 'role').map((r) => r.id)).toEqual(['manager', 'analyst'])
    expect(readEntities(doc, 'domain').map((d) => d.id)).toEqual(['reporting', 'planning'])
    expect(competencyIds(doc, 'planning')).toEqual(['estimating', 'scheduling'])
  })

  it('moves a competency to another domain at the index asked for, keeping its cells', () => {
    const doc = matrix()
    setLevel(doc, general, 2)
    setNote(doc, general, 'by hand')
    moveEntity(doc, 'competency', 'scheduling', 0, 'reporting')
    expect(competencyIds(doc, 'planning')).toEqual(['estimating'])
    expect(competencyIds(doc, 'reporting')).toEqual(['scheduling', 'dashboards'])
    expect(readExpectation(doc, general)).toEqual({ level: 2, note: 'by hand', overridden: false })
  })

  it('settles two concurrent moves of one competency on one of them, domain and position together', () => {
    // Higher client ids win concurrent writes in Yjs, so the second replica's move wins here.
    const across = matrix(1)
    const within = new Y.Doc()
    within.clientID = 2
    Y.applyUpdate(within, Y.encodeStateAsUpdate(across))
    moveEntity(across, 'competency', 'estimating', 1, 'reporting')
    moveEntity(within, 'competency', 'estimating', 0)
    const intended = readCompetencies(within).find((c) => c.id === 'estimating')!
    sync(across, within)
    for (const doc of [across, within]) {
      expect(readCompetencies(doc).find((c) => c.id === 'estimating')).toMatchObject({ domainId: 'planning', order: intended.order })
      expect(competencyIds(doc, 'planning')).toEqual(['estimating', 'scheduling'])
      expect(competencyIds(doc, 'reporting')).toEqual(['dashboards'])
    }
  })

  it('leaves out a row whose remote move has arrived only in part, and brings it back when the rest arrives', () => {
    const mover = matrix(1)
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(mover))
    const updates: Uint8Array[] = []
    mover.on('update', (update: Uint8Array) => updates.push(update))
    moveEntity(mover, 'competency', 'estimating', 0, 'reporting')
    moveEntity(mover, 'competency', 'scheduling', 0, 'reporting')
    // The second move arrives first: Yjs deletes the old order and domain at once and holds the
    // new ones until the first move has arrived.
    Y.applyUpdate(reader, updates[1]!)
    expect(readCompetencies(reader).map((c) => c.id)).toEqual(['dashboards', 'estimating'])
    const added = addEntity(reader, 'competency', { name: 'Milestones', domainId: 'planning', index: 0 })
    expect(competencyIds(reader, 'planning')).toEqual([added, 'estimating'])
    Y.applyUpdate(reader, updates[0]!)
    expect(competencyIds(reader, 'reporting')).toEqual(['scheduling', 'estimating', 'dashboards'])
  })
})

describe('archiving and restoring', () => {
  it.each<EntityKind>(['domain', 'competency', 'role', 'pmoType'])('archives and restores a %s without losing it', (kind) => {
    const doc = matrix()
    const id = { domain: 'planning', competency: 'scheduling', role: 'analyst', pmoType: 'project-office' }[kind]
    archiveEntity(doc, kind, id)
    const all = kind === 'competency' ? readCompetencies(doc) : readEntities(doc, kind)
    expect(all.find((entity) => entity.id === id)).toMatchObject({ archived: true })
    restoreEntity(doc, kind, id)
    expect((kind === 'competency' ? readCompetencies(doc) : readEntities(doc, kind)).find((entity) => entity.id === id)).toMatchObject({ archived: false })
  })

  it('writes nothing when an entity already is as asked', () => {
    const doc = matrix()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    restoreEntity(doc, 'role', 'analyst')
    archiveEntity(doc, 'role', 'analyst')
    archiveEntity(doc, 'role', 'analyst')
    expect(updates).toHaveLength(1)
  })

  it('keeps a rename made at the same moment as an archive elsewhere', () => {
    const a = matrix(1)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    archiveEntity(a, 'competency', 'scheduling')
    renameEntity(b, 'competency', 'scheduling', 'Scheduling well')
    sync(a, b)
    expect(readCompetencies(a).find((c) => c.id === 'scheduling')).toMatchObject({ name: 'Scheduling well', archived: true })
  })
})

describe('levels, notes and overrides', () => {
  it('sets a general level, "no level yet" and a note', () => {
    const doc = matrix()
    expect(readExpectation(doc, general)).toEqual({ level: null, note: '', overridden: false })
    setLevel(doc, general, 3)
    setNote(doc, general, 'With a tool')
    expect(readExpectation(doc, general)).toEqual({ level: 3, note: 'With a tool', overridden: false })
    setLevel(doc, general, null)
    expect(readExpectation(doc, general)).toEqual({ level: null, note: 'With a tool', overridden: false })
    expect(matrixMaps(doc).expectations.has('scheduling|analyst')).toBe(true)
  })

  it('writes nothing when a level is set to what it already is', () => {
    const doc = matrix()
    setLevel(doc, general, 3)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    setLevel(doc, general, 3)
    setNote(doc, general, '')
    expect(updates).toEqual([])
  })

  it('reads the general expectation for a PMO type without an override', () => {
    const doc = matrix()
    setLevel(doc, general, 2)
    setNote(doc, general, 'General note')
    expect(readExpectation(doc, override)).toEqual({ level: 2, note: 'General note', overridden: false })
  })

  it('reads an override for its PMO type only, level and note', () => {
    const doc = matrix()
    setLevel(doc, general, 2)
    setNote(doc, general, 'General note')
    setLevel(doc, override, 3)
    setNote(doc, override, 'Bigger projects')
    expect(readExpectation(doc, override)).toEqual({ level: 3, note: 'Bigger projects', overridden: true })
    expect(readExpectation(doc, general)).toEqual({ level: 2, note: 'General note', overridden: false })
  })

  it('keeps the general level under an override that only has a note', () => {
    const doc = matrix()
    setLevel(doc, general, 2)
    setNote(doc, override, 'Same level, different emphasis')
    expect(readExpectation(doc, override)).toEqual({ level: 2, note: 'Same level, different emphasis', overridden: true })
  })

  it('lets an override say "no level yet" for its PMO type even where the general cell has one', () => {
    const doc = matrix()
    setLevel(doc, general, 2)
    setLevel(doc, override, null)
    expect(readExpectation(doc, override)).toEqual({ level: null, note: '', overridden: true })
  })

  it('clears an override, level and note, so the general expectation shows again', () => {
    const doc = matrix()
    setLevel(doc, general, 2)
    setLevel(doc, override, 3)
    setNote(doc, override, 'Bigger projects')
    clearOverride(doc, override)
    expect(readExpectation(doc, override)).toEqual({ level: 2, note: '', overridden: false })
    expect(readExpectation(doc, general)).toEqual({ level: 2, note: '', overridden: false })
  })

  it('refuses to clear a general cell as if it were an override', () => {
    const doc = matrix()
    setLevel(doc, general, 2)
    expect(() => clearOverride(doc, general)).toThrow(new MatrixError('Only an override for a PMO type can be cleared.'))
    expect(readExpectation(doc, general).level).toBe(2)
  })

  it('merges two people starting the same empty note at the same moment', () => {
    const a = matrix(1)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setNote(a, override, 'First.')
    setNote(b, override, 'Second.')
    sync(a, b)
    expect(readExpectation(a, override).note).toMatch(/^(First\.Second\.|Second\.First\.)$/)
    expect(readExpectation(b, override)).toEqual(readExpectation(a, override))
  })
})
