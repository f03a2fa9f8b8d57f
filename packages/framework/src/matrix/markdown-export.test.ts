// matrixToMarkdown: a readable document whose typed text survives Markdown unchanged. The
// studio's own Markdown parser (the one seeding uses) reads the export back to check that.
import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { markdownToJSON } from '../text/markdown.ts'
import type { ExchangeFramework } from './exchange-format.ts'
import { importFramework } from './exchange.ts'
import { cell, heading, matrixToMarkdown, paragraph } from './markdown-export.ts'
import { archiveEntity, renameEntity, setLevel, setMeta, setNote } from './operations.ts'

const small: ExchangeFramework = {
  format: 'pmo-framework/v1',
  title: 'Markdown test',
  status: 'working draft',
  licence: 'CC BY-SA 4.0',
  levels: [{ rank: 1, name: 'Aware', description: 'Knows why' }, { rank: 2, name: 'Does it' }],
  roles: [{ id: 'analyst', name: 'Analyst', description: 'Reports' }, { id: 'manager', name: 'Manager' }, { id: 'retired', name: 'Retired role', archived: true }],
  pmoTypes: [{ id: 'project-office', name: 'Project office' }, { id: 'portfolio-office', name: 'Portfolio office' }],
  domains: [
    {
      id: 'planning',
      name: 'Planning',
      description: 'Plans and schedules.',
      competencies: [
        {
          id: 'scheduling',
          name: 'Scheduling',
          description: 'Builds the plan.',
          expectations: { analyst: { level: 2, note: 'With a tool' }, manager: { level: null } },
          overrides: { 'project-office': { manager: { level: 1, note: 'Bigger plans' } } },
        },
        { id: 'estimating', name: 'Estimating', expectations: { manager: { level: 1 } } },
        { id: 'old-practice', name: 'Old practice', archived: true, expectations: {} },
      ],
    },
    { id: 'people', name: 'People', competencies: [] },
    { id: 'retired-domain', name: 'Retired domain', archived: true, competencies: [{ id: 'hidden', name: 'Hidden', expectations: {} }] },
  ],
}

function matrix(file: ExchangeFramework = small): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, file, 'replace')
  return doc
}

const textOf = (node: JSONContent): string =>
  node.type === 'hardBreak' ? '\n' : node.text ?? (node.content ?? []).map(textOf).join('')

/** Headings, paragraphs and tables (as rows of cell texts) of the export, as a Markdown reader sees them. */
function blocksOf(markdown: string): Array<Record<string, unknown>> {
  return (markdownToJSON(markdown).content ?? []).map((node) => {
    if (node.type === 'table') return { table: (node.content ?? []).map((row) => (row.content ?? []).map(textOf)) }
    if (node.type === 'heading') return { [`h${String(node.attrs?.level)}`]: textOf(node) }
    if (node.type === 'bulletList') return { list: (node.content ?? []).map(textOf) }
    return { [node.type ?? 'node']: textOf(node) }
  })
}

describe('matrixToMarkdown', () => {
  it('lays out title, facts, levels, roles, PMO types, then each live domain with its table, notes and overrides', () => {
    expect(blocksOf(matrixToMarkdown(matrix()))).toEqual([
      { h1: 'Markdown test' },
      { paragraph: 'Status: working draft\nLicence: CC BY-SA 4.0' },
      { h2: 'Levels' },
      { table: [['Level', 'Name', 'Descriptor'], ['1', 'Aware', 'Knows why'], ['2', 'Does it', '']] },
      { h2: 'Roles' },
      { list: ['Analyst: Reports', 'Manager'] },
      { h2: 'PMO types' },
      { list: ['Project office', 'Portfolio office'] },
      { h2: 'Planning' },
      { paragraph: 'Plans and schedules.' },
      { list: ['Scheduling: Builds the plan.', 'Estimating'] },
      { table: [['Competency', 'Analyst', 'Manager'], ['Scheduling', 'Does it', '—'], ['Estimating', '—', 'Aware']] },
      { paragraph: 'Notes:' },
      { list: ['Scheduling, Analyst: With a tool'] },
      { h3: 'Planning: Project office' },
      { paragraph: 'For Project office, only the cells that differ from the table above are filled in.' },
      { table: [['Competency', 'Analyst', 'Manager'], ['Scheduling', '', 'Aware']] },
      { paragraph: 'Notes:' },
      { list: ['Scheduling, Manager: Bigger plans'] },
      { h2: 'People' },
      { paragraph: 'No competencies yet.' },
    ])
  })

  it('leaves out what is archived, and a PMO type whose overrides are all archived', () => {
    const doc = matrix()
    archiveEntity(doc, 'role', 'manager')
    const markdown = matrixToMarkdown(doc)
    for (const hidden of ['Old practice', 'Retired domain', 'Hidden', 'Retired role', 'Manager', 'Bigger plans']) expect(markdown).not.toContain(hidden)
  })

  it('shows an override with only a note at the general level, with its note', () => {
    const doc = matrix()
    setNote(doc, { competencyId: 'scheduling', roleId: 'analyst', pmoTypeId: 'portfolio-office' }, 'Across projects')
    const blocks = blocksOf(matrixToMarkdown(doc))
    const at = blocks.findIndex((block) => block.h3 === 'Planning: Portfolio office')
    expect(blocks.slice(at + 2, at + 5)).toEqual([
      { table: [['Competency', 'Analyst', 'Manager'], ['Scheduling', 'Does it', '']] },
      { paragraph: 'Notes:' },
      { list: ['Scheduling, Analyst: Across projects'] },
    ])
  })

  it('keeps pipes, line breaks and Markdown punctuation in names and notes as typed', () => {
    const doc = matrix()
    const name = 'Risks | issues *and* _change_ `log` [x](y) <b>bold</b> ~~z~~ \\ &amp; #1'
    renameEntity(doc, 'competency', 'scheduling', name)
    renameEntity(doc, 'role', 'analyst', 'A|B')
    renameEntity(doc, 'domain', 'planning', '# Planning #')
    setNote(doc, { competencyId: 'scheduling', roleId: 'analyst' }, '- not a list\n1. not numbered\n> not a quote\n===')
    setLevel(doc, { competencyId: 'estimating', roleId: 'analyst' }, 1)
    const blocks = blocksOf(matrixToMarkdown(doc))
    expect(blocks).toContainEqual({ h2: '# Planning #' })
    expect(blocks).toContainEqual({ list: [`${name}: Builds the plan.`, 'Estimating'] })
    expect(blocks).toContainEqual({ table: [['Competency', 'A|B', 'Manager'], [name, 'Does it', '—'], ['Estimating', 'Aware', 'Aware']] })
    expect(blocks).toContainEqual({ list: [`${name}, A|B: - not a list\n1. not numbered\n> not a quote\n===`] })
  })

  it('escapes a pipe in a table cell and turns a line break into <br>', () => {
    expect(cell('a | b\nc\r\nd')).toBe('a \\| b<br>c<br>d')
    const markdown = `| A | B |\n| --- | --- |\n| ${cell('x | y')} | ${cell('two\nlines')} |\n`
    expect(blocksOf(markdown)).toEqual([{ table: [['A', 'B'], ['x | y', 'two<br>lines']] }])
  })

  it('keeps text that looks like Markdown blocks inside its paragraph or heading', () => {
    expect(paragraph('## not a heading\n    not code\n---\n+ not a list\n2) not numbered')).toBe('\\## not a heading\\\nnot code\\\n\\---\\\n\\+ not a list\\\n2\\) not numbered')
    expect(heading('Notes ##')).toBe('Notes \\##')
    expect(heading('Two\nlines')).toBe('Two lines')
    expect(blocksOf(`# ${heading('C# and F# #')}`)).toEqual([{ h1: 'C# and F# #' }])
  })

  it('leaves out facts that are not set, and names an empty title and names', () => {
    const doc = matrix({ ...small, status: undefined, licence: undefined })
    setMeta(doc, 'title', '')
    renameEntity(doc, 'domain', 'people', '')
    const blocks = blocksOf(matrixToMarkdown(doc))
    expect(blocks.slice(0, 2)).toEqual([{ h1: 'PMO Competency Framework' }, { h2: 'Levels' }])
    expect(blocks).toContainEqual({ h2: 'people' })
  })

  it('has a heading for every domain of the starter framework and a row for every competency', () => {
    const markdown = matrixToMarkdown(matrix(structuredClone(starter) as ExchangeFramework))
    const blocks = blocksOf(markdown)
    for (const domain of starter.domains) {
      expect(blocks).toContainEqual({ h2: domain.name })
      const at = blocks.findIndex((block) => block.h2 === domain.name)
      const table = blocks.slice(at).find((block) => block.table)!.table as string[][]
      expect(table.slice(1).map((row) => row[0])).toEqual(domain.competencies.map((competency) => competency.name))
    }
  })
})
