/** The studio's Excel workbook read back: its own export imports as all unchanged, and edits read as people make them. */
import { addEntity, archiveEntity, describeEntity, gridToExchange, importFramework, previewImport, setLevel, setNote, type ExchangeFramework } from '@studio/framework'
import starter from '@studio/framework/seed/starter-framework.json' with { type: 'json' }
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readWorkbookData, writeWorkbook } from './xlsx-export.ts'
import { readWorkbookGrid, WorkbookProblem } from './xlsx-import.ts'

function matrix(): Y.Doc {
  const doc = new Y.Doc()
  importFramework(doc, structuredClone(starter) as ExchangeFramework, 'replace')
  return doc
}

async function previewOfWorkbook(doc: Y.Doc, file: Buffer) {
  const grid = await readWorkbookGrid(file)
  const read = gridToExchange(doc, grid.rows, grid.extras)
  if (!read.ok) throw new Error(JSON.stringify(read.problems))
  return previewImport(doc, read.framework, 'replace')
}

const changed = (preview: Awaited<ReturnType<typeof previewOfWorkbook>>) =>
  Object.entries(preview.counts).flatMap(([kind, counts]) => Object.entries(counts).filter(([change, count]) => change !== 'unchanged' && count > 0).map(([change, count]) => `${kind}.${change}: ${count}`))

describe('reading the studio’s Excel workbook', () => {
  it('reads its own export back as all unchanged: notes, descriptions, overrides, archived rows and an empty domain', async () => {
    const doc = matrix()
    setNote(doc, { competencyId: 'estimating', roleId: 'pmo-analyst' }, 'Bottom-up, then "top-down"')
    setLevel(doc, { competencyId: 'estimating', roleId: 'head-of-pmo', pmoTypeId: 'project-office' }, 2)
    setNote(doc, { competencyId: 'estimating', roleId: 'pmo-manager', pmoTypeId: 'programme-office' }, 'Only a note')
    describeEntity(doc, 'competency', 'estimating', 'Sizing work')
    archiveEntity(doc, 'role', 'pmo-administrator')
    addEntity(doc, 'domain', { name: 'Empty for now' })
    const preview = await previewOfWorkbook(doc, await writeWorkbook(readWorkbookData(doc)))
    expect(changed(preview)).toEqual([])
    expect(preview.meta.filter((meta) => meta.change !== 'unchanged')).toEqual([])
  })

  it('reads a level changed on the Framework sheet, leaving the PMO types’ sheets to follow it', async () => {
    const doc = matrix()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await writeWorkbook(readWorkbookData(doc))) as unknown as ArrayBuffer)
    const row = workbook.getWorksheet('Framework')!.getRow(3)
    const was = row.getCell(2).text
    row.getCell(2).value = was === 'Leading' ? 'Aware' : 'Leading'
    const preview = await previewOfWorkbook(doc, Buffer.from(await workbook.xlsx.writeBuffer()))
    expect(changed(preview)).toEqual(['cells.changed: 1'])
    expect(preview.cells[0]).toMatchObject({ competency: row.getCell(1).text, pmoTypeId: null, from: { levelName: was } })
  })

  it('says what is wrong with a file that is not the studio’s workbook', async () => {
    await expect(readWorkbookGrid(Buffer.from('PK\u0003\u0004 not really'))).rejects.toBeInstanceOf(WorkbookProblem)
    const other = new ExcelJS.Workbook()
    other.addWorksheet('Sheet1').addRow(['a', 'b'])
    await expect(readWorkbookGrid(Buffer.from(await other.xlsx.writeBuffer()))).rejects.toMatchObject({ path: '/Framework', message: expect.stringContaining('no sheet named "Framework"') })
  })
})
