// The matrix to and from pmo-framework/v1: round trips, exports the schema accepts, replace and merge imports.
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { frameworkSchemaV2, validateExchange, type ExchangeFramework, type ExchangeNamed } from './exchange-format.ts'
import { importFramework, toExchange, type ImportReport } from './exchange.ts'
import {
  addEntity, archiveEntity, describeEntity, moveEntity, renameEntity, setLevel, setLevelDefinition, setMeta, setNote,
} from './operations.ts'
import { readCompetencies, readEntities, readExpectation, readMatrix } from './read.ts'

const starterFile = () => structuredClone(starter) as ExchangeFramework
const schemaAccepts = new Ajv2020({ allErrors: true, strict: false }).compile(frameworkSchemaV2)

function imported(file: ExchangeFramework = starterFile()): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, file, 'replace')
  return doc
}

/**
 * What the export of an imported file looks like: the file with every optional field the export
 * always writes filled in (description '' on entities and levels, note '' on every expectation,
 * overrides {} on every competency, pmoTypes [] when absent) and the ones it writes only when they
 * say something left out (archived: false; an empty status, licence or version).
 */
function normalised(file: ExchangeFramework): ExchangeFramework {
  const named = <T extends ExchangeNamed>({ archived, ...entity }: T) => ({ ...entity, description: entity.description ?? '', ...(archived ? { archived } : {}) })
  const expectations = (byRole: Record<string, { level: number | null; note?: string }>) =>
    Object.fromEntries(Object.entries(byRole).map(([roleId, expectation]) => [roleId, { level: expectation.level, note: expectation.note ?? '' }]))
  const { status, licence, version, ...rest } = file
  return {
    ...rest,
    ...(status ? { status } : {}),
    ...(licence ? { licence } : {}),
    ...(version ? { version } : {}),
    levels: file.levels.map((level) => ({ ...level, description: level.description ?? '' })),
    roles: file.roles.map(named),
    pmoTypes: (file.pmoTypes ?? []).map(named),
    domains: file.domains.map((domain) => ({
      ...named(domain),
      competencies: domain.competencies.map((competency) => ({
        ...named(competency),
        expectations: expectations(competency.expectations),
        overrides: Object.fromEntries(Object.entries(competency.overrides ?? {}).map(([pmoTypeId, byRole]) => [pmoTypeId, expectations(byRole)])),
      })),
    })),
  }
}

const empty = (): Omit<ImportReport, 'mode'> => ({
  added: { domains: [], competencies: [], roles: [], pmoTypes: [] },
  updated: { domains: [], competencies: [], roles: [], pmoTypes: [] },
  archived: { domains: [], competencies: [], roles: [], pmoTypes: [] },
  restored: { domains: [], competencies: [], roles: [], pmoTypes: [] },
  cellsSet: 0,
  cellsCleared: 0,
  levelsChanged: [],
  metaChanged: [],
})

describe('toExchange', () => {
  it('gives back the starter framework exactly after importing it', () => {
    // The starter file already writes every optional field the export writes, so nothing is added.
    const exported = toExchange(imported())
    expect(exported).toEqual(starter)
    expect(JSON.stringify(exported)).toBe(JSON.stringify(starter))
  })

  it('gives back a sparse file with only the optional fields the export always writes added', () => {
    const file: ExchangeFramework = {
      format: 'pmo-framework/v1',
      title: 'Sparse',
      status: '',
      version: '0.1',
      levels: [{ rank: 0, name: 'None' }, { rank: 1, name: 'Some', description: 'A little' }],
      roles: [{ id: 'analyst', name: 'Analyst', archived: false }, { id: 'retired', name: 'Retired role', archived: true }],
      domains: [{
        id: 'planning',
        name: 'Planning',
        competencies: [
          { id: 'scheduling', name: 'Scheduling', expectations: { analyst: { level: 1 }, retired: { level: null, note: 'Was 2' } } },
          { id: 'old-way', name: 'Old way', archived: true, expectations: {} },
        ],
      }],
    }
    expect(validateExchange(file).ok).toBe(true)
    expect(toExchange(imported(file), 'pmo-framework/v1')).toEqual(normalised(file))
  })

  it('exports overrides, notes and archived rows, and an empty name as its id, all accepted by the JSON Schema', () => {
    const doc = imported()
    const role = addEntity(doc, 'role', { name: 'Portfolio analyst' })
    const domain = addEntity(doc, 'domain', { name: 'Sustainability' })
    const competency = addEntity(doc, 'competency', { name: 'Carbon reporting', domainId: domain })
    renameEntity(doc, 'competency', competency, '')
    setLevel(doc, { competencyId: competency, roleId: role }, 3)
    // An override with only a note shows the general level; the format needs a level, so that one is written.
    setNote(doc, { competencyId: competency, roleId: role, pmoTypeId: 'portfolio-office' }, 'Line one\nLine "two", | three')
    archiveEntity(doc, 'role', 'pmo-administrator')
    setMeta(doc, 'title', '')
    const exported = toExchange(doc)
    expect(schemaAccepts(exported), JSON.stringify(schemaAccepts.errors)).toBe(true)
    expect(validateExchange(exported).ok).toBe(true)
    expect(exported.title).toBe('PMO Competency Framework')
    expect(exported.roles[0]).toMatchObject({ id: 'pmo-administrator', archived: true })
    expect(exported.domains.at(-1)!.competencies[0]).toEqual({
      id: competency,
      name: competency,
      description: '',
      expectations: { [role]: { level: 3, note: '' } },
      overrides: { 'portfolio-office': { [role]: { level: 3, note: 'Line one\nLine "two", | three' } } },
    })
  })

  it('exports a cell with only a note with a null level, and an override with only a note with the level it shows', () => {
    const doc = imported()
    const ref = { competencyId: 'estimating', roleId: 'pmo-analyst' }
    setNote(doc, ref, 'Depends on the project')
    setNote(doc, { ...ref, pmoTypeId: 'project-office' }, 'Bottom-up')
    const estimating = toExchange(doc).domains[1]!.competencies.find((c) => c.id === 'estimating')!
    expect(estimating.expectations).toEqual({ 'pmo-analyst': { level: null, note: 'Depends on the project' } })
    expect(estimating.overrides).toEqual({ 'project-office': { 'pmo-analyst': { level: null, note: 'Bottom-up' } } })
  })

  it('comes back the same after an export is imported into a fresh document', () => {
    const doc = imported()
    moveEntity(doc, 'competency', 'estimating', 0, 'governance-and-assurance')
    setLevel(doc, { competencyId: 'estimating', roleId: 'head-of-pmo', pmoTypeId: 'centre-of-excellence' }, 1)
    describeEntity(doc, 'domain', 'financial-control', 'Money')
    const exported = toExchange(doc)
    expect(toExchange(imported(exported))).toEqual(exported)
  })
})

describe('importFramework, replace', () => {
  it('fills an empty document and reports everything as added', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const file = starterFile()
    const report = importFramework(doc, file, 'replace')
    expect(updates).toHaveLength(1)
    const cells = file.domains.flatMap((d) => d.competencies).reduce((sum, c) => sum + Object.keys(c.expectations).length, 0)
    expect(report).toEqual({
      ...empty(),
      mode: 'replace',
      added: {
        roles: file.roles.map((r) => r.name),
        pmoTypes: file.pmoTypes!.map((t) => t.name),
        domains: file.domains.map((d) => d.name),
        competencies: file.domains.flatMap((d) => d.competencies.map((c) => c.name)),
      },
      cellsSet: cells,
      levelsChanged: [0, 1, 2, 3, 4, 5],
      metaChanged: ['title', 'status', 'licence'],
      // The starter describes the levels of one domain's four competencies and cites three references.
      descriptorsSet: 20,
      referencesSet: 3,
    })
    expect(readCompetencies(doc).map((c) => c.id).sort()).toEqual(file.domains.flatMap((d) => d.competencies.map((c) => c.id)).sort())
  })

  it('reports no change when the document already is the file', () => {
    const doc = imported()
    expect(importFramework(doc, starterFile(), 'replace')).toEqual({ ...empty(), mode: 'replace' })
  })

  it('makes the document the file: updates, moves, archives what the file lacks, restores and clears cells', () => {
    const doc = imported()
    const extraRole = addEntity(doc, 'role', { name: 'Intern' })
    const extraCompetency = addEntity(doc, 'competency', { name: 'Coffee', domainId: 'planning-and-scheduling' })
    archiveEntity(doc, 'pmoType', 'centre-of-excellence')
    setLevel(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' }, 2)
    setNote(doc, { competencyId: 'estimating', roleId: 'pmo-manager', pmoTypeId: 'project-office' }, 'Only a note')
    setLevel(doc, { competencyId: 'governance-support', roleId: 'head-of-pmo' }, 1)
    setLevelDefinition(doc, 1, 'Aware!', 'Changed here')

    const file = starterFile()
    file.title = 'Version two'
    file.domains[0]!.competencies[0]!.name = 'Governance'
    file.domains[0]!.competencies[0]!.archived = true
    const [moved] = file.domains[1]!.competencies.splice(3, 1) // estimating, to another domain
    file.domains[2]!.competencies.unshift(moved!)
    const dropped = file.domains.pop()! // interpersonal effectiveness and its competencies
    file.domains[0]!.competencies[1]!.expectations['pmo-analyst'] = { level: 3, note: 'Now set' }

    const report = importFramework(doc, file, 'replace')
    report.archived.competencies.sort()
    expect(report).toEqual({
      ...empty(),
      mode: 'replace',
      updated: { ...empty().updated, competencies: ['Governance', 'Estimating'] },
      archived: {
        roles: ['Intern'],
        pmoTypes: [],
        domains: [dropped.name],
        competencies: ['Governance', 'Coffee', ...dropped.competencies.map((c) => c.name)].sort(),
      },
      restored: { ...empty().restored, pmoTypes: ['Centre of excellence'] },
      // The new cell, then the changed general level (head-of-pmo was 5 in the file).
      cellsSet: 2,
      // estimating|pmo-analyst and the note-only override, which the file lacks. The cells of the
      // dropped domain's "Facilitation" are kept: the file does not speak for rows it archives.
      cellsCleared: 2,
      levelsChanged: [1],
      metaChanged: ['title'],
    })

    const matrix = readMatrix(doc)
    expect(matrix.meta.title).toBe('Version two')
    expect(matrix.levels[1]).toEqual({ rank: 1, name: 'Aware', description: file.levels[1]!.description })
    expect(matrix.domains.find((d) => d.id === dropped.id)).toMatchObject({ archived: true })
    expect(matrix.domains[2]!.competencies.map((c) => c.id)).toEqual(file.domains[2]!.competencies.map((c) => c.id))
    expect(readEntities(doc, 'role').find((r) => r.id === extraRole)).toMatchObject({ archived: true, name: 'Intern' })
    expect(readCompetencies(doc).find((c) => c.id === extraCompetency)).toMatchObject({ archived: true })
    expect(readExpectation(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' })).toEqual({ level: null, note: '', overridden: false })
    expect(readExpectation(doc, { competencyId: 'estimating', roleId: 'pmo-manager', pmoTypeId: 'project-office' }).overridden).toBe(false)
    expect(readExpectation(doc, { competencyId: 'governance-support', roleId: 'head-of-pmo' }).level).toBe(5)
    // An archived row keeps its cells, so restoring it brings them back.
    const facilitation = dropped.competencies.find((c) => Object.keys(c.expectations).length > 0)!
    const [roleId, kept] = Object.entries(facilitation.expectations)[0]!
    expect(readExpectation(doc, { competencyId: facilitation.id, roleId }).level).toBe(kept.level)
    // Everything the file says is now what the document says; what it lacks is kept, archived.
    const exported = toExchange(doc)
    const keptIds = exported.domains.flatMap((d) => d.competencies.filter((c) => !c.archived).map((c) => c.id))
    expect(keptIds).toEqual(file.domains.flatMap((d) => d.competencies.filter((c) => !c.archived).map((c) => c.id)))
  })

  it('keeps the ids of the file, and the order it lists things in', () => {
    const doc = imported()
    const file = starterFile()
    file.roles.reverse()
    importFramework(doc, file, 'replace')
    expect(readEntities(doc, 'role').map((r) => r.id)).toEqual(file.roles.map((r) => r.id))
  })
})

describe('importFramework, merge', () => {
  it('adds only what is new, after what is there, and sets only cells that are not set', () => {
    const doc = imported()
    archiveEntity(doc, 'role', 'pmo-administrator')
    renameEntity(doc, 'competency', 'estimating', 'Estimating, as we say it')
    const onlyHere = addEntity(doc, 'role', { name: 'Intern' })
    setNote(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' }, 'Our note')

    const file = starterFile()
    file.title = 'Another title'
    file.levels.push({ rank: 6, name: 'Visionary' })
    file.levels[1]!.name = 'Renamed in the file'
    file.roles.push({ id: 'data-lead', name: 'Data lead' })
    file.domains[1]!.competencies[3]!.name = 'Estimating in the file'
    file.domains[1]!.competencies[3]!.expectations = { 'pmo-analyst': { level: 4, note: 'Their note' }, 'pmo-manager': { level: 3 } }
    file.domains[0]!.competencies[0]!.expectations['pmo-analyst'] = { level: 1 }
    file.domains[0]!.competencies[0]!.overrides = { 'project-office': { 'pmo-analyst': { level: 5 } } }
    file.domains[0]!.competencies.push({ id: 'audit-readiness', name: 'Audit readiness', expectations: { 'data-lead': { level: 2 } } })
    file.domains.splice(2, 1)
    file.domains.push({ id: 'sustainability', name: 'Sustainability', competencies: [] })

    const report = importFramework(doc, file, 'merge')
    expect(report).toEqual({
      ...empty(),
      mode: 'merge',
      added: { roles: ['Data lead'], pmoTypes: [], domains: ['Sustainability'], competencies: ['Audit readiness'] },
      // estimating|pmo-manager, the override, audit-readiness|data-lead.
      cellsSet: 3,
      levelsChanged: [6],
    })
    const matrix = readMatrix(doc)
    expect(matrix.meta.title).toBe(starter.title)
    expect(matrix.levels.map((l) => l.name)).toEqual([...starter.levels.map((l) => l.name), 'Visionary'])
    expect(matrix.roles.map((r) => r.id)).toEqual([...starter.roles.map((r) => r.id), onlyHere, 'data-lead'])
    expect(matrix.roles[0]).toMatchObject({ archived: true })
    expect(matrix.domains.map((d) => d.id)).toEqual([...starter.domains.map((d) => d.id), 'sustainability'])
    expect(matrix.domains[0]!.competencies.map((c) => c.id)).toEqual([...starter.domains[0]!.competencies.map((c) => c.id), 'audit-readiness'])
    expect(matrix.domains[1]!.competencies.find((c) => c.id === 'estimating')).toMatchObject({ name: 'Estimating, as we say it', archived: false })
    expect(readExpectation(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' })).toEqual({ level: null, note: 'Our note', overridden: false })
    expect(readExpectation(doc, { competencyId: 'estimating', roleId: 'pmo-manager' }).level).toBe(3)
    expect(readExpectation(doc, { competencyId: 'governance-support', roleId: 'pmo-analyst' }).level).toBe(3)
    expect(readExpectation(doc, { competencyId: 'governance-support', roleId: 'pmo-analyst', pmoTypeId: 'project-office' }).level).toBe(5)
  })

  it('reports no change when merging a file the document already holds', () => {
    const doc = imported()
    expect(importFramework(doc, starterFile(), 'merge')).toEqual({ ...empty(), mode: 'merge' })
  })
})
