// csvToExchange: the studio's CSV read back by name, with every problem named by row and column.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { csvToExchange, parseCsv, withoutFormulaGuard } from './csv-import.ts'
import { gridToExchange, type GridRow } from './grid-import.ts'
import { matrixToCsv } from './csv-export.ts'
import type { ExchangeFramework } from './exchange-format.ts'
import { importFramework, previewImport, toExchange } from './exchange.ts'
import { setLevel, setNote } from './operations.ts'
import { readExpectation } from './read.ts'

const header = 'domain,competency,role,pmo_type,level,level_name,note'

function matrix(): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, structuredClone(starter) as ExchangeFramework, 'replace')
  return doc
}

function read(doc: Y.Doc, csv: string): ExchangeFramework {
  const result = csvToExchange(doc, csv)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.framework
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and either line end', () => {
    expect(parseCsv('a,"b, ""c""\nd",e\r\nf,,\n')).toEqual([['a', 'b, "c"\nd', 'e'], ['f', '', '']])
  })

  it('reads a spreadsheet’s semicolon-separated save', () => {
    expect(parseCsv('domain;competency\r\nA;"B; C"\r\n')).toEqual([['domain', 'competency'], ['A', 'B; C']])
  })

  it('takes off only the guard the export adds before a formula', () => {
    expect(withoutFormulaGuard("'=SUM(A1)")).toBe('=SUM(A1)')
    expect(withoutFormulaGuard("'-1")).toBe('-1')
    expect(withoutFormulaGuard("'quoted'")).toBe("'quoted'")
  })
})

describe('csvToExchange', () => {
  it('reads its own export back to the same framework, byte order mark, formulas and all', () => {
    const doc = matrix()
    setNote(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' }, '=1+1, "quoted"\nsecond line')
    setLevel(doc, { competencyId: 'estimating', roleId: 'head-of-pmo', pmoTypeId: 'project-office' }, 2)
    const file = read(doc, `\uFEFF${matrixToCsv(doc)}`)
    // A CSV holds no descriptors or references: it reads back as v1.
    expect(file).toEqual(toExchange(doc, 'pmo-framework/v1'))
  })

  it('makes new rows and columns from names it does not know, with ids from the names', () => {
    const doc = matrix()
    const csv = `${header}\r\nPlanning and scheduling,Rolling wave planning,PMO Analyst,,2,,\r\nSustainability,Carbon reporting,Data lead,Project office,3,Independent,Early days\r\n`
    const preview = previewImport(doc, read(doc, csv), 'merge')
    expect(preview.entities.filter((e) => e.change === 'added').map((e) => [e.kind, e.id, e.name])).toEqual([
      ['role', 'data-lead', 'Data lead'],
      ['domain', 'sustainability', 'Sustainability'],
      ['competency', 'rolling-wave-planning', 'Rolling wave planning'],
      ['competency', 'carbon-reporting', 'Carbon reporting'],
    ])
    importFramework(doc, read(doc, csv), 'merge')
    expect(readExpectation(doc, { competencyId: 'carbon-reporting', roleId: 'data-lead', pmoTypeId: 'project-office' })).toEqual({ level: 3, note: 'Early days', overridden: true })
  })

  it('matches names whatever their case and spacing, and takes the file’s spelling', () => {
    const doc = matrix()
    const file = read(doc, `${header}\r\nplanning  and scheduling,ESTIMATING,pmo analyst,,1,,\r\n`)
    const preview = previewImport(doc, file, 'replace')
    expect(preview.entities.find((e) => e.id === 'estimating')).toMatchObject({ change: 'changed', fields: [{ field: 'name', from: 'Estimating', to: 'ESTIMATING' }] })
  })

  it('takes an edited level whose level_name still names the old one, and reports any other disagreement', () => {
    const doc = matrix()
    const ref = { competencyId: 'estimating', roleId: 'pmo-analyst' }
    setLevel(doc, ref, 2)
    const row = (level: string, name: string) => `${header}\r\nPlanning and scheduling,Estimating,PMO Analyst,,${level},${name},\r\n`
    const levelOf = (csv: string) => read(doc, csv).domains.flatMap((d) => d.competencies).find((c) => c.id === 'estimating')!.expectations['pmo-analyst']!.level
    expect(levelOf(row('4', 'Supported'))).toBe(4)
    expect(levelOf(row('', 'advanced'))).toBe(4)
    expect(levelOf(row('4', ''))).toBe(4)
    expect(csvToExchange(doc, row('4', 'Aware'))).toEqual({ ok: false, problems: [{ path: '/row 2/level', message: 'is 4 (Advanced) but level_name says "Aware": make them agree, or clear one of them' }] })
    // Only the name changed, or a file imported once already: which one was meant cannot be told.
    expect(csvToExchange(doc, row('2', 'Advanced'))).toMatchObject({ ok: false, problems: [{ path: '/row 2/level' }] })
  })

  it('names every bad row and column: unknown levels, empty names, repeated rows, a wrong header', () => {
    const doc = matrix()
    const csv = `${header}\r\nPlanning and scheduling,Estimating,PMO Analyst,,9,,\r\n,Estimating,PMO Analyst,,,,\r\nPlanning and scheduling,Estimating,PMO Manager,,,Expert,\r\n\r\nPlanning and scheduling,Estimating,PMO Manager,,1,,\r\nPlanning and scheduling,Estimating,PMO Manager,,2,,\r\n`
    const result = csvToExchange(doc, csv)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => p.path)).toEqual(['/row 2/level', '/row 3/domain', '/row 4/level_name', '/row 7'])
    expect(result.problems[0]!.message).toContain('use one of 0 Not required, 1 Aware')
    expect(result.problems[3]!.message).toBe('repeats row 6 (the same competency, role and PMO type): keep one of them')
    expect(csvToExchange(doc, 'domain,competency,role,level,extra\r\n')).toEqual({
      ok: false,
      problems: [
        { path: '/row 1/pmo_type', message: 'is missing: the first row names the columns' },
        { path: '/row 1/level_name', message: 'is missing: the first row names the columns' },
        { path: '/row 1/note', message: 'is missing: the first row names the columns' },
        { path: '/row 1/extra', message: "is not a column of the studio's CSV: remove it" },
      ],
    })
    expect(csvToExchange(doc, '')).toMatchObject({ ok: false, problems: [{ path: '/row 1' }] })
  })

  it('clears, on replace, a cell whose row was emptied, and archives a competency whose rows were removed', () => {
    const doc = matrix()
    const lines = matrixToCsv(doc).split('\r\n')
    const kept = lines.filter((line) => !line.startsWith('Planning and scheduling,Estimating,'))
    const preview = previewImport(doc, read(doc, kept.join('\r\n')), 'replace')
    expect(preview.entities.filter((e) => e.change !== 'unchanged').map((e) => [e.id, e.change])).toEqual([['estimating', 'archived']])
    const at = lines.findIndex((line) => /^Governance and assurance,[^,]+,PMO Analyst,,\d/.test(line))
    lines[at] = lines[at]!.replace(/,,\d,[^,]*,/, ',,,,')
    const emptied = previewImport(doc, read(doc, lines.join('\r\n')), 'replace')
    expect(emptied.cells).toEqual([expect.objectContaining({ roleId: 'pmo-analyst', change: 'cleared', to: null })])
  })

  it('reads a PMO type’s unmarked cell as an override only where it differs from what the matrix shows', () => {
    const doc = matrix()
    const general = { competencyId: 'estimating', roleId: 'pmo-analyst' }
    setLevel(doc, general, 2)
    const row = (pmoType: string, levelName: string, onlyIfEdited: boolean): GridRow => ({
      at: '/Sheet/row 3', domain: 'Planning and scheduling', competency: 'Estimating', role: 'PMO Analyst', pmoType, level: '', levelName, note: '', onlyIfEdited,
    })
    const rows = [{ ...row('', 'Advanced', false), at: '/Framework/row 3' }, row('Project office', 'Supported', true), row('Programme office', 'Leading', true)]
    const result = gridToExchange(doc, rows)
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const preview = previewImport(doc, result.framework, 'merge')
    // The general level changed on its own sheet; Project office still shows the old one, unmarked, so it follows; Programme office was edited.
    expect(preview.cells.map((c) => [c.pmoTypeId, c.change, c.to?.level])).toEqual([[null, 'kept', 4], ['programme-office', 'added', 5]])
  })
})
