/**
 * Importing every format the studio exports, over real HTTP on each store: JSON, the CSV and
 * the Excel workbook each preview as all unchanged when imported straight back; a level
 * changed in a CSV previews as that one changed cell, and a merge lists it as kept; the
 * preview changes nothing; an import of a CSV or workbook applies what its preview listed;
 * a bad file is a 400 naming each place to fix; only organisers may preview.
 */
import { ErrorCode, frameworkImportPreviewPath, type ErrorBody, type ImportPreview, type ImportReport } from '@studio/contract'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const types = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** The changes a preview lists, apart from what stays unchanged. */
function changes(preview: ImportPreview): Record<string, number> {
  const found: Record<string, number> = {}
  for (const [kind, counts] of Object.entries(preview.counts)) {
    for (const [change, count] of Object.entries(counts)) if (change !== 'unchanged' && count > 0) found[`${kind}.${change}`] = count
  }
  for (const meta of preview.meta) if (meta.change !== 'unchanged') found[`meta.${meta.field}`] = 1
  return found
}

describe.each(storeKinds)('importing JSON, CSV and Excel on %s', (kind) => {
  let store: StoreTarget
  let baseUrl: string
  let organiser: string
  let contributor: string

  async function setup() {
    store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [olga, carl] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
    ])) as [TestMember, TestMember]
    const running = await startStudio(store)
    cleanups.push(() => running.close())
    baseUrl = running.url
    organiser = await signIn(baseUrl, olga.email)
    contributor = await signIn(baseUrl, carl.email)
  }

  const send = (path: string, cookie: string, body: string | Uint8Array<ArrayBuffer>, contentType: string) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { cookie, origin: new URL(baseUrl).origin, 'content-type': contentType }, body })

  async function exported(format: keyof typeof types): Promise<Uint8Array<ArrayBuffer>> {
    const response = await fetch(`${baseUrl}/api/export/framework.${format}`, { headers: { cookie: organiser } })
    expect(response.status).toBe(200)
    return new Uint8Array(await response.arrayBuffer())
  }

  async function previewOf(body: string | Uint8Array<ArrayBuffer>, contentType: string, mode = 'replace'): Promise<ImportPreview> {
    const response = await send(`${frameworkImportPreviewPath}?mode=${mode}`, organiser, body, contentType)
    expect(response.status, await response.clone().text()).toBe(200)
    return ((await response.json()) as { preview: ImportPreview }).preview
  }

  async function imported(body: string | Uint8Array<ArrayBuffer>, contentType: string, mode = 'replace'): Promise<ImportReport> {
    const response = await send(`/api/import/framework?mode=${mode}`, organiser, body, contentType)
    expect(response.status, await response.clone().text()).toBe(200)
    return ((await response.json()) as { report: ImportReport }).report
  }

  it('previews each export imported straight back as all unchanged, in both modes, whatever content type it is sent with', async () => {
    await setup()
    for (const format of ['json', 'csv', 'xlsx'] as const) {
      const file = await exported(format)
      for (const mode of ['replace', 'merge']) {
        expect(changes(await previewOf(file, types[format], mode)), `${format}, ${mode}`).toEqual({})
        // Recognised by its content when the browser sends no useful type.
        expect(changes(await previewOf(file, 'application/octet-stream', mode)), `${format} as octet-stream`).toEqual({})
      }
      const report = await imported(file, types[format])
      expect(report.cellsSet + report.cellsCleared, format).toBe(0)
    }
  })

  it('previews a level changed in the CSV as that one changed cell without changing anything, then imports it', async () => {
    await setup()
    const csv = new TextDecoder().decode(await exported('csv'))
    const lines = csv.split('\r\n')
    const at = lines.findIndex((line) => /^[^",]+,[^",]+,[^",]+,,\d,/.test(line))
    const fields = lines[at]!.split(',')
    const [, competency, role, , level] = fields
    const to = level === '4' ? 3 : 4
    fields[4] = String(to)
    lines[at] = fields.join(',')
    const edited = lines.join('\r\n')

    const before = new Uint8Array(await exported('json'))
    const preview = await previewOf(edited, types.csv)
    expect(changes(preview)).toEqual({ 'cells.changed': 1 })
    expect(preview.cells[0]).toMatchObject({ competency, role, change: 'changed', from: { level: Number(level) }, to: { level: to } })
    expect(await exported('json')).toEqual(before)

    const merge = await previewOf(edited, types.csv, 'merge')
    expect(changes(merge)).toEqual({ 'cells.kept': 1 })
    expect(merge.cells[0]).toMatchObject({ change: 'kept', from: { level: Number(level) }, to: { level: to } })
    expect((await imported(edited, types.csv, 'merge')).cellsSet).toBe(0)

    expect(await imported(edited, types.csv)).toMatchObject({ cellsSet: 1, cellsCleared: 0 })
    expect(changes(await previewOf(await exported('csv'), types.csv))).toEqual({})
    // The same edited file again: its level_name still says the old level, which the matrix no longer has.
    const again = await send(`${frameworkImportPreviewPath}?mode=replace`, organiser, edited, types.csv)
    expect(again.status).toBe(400)
    expect(((await again.json()) as ErrorBody).error.field).toBe(`/row ${at + 1}/level`)
  })

  it('reads a level changed in the Excel workbook, and an override typed on a PMO type’s sheet', async () => {
    await setup()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await exported('xlsx')).buffer)
    const sheet = workbook.getWorksheet('Framework')!
    const roleName = sheet.getRow(1).getCell(2).text
    const row = sheet.getRow(3)
    const competencyName = row.getCell(1).text
    const was = row.getCell(2).text
    const levelNames = workbook.getWorksheet('Levels')!.getColumn(2).values.slice(2).filter((name): name is string => typeof name === 'string')
    const next = levelNames.find((name) => name !== was)!
    row.getCell(2).value = next
    const override = workbook.worksheets.find((candidate) => !['Framework', 'Levels'].includes(candidate.name))!
    const alsoChanged = levelNames.find((name) => name !== was && name !== next)!
    override.getRow(3).getCell(2).value = alsoChanged
    const file = new Uint8Array(await workbook.xlsx.writeBuffer())

    const preview = await previewOf(file, types.xlsx)
    expect(changes(preview)).toEqual({ 'cells.changed': 1, 'cells.added': 1 })
    expect(preview.cells).toEqual(expect.arrayContaining([
      expect.objectContaining({ competency: competencyName, role: roleName, pmoTypeId: null, change: 'changed', to: expect.objectContaining({ levelName: next }) }),
      expect.objectContaining({ competency: competencyName, role: roleName, change: 'added', to: expect.objectContaining({ levelName: alsoChanged }) }),
    ]))
    expect(await imported(file, types.xlsx)).toMatchObject({ cellsSet: 2 })
  })

  it('refuses a bad file with 400 naming each place to fix, and lets only organisers preview', async () => {
    await setup()
    const csv = 'domain,competency,role,pmo_type,level,level_name,note\r\nGovernance and assurance,Governance support,PMO Analyst,,9,,\r\n,Nameless,PMO Analyst,,,,\r\n'
    for (const path of [`${frameworkImportPreviewPath}?mode=replace`, '/api/import/framework?mode=replace']) {
      const response = await send(path, organiser, csv, types.csv)
      expect(response.status, path).toBe(400)
      const body = (await response.json()) as ErrorBody
      expect(body.error).toMatchObject({ code: ErrorCode.invalid, field: '/row 2/level' })
      expect(body.error.message).toMatch(/nothing was imported/)
      expect(body.errors.map((error) => error.field)).toEqual(['/row 2/level', '/row 3/domain'])
    }
    const notAWorkbook = await send(`${frameworkImportPreviewPath}?mode=merge`, organiser, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), types.xlsx)
    expect(notAWorkbook.status).toBe(400)
    expect(((await notAWorkbook.json()) as ErrorBody).error.message).toMatch(/Excel workbook/)
    expect((await send(`${frameworkImportPreviewPath}?mode=merge`, contributor, csv, types.csv)).status).toBe(403)
    expect((await send(`${frameworkImportPreviewPath}`, organiser, csv, types.csv)).status).toBe(400)
  })
})
