// previewImport: what an import would do, listed before it happens, and the import doing exactly that.
import type { ImportPreview } from '@studio/contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { csvToExchange } from './csv-import.ts'
import { matrixToCsv } from './csv-export.ts'
import type { ExchangeExpectation, ExchangeFramework } from './exchange-format.ts'
import { importFramework, previewImport, toExchange } from './exchange.ts'
import { longestIncreasingRun } from './import-plan.ts'
import { addEntity, setLevel, setNote } from './operations.ts'
import { hasOverride, readEntities, readExpectation } from './read.ts'
import { cellKey, matrixMaps, parseCellKey, type CellRef } from './schema.ts'

const starterFile = () => structuredClone(starter) as ExchangeFramework

function imported(file: ExchangeFramework = starterFile()): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, file, 'replace')
  return doc
}

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** The counts of every change that is not "unchanged". */
function changes(preview: ImportPreview): Record<string, number> {
  const found: Record<string, number> = {}
  for (const [kind, counts] of Object.entries(preview.counts)) {
    for (const [change, count] of Object.entries(counts)) if (change !== 'unchanged' && count > 0) found[`${kind}.${change}`] = count
  }
  for (const meta of preview.meta) if (meta.change !== 'unchanged') found[`meta.${meta.field}.${meta.change}`] = 1
  return found
}

describe('previewImport', () => {
  it('lists nothing to change for a file the matrix already is, in either mode', () => {
    const doc = imported()
    for (const mode of ['replace', 'merge'] as const) {
      const preview = previewImport(doc, toExchange(doc), mode)
      expect(changes(preview)).toEqual({})
      expect(preview.counts.competencies.unchanged).toBe(starter.domains.flatMap((d) => d.competencies).length)
      expect(preview.cells).toEqual([])
    }
  })

  it('shows a changed cell with its old and new level and note, and changes nothing itself', () => {
    const doc = imported()
    const before = Y.encodeStateAsUpdate(doc)
    const file = toExchange(doc)
    const competency = file.domains[0]!.competencies[0]!
    const [roleId, was] = Object.entries(competency.expectations)[0]!
    competency.expectations[roleId] = { level: was.level === 1 ? 2 : 1, note: 'Raised' }
    const preview = previewImport(doc, file, 'replace')
    expect(changes(preview)).toEqual({ 'cells.changed': 1 })
    expect(preview.cells).toEqual([expect.objectContaining({
      competencyId: competency.id,
      competency: competency.name,
      domainId: file.domains[0]!.id,
      roleId,
      pmoTypeId: null,
      change: 'changed',
      from: { level: was.level, levelName: starter.levels.find((l) => l.rank === was.level)!.name, note: '' },
      to: { level: was.level === 1 ? 2 : 1, levelName: expect.any(String), note: 'Raised' },
    })])
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('lists, for merge, a level the matrix already has otherwise as kept, and the import keeps it', () => {
    const doc = imported()
    const ref = { competencyId: 'estimating', roleId: 'pmo-manager' }
    setLevel(doc, ref, 2)
    const file = toExchange(doc)
    const estimating = file.domains.flatMap((d) => d.competencies).find((c) => c.id === 'estimating')!
    estimating.expectations['pmo-manager'] = { level: 4, note: '' }
    estimating.name = 'Estimating (file)'
    const preview = previewImport(doc, file, 'merge')
    expect(changes(preview)).toEqual({ 'cells.kept': 1, 'competencies.kept': 1 })
    expect(preview.cells[0]).toMatchObject({ change: 'kept', from: { level: 2 }, to: { level: 4 } })
    expect(preview.entities.find((e) => e.id === 'estimating')).toMatchObject({ change: 'kept', name: 'Estimating', fields: [{ field: 'name', from: 'Estimating', to: 'Estimating (file)' }] })
    importFramework(doc, file, 'merge')
    expect(readExpectation(doc, ref).level).toBe(2)
  })

  it('lists, for replace, what the file lacks as archived and the cells it lacks as cleared', () => {
    const doc = imported()
    const intern = addEntity(doc, 'role', { name: 'Intern' })
    setLevel(doc, { competencyId: 'estimating', roleId: intern }, 1)
    setLevel(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' }, 3)
    const preview = previewImport(doc, starterFile(), 'replace')
    expect(changes(preview)).toEqual({ 'roles.archived': 1, 'cells.cleared': 1 })
    expect(preview.entities.find((e) => e.id === intern)).toMatchObject({ kind: 'role', name: 'Intern', change: 'archived' })
    // The archived role's cell stays (it comes back with the role); the one the file lacks is cleared.
    expect(preview.cells).toEqual([expect.objectContaining({ roleId: 'pmo-analyst', change: 'cleared', from: { level: 3, levelName: 'Independent', note: '' }, to: null })])
    const report = importFramework(doc, starterFile(), 'replace')
    expect(report.archived.roles).toEqual(['Intern'])
    expect(report.cellsCleared).toBe(1)
    expect(readExpectation(doc, { competencyId: 'estimating', roleId: intern }).level).toBe(1)
  })

  it('reports a moved row once, not every row below it', () => {
    const doc = imported()
    const file = toExchange(doc)
    const competencies = file.domains[1]!.competencies
    competencies.push(competencies.shift()!)
    const preview = previewImport(doc, file, 'replace')
    expect(changes(preview)).toEqual({ 'competencies.changed': 1 })
    expect(preview.entities.find((e) => e.id === competencies.at(-1)!.id)!.fields).toEqual([{ field: 'position', from: '1', to: String(competencies.length) }])
  })

  it('finds a longest increasing run', () => {
    expect([...longestIncreasingRun([3, 0, 1, 2])].sort()).toEqual([1, 2, 3])
    expect([...longestIncreasingRun([])]).toEqual([])
    expect(longestIncreasingRun([0, 1, 2]).size).toBe(3)
  })
})

// Random matrices over a small pool of ids, so two of them share some rows and differ in others.
const levels = [0, 1, 2, 3].map((rank) => ({ rank, name: `Level ${rank}`, description: '' }))
const note = fc.constantFrom('', '', 'A note', 'Commas, "quotes"\nand lines', '=SUM(A1)', '-1')
const cell = fc.option(fc.record({ level: fc.constantFrom(null, 0, 1, 2, 3), note }), { nil: undefined, freq: 2 })
const entity = fc.record({ present: fc.boolean(), archived: fc.constantFrom(false, false, false, true), variant: fc.nat(2) })
const roleIds = ['r1', 'r2', 'r3']
const pmoTypeIds = ['p1', 'p2']
const domainIds = ['d1', 'd2', 'd3']
const competencyIds = ['c1', 'c2', 'c3', 'c4', 'c5']
const nameOf = (id: string, variant: number) => [`Name ${id}`, `Renamed ${id}`, `+${id}, "odd"`][variant]!

const frameworkArb = fc.record({
  roles: fc.tuple(...roleIds.map(() => entity)),
  pmoTypes: fc.tuple(...pmoTypeIds.map(() => entity)),
  domains: fc.tuple(...domainIds.map(() => entity)),
  competencies: fc.tuple(...competencyIds.map(() => fc.tuple(entity, fc.nat(2)))),
  order: fc.tuple(fc.shuffledSubarray(roleIds, { minLength: 3 }), fc.shuffledSubarray(competencyIds, { minLength: 5 })),
  cells: fc.array(cell, { minLength: 45, maxLength: 45 }),
}).map(({ roles, pmoTypes, domains, competencies, order, cells }): ExchangeFramework => {
  const named = (ids: string[], flags: Array<{ present: boolean; archived: boolean; variant: number }>) =>
    ids.flatMap((id, index) => (flags[index]!.present || index === 0 ? [{ id, name: nameOf(id, flags[index]!.variant), description: `About ${id}`, ...(flags[index]!.archived ? { archived: true } : {}) }] : []))
  const roleList = named(order[0], order[0].map((id) => roles[roleIds.indexOf(id)]!))
  const pmoTypeList = named(pmoTypeIds, pmoTypes)
  let next = 0
  const expectation = () => cells[next++ % cells.length]
  return {
    format: 'pmo-framework/v1',
    title: 'Random',
    levels,
    roles: roleList,
    pmoTypes: pmoTypeList,
    domains: named(domainIds, domains).map((domain, domainIndex, all) => ({
      ...domain,
      competencies: order[1].flatMap((id) => {
        const [flags, home] = competencies[competencyIds.indexOf(id)]!
        if (!flags.present || (home % all.length) !== domainIndex) return []
        const expectations: Record<string, ExchangeExpectation> = {}
        const overrides: Record<string, Record<string, ExchangeExpectation>> = {}
        for (const role of roleList) {
          const general = expectation()
          if (general) expectations[role.id] = general
          for (const pmoType of pmoTypeList) {
            const override = expectation()
            if (override && next % 3 === 0) (overrides[pmoType.id] ??= {})[role.id] = override
          }
        }
        return [{ id, name: nameOf(id, flags.variant), description: `About ${id}`, ...(flags.archived ? { archived: true } : {}), expectations, overrides }]
      }),
    })),
  }
})

/** Every cell as people see it: whether it is set (an override: exists), its level and its note. */
function visibleCells(doc: Y.Doc): Map<string, string> {
  const cells = new Map<string, string>()
  for (const competencyId of competencyIds) {
    for (const roleId of roleIds) {
      for (const pmoTypeId of [null, ...pmoTypeIds]) {
        const ref = { competencyId, roleId, pmoTypeId }
        const shown = readExpectation(doc, ref)
        const set = pmoTypeId ? hasOverride(doc, { competencyId, roleId, pmoTypeId }) : matrixMaps(doc).expectations.has(cellKey(ref)) || shown.note !== ''
        cells.set(cellKey(ref), set ? `${shown.level}:${shown.note}` : '-')
      }
    }
  }
  return cells
}

describe('previewImport, for any matrix', () => {
  it('lists nothing to change when the matrix imports its own JSON or CSV export', () => {
    fc.assert(fc.property(frameworkArb, fc.constantFrom('replace' as const, 'merge' as const), (file, mode) => {
      const doc = imported(file)
      expect(changes(previewImport(doc, toExchange(doc), mode))).toEqual({})
      const fromCsv = csvToExchange(doc, matrixToCsv(doc))
      expect(fromCsv.ok ? [] : fromCsv.problems).toEqual([])
      if (fromCsv.ok) expect(changes(previewImport(doc, fromCsv.framework, mode))).toEqual({})
    }), { numRuns: 200 })
  })

  it('counts exactly what the import then does, and a replace leaves nothing more to change', () => {
    fc.assert(fc.property(frameworkArb, frameworkArb, fc.constantFrom('replace' as const, 'merge' as const), (first, second, mode) => {
      const doc = imported(first)
      const before = visibleCells(doc)
      const preview = previewImport(doc, second, mode)
      const after = copyOf(doc)
      const report = importFramework(after, second, mode)
      // Every cell that shows something else afterwards, in a row and column that still show, is listed.
      const active = (kind: 'role' | 'pmoType' | 'competency', id: string) => readEntities(after, kind).some((e) => e.id === id && !e.archived)
      const shownAfter = visibleCells(after)
      const listed = new Set(preview.cells.map((c) => cellKey(c)))
      // A note-only override shows the general level, so it follows a listed general cell.
      const followsGeneral = (ref: CellRef) => ref.pmoTypeId && !matrixMaps(after).expectations.has(cellKey(ref)) && listed.has(cellKey({ competencyId: ref.competencyId, roleId: ref.roleId }))
      for (const [key, value] of shownAfter) {
        const ref = parseCellKey(key)
        if (value === before.get(key) || !active('competency', ref.competencyId) || !active('role', ref.roleId) || (ref.pmoTypeId && !active('pmoType', ref.pmoTypeId))) continue
        if (!followsGeneral(ref)) expect(listed, key).toContain(key)
      }
      // Every cell listed as added or changed now shows what the file says; a cleared one shows nothing.
      for (const listedCell of preview.cells) {
        const key = cellKey(listedCell)
        if (listedCell.change === 'cleared') expect(shownAfter.get(key), key).toBe('-')
        if (listedCell.change === 'added' || listedCell.change === 'changed') expect(shownAfter.get(key), key).toBe(`${listedCell.to!.level}:${listedCell.to!.note}`)
        if (listedCell.change === 'kept' && !followsGeneral(listedCell)) expect(shownAfter.get(key), key).toBe(before.get(key))
      }
      expect(report.cellsSet).toBe(preview.counts.cells.added + preview.counts.cells.changed)
      expect(report.cellsCleared).toBe(preview.counts.cells.cleared)
      for (const collection of ['roles', 'pmoTypes', 'domains', 'competencies'] as const) {
        expect(report.added[collection].length).toBe(preview.counts[collection].added)
        expect(report.archived[collection].length).toBe(preview.counts[collection].archived)
        expect(report.restored[collection].length).toBe(preview.counts[collection].restored)
      }
      const again = previewImport(after, second, mode)
      if (mode === 'replace') expect(changes(again)).toEqual({})
      else expect(Object.keys(changes(again)).filter((key) => !key.endsWith('.kept'))).toEqual([])
    }), { numRuns: 200 })
  })
})

describe('previewImport of an edited export', () => {
  it('shows a level changed in the CSV as that one changed cell', () => {
    const doc = imported()
    setNote(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' }, 'Bottom-up')
    const lines = matrixToCsv(doc).split('\r\n')
    const at = lines.findIndex((line) => line.startsWith('Planning and scheduling,Estimating,PMO Analyst,'))
    expect(at).toBeGreaterThan(0)
    lines[at] = 'Planning and scheduling,Estimating,PMO Analyst,,4,,Bottom-up'
    const read = csvToExchange(doc, lines.join('\r\n'))
    if (!read.ok) throw new Error(JSON.stringify(read.problems))
    const preview = previewImport(doc, read.framework, 'replace')
    expect(changes(preview)).toEqual({ 'cells.changed': 1 })
    expect(preview.cells[0]).toMatchObject({ competencyId: 'estimating', roleId: 'pmo-analyst', to: { level: 4, note: 'Bottom-up' } })
  })
})
