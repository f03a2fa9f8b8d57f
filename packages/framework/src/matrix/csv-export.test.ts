// matrixToCsv: the contract's columns, a row per competency and role plus one per override,
// archived rows left out, formulas neutralised and RFC 4180 quoting.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { parseCsv } from './csv-import.ts'
import { csvField, matrixToCsv } from './csv-export.ts'
import type { ExchangeFramework } from './exchange-format.ts'
import { importFramework } from './exchange.ts'
import { archiveEntity, renameEntity, setLevel, setNote } from './operations.ts'

const header = 'domain,competency,role,pmo_type,level,level_name,note'

const small: ExchangeFramework = {
  format: 'pmo-framework/v1',
  title: 'CSV test',
  levels: [{ rank: 0, name: 'None' }, { rank: 1, name: 'Aware' }, { rank: 2, name: 'Does it' }],
  roles: [{ id: 'analyst', name: 'Analyst' }, { id: 'manager', name: 'Manager' }, { id: 'retired', name: 'Retired role', archived: true }],
  pmoTypes: [{ id: 'project-office', name: 'Project office' }, { id: 'old-office', name: 'Old office', archived: true }],
  domains: [
    {
      id: 'planning',
      name: 'Planning',
      competencies: [
        {
          id: 'scheduling',
          name: 'Scheduling',
          expectations: { analyst: { level: 2, note: 'With a tool' }, manager: { level: null }, retired: { level: 1 } },
          overrides: { 'project-office': { manager: { level: 1, note: 'Bigger plans' } }, 'old-office': { analyst: { level: 0 } } },
        },
        { id: 'old-practice', name: 'Old practice', archived: true, expectations: { analyst: { level: 1 } } },
      ],
    },
    { id: 'retired-domain', name: 'Retired domain', archived: true, competencies: [{ id: 'hidden', name: 'Hidden', expectations: {} }] },
  ],
}

function matrix(file: ExchangeFramework = small): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, file, 'replace')
  return doc
}

describe('matrixToCsv', () => {
  it('writes the header, a row per live competency and role, then a row per override, with CRLF line ends', () => {
    expect(matrixToCsv(matrix())).toBe([
      header,
      'Planning,Scheduling,Analyst,,2,Does it,With a tool',
      'Planning,Scheduling,Manager,,,,',
      'Planning,Scheduling,Manager,Project office,1,Aware,Bigger plans',
      '',
    ].join('\r\n'))
  })

  it('writes only the header for an empty matrix', () => {
    expect(matrixToCsv(new Y.Doc())).toBe(`${header}\r\n`)
  })

  it('gives an override with only a note the general level it shows', () => {
    const doc = matrix()
    setNote(doc, { competencyId: 'scheduling', roleId: 'analyst', pmoTypeId: 'project-office' }, 'Same level')
    expect(parseCsv(matrixToCsv(doc))).toContainEqual(['Planning', 'Scheduling', 'Analyst', 'Project office', '2', 'Does it', 'Same level'])
  })

  it('has one row per competency and role of the starter framework, and none for what is archived later', () => {
    const doc = matrix(structuredClone(starter) as ExchangeFramework)
    const competencies = starter.domains.flatMap((domain) => domain.competencies)
    let rows = parseCsv(matrixToCsv(doc)).slice(1)
    expect(rows).toHaveLength(competencies.length * starter.roles.length)
    expect(rows.every((row) => row.length === 7)).toBe(true)

    archiveEntity(doc, 'role', 'head-of-pmo')
    archiveEntity(doc, 'domain', 'financial-control')
    archiveEntity(doc, 'competency', 'facilitation')
    setLevel(doc, { competencyId: 'estimating', roleId: 'pmo-analyst', pmoTypeId: 'centre-of-excellence' }, 4)
    setLevel(doc, { competencyId: 'estimating', roleId: 'head-of-pmo', pmoTypeId: 'project-office' }, 4)
    rows = parseCsv(matrixToCsv(doc)).slice(1)
    const live = competencies.length - starter.domains.find((d) => d.id === 'financial-control')!.competencies.length - 1
    expect(rows).toHaveLength(live * (starter.roles.length - 1) + 1)
    expect(rows.some((row) => row[0] === 'Financial control' || row[1] === 'Facilitation' || row[2] === 'Head of PMO')).toBe(false)
    expect(rows.filter((row) => row[3] !== '')).toEqual([['Planning and scheduling', 'Estimating', 'PMO Analyst', 'Centre of excellence', '4', 'Advanced', '']])
  })

  it.each(['=', '+', '-', '@', '\t', '\r'])('neutralises a cell starting with %j in every text column', (prefix) => {
    const doc = matrix()
    const dangerous = `${prefix}SUM(A1:A9)`
    renameEntity(doc, 'domain', 'planning', dangerous)
    renameEntity(doc, 'competency', 'scheduling', dangerous)
    renameEntity(doc, 'role', 'manager', dangerous)
    renameEntity(doc, 'pmoType', 'project-office', dangerous)
    setNote(doc, { competencyId: 'scheduling', roleId: 'manager', pmoTypeId: 'project-office' }, dangerous)
    const overrideRow = parseCsv(matrixToCsv(doc)).at(-1)!
    const neutralised = `'${dangerous}`
    expect(overrideRow).toEqual([neutralised, neutralised, neutralised, neutralised, '1', 'Aware', neutralised])
  })

  it('leaves a formula character alone when it is not at the start of the cell', () => {
    expect(csvField('Plan = do')).toBe('Plan = do')
    expect(csvField('e-mail @ work')).toBe('e-mail @ work')
    expect(csvField(' =1')).toBe(' =1')
  })

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('Risks, issues and change')).toBe('"Risks, issues and change"')
    expect(csvField('The "RAID" log')).toBe('"The ""RAID"" log"')
    expect(csvField('Line one\nLine two')).toBe('"Line one\nLine two"')
    expect(csvField('Line one\r\nLine two')).toBe('"Line one\r\nLine two"')
    expect(csvField('=1+1, "two"')).toBe('"\'=1+1, ""two"""')
    expect(csvField('\r')).toBe('"\'\r"')
    expect(csvField('plain')).toBe('plain')
    expect(csvField('')).toBe('')
  })

  it('reads back, field for field, with commas, quotes, line breaks and emoji in names and notes', () => {
    const doc = matrix()
    const name = 'Risks, "issues" and\nchange 😀'
    const note = 'First line,\r\nsecond "quoted" line'
    renameEntity(doc, 'competency', 'scheduling', name)
    setNote(doc, { competencyId: 'scheduling', roleId: 'analyst' }, note)
    expect(parseCsv(matrixToCsv(doc))[1]).toEqual(['Planning', name, 'Analyst', '', '2', 'Does it', note])
  })
})
