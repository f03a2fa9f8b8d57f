/**
 * The competency framework's import and export over real HTTP: a fresh studio serves the
 * seeded starter framework; organisers import files in replace or merge mode, logged and
 * shown live; an invalid file is refused whole with every invalid path; every approved
 * member downloads JSON, CSV, Markdown and Excel; the JSON Schema is public.
 */
import { DocumentName, ErrorCode, frameworkImportMaxBytes, type AuditEntry, type ErrorBody, type ImportReport } from '@studio/contract'
import { frameworkSchema, readMatrix, validateExchange, type ExchangeFramework } from '@studio/framework'
import { openStore } from '@studio/server/store/database'
import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { freePort, repositoryRoot, spawnStudio, startStudio, waitFor, type StudioProcess } from '../support/studio.ts'
import { expectDownload } from '../support/downloads.ts'

const starterPath = path.join(repositoryRoot, 'packages/framework/seed/starter-framework.json')
const readStarter = async () => JSON.parse(await readFile(starterPath, 'utf8')) as ExchangeFramework
const formats = ['json', 'csv', 'md', 'xlsx'] as const

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function importTo(baseUrl: string, cookie: string | undefined, query: string, body: string | Uint8Array<ArrayBuffer>, contentType = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { origin: new URL(baseUrl).origin, 'content-type': contentType }
  if (cookie) headers.cookie = cookie
  return fetch(`${baseUrl}/api/import/framework${query}`, { method: 'POST', headers, body })
}

function exportOf(baseUrl: string, cookie: string | undefined, format: (typeof formats)[number]): Promise<Response> {
  return fetch(`${baseUrl}/api/export/framework.${format}`, { headers: cookie ? { cookie } : {} })
}

async function exportedJson(baseUrl: string, cookie: string): Promise<ExchangeFramework> {
  const response = await exportOf(baseUrl, cookie, 'json')
  expect(response.status).toBe(200)
  return (await response.json()) as ExchangeFramework
}

async function reportOf(response: Response): Promise<ImportReport> {
  expect(response.status, await response.clone().text()).toBe(200)
  return ((await response.json()) as { report: ImportReport }).report
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  const endRow = () => {
    endField()
    rows.push(row)
    row = []
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') field += text[++i]
      else quoted = false
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      endField()
    } else if (c === '\n') {
      endRow()
    } else if (c !== '\r') {
      field += c
    }
  }
  if (field !== '' || row.length > 0) endRow()
  return rows
}

/** The starter framework plus an override, a new domain whose competency looks like a formula, and an archived competency. */
function extendedFramework(starter: ExchangeFramework): ExchangeFramework {
  const file = structuredClone(starter)
  const first = file.domains[0]!.competencies[0]!
  first.overrides = { 'portfolio-office': { 'pmo-administrator': { level: 5, note: 'Portfolio offices lean on this' } } }
  file.domains.push({
    id: 'ethics', name: 'Ethics and conduct', description: '',
    competencies: [
      {
        id: 'formula-trap', name: '=HYPERLINK("http://evil.example","click")', description: '',
        expectations: { 'pmo-analyst': { level: 2, note: '' } }, overrides: {},
      },
      {
        id: 'retired-practice', name: 'Retired practice', description: '', archived: true,
        expectations: { 'pmo-analyst': { level: 1, note: '' } }, overrides: {},
      },
    ],
  })
  return file
}

describe.each(storeKinds)('framework import and export on %s', (kind) => {
  let store: StoreTarget
  let baseUrl: string
  let olga: TestMember, carl: TestMember, otto: TestMember, pat: TestMember
  let organiser: string
  let contributor: string

  /** A studio with an organiser, a contributor, an observer and a pending applicant. */
  async function setup() {
    store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    ;[olga, carl, otto, pat] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Otto Observer', role: 'observer' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])) as [TestMember, TestMember, TestMember, TestMember]
    const running = await startStudio(store)
    cleanups.push(() => running.close())
    baseUrl = running.url
    organiser = await signIn(baseUrl, olga.email)
    contributor = await signIn(baseUrl, carl.email)
  }

  it('serves the seeded starter framework as JSON equal to the starter file and valid against the schema', async () => {
    await setup()
    const response = await exportOf(baseUrl, contributor, 'json')
    expectDownload(response, { type: 'application/json; charset=utf-8', fileName: 'pmo-competency-framework.json' })
    const exported = await response.json()
    expect(exported).toEqual(await readStarter())
    expect(validateExchange(exported)).toMatchObject({ ok: true })
  })

  it('serves every export to approved members only: 401 without a session, 403 for a pending applicant', async () => {
    await setup()
    const observer = await signIn(baseUrl, otto.email)
    const pending = await signIn(baseUrl, pat.email)
    for (const format of formats) {
      expect((await exportOf(baseUrl, undefined, format)).status, format).toBe(401)
      expect((await exportOf(baseUrl, pending, format)).status, format).toBe(403)
      const response = await exportOf(baseUrl, observer, format)
      expect(response.status, format).toBe(200)
      expect(response.headers.get('content-disposition'), format).toBe(`attachment; filename="pmo-competency-framework.${format}"`)
    }
  })

  it('publishes the pmo-framework/v1 JSON Schema to anyone, as application/schema+json', async () => {
    await setup()
    const response = await fetch(`${baseUrl}/api/schema/pmo-framework-v1.json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/schema\+json/)
    expect(await response.json()).toEqual(frameworkSchema)
  })

  it('lets only organisers import: 401 without a session, 403 for contributors, observers and pending applicants', async () => {
    await setup()
    const before = await (await exportOf(baseUrl, organiser, 'json')).text()
    const file = JSON.stringify({ ...(await readStarter()), title: 'Taken over' })
    expect((await importTo(baseUrl, undefined, '?mode=replace', file)).status).toBe(401)
    for (const member of [carl, otto, pat]) {
      const response = await importTo(baseUrl, await signIn(baseUrl, member.email), '?mode=replace', file)
      expect(response.status, member.name).toBe(403)
      expect(((await response.json()) as ErrorBody).error.code).toBe(ErrorCode.forbidden)
    }
    expect(await (await exportOf(baseUrl, organiser, 'json')).text()).toBe(before)
  })

  it('replaces the matrix with a file: what the file lacks is archived, and the report and audit log say what changed', async () => {
    await setup()
    const starter = await readStarter()
    const file = structuredClone(starter)
    const [dropped] = file.domains[1]!.competencies.splice(0, 1) as [ExchangeFramework['domains'][number]['competencies'][number]]
    const renamed = file.domains[0]!.competencies[0]!
    renamed.name = 'Governance support, renamed'
    renamed.expectations['pmo-administrator'] = { level: 0, note: 'Not at this grade' }
    file.roles.push({ id: 'pmo-consultant', name: 'PMO Consultant', description: 'Advises on PMO set-up.' })

    const report = await reportOf(await importTo(baseUrl, organiser, '?mode=replace', JSON.stringify(file)))
    expect(report.mode).toBe('replace')
    expect(report.added.roles).toEqual(['PMO Consultant'])
    expect(report.updated.competencies).toEqual(['Governance support, renamed'])
    expect(report.archived.competencies).toEqual([dropped.name])
    expect(report.cellsSet).toBe(1)
    // The dropped competency is archived with its cells kept, so restoring it brings them back.
    expect(report.cellsCleared).toBe(0)

    const exported = await exportedJson(baseUrl, contributor)
    expect(validateExchange(exported)).toMatchObject({ ok: true })
    expect(exported.roles.map((role) => role.id)).toContain('pmo-consultant')
    const governance = exported.domains[0]!.competencies[0]!
    expect(governance.name).toBe('Governance support, renamed')
    expect(governance.expectations['pmo-administrator']).toEqual({ level: 0, note: 'Not at this grade' })
    // Archived, not deleted: kept and flagged in the JSON, so it can be restored.
    const archived = exported.domains[1]!.competencies.find((competency) => competency.id === dropped.id)
    expect(archived?.archived).toBe(true)
    expect(archived?.expectations).toEqual(dropped.expectations)

    const audit = await fetch(`${baseUrl}/api/audit`, { headers: { cookie: organiser } })
    const entry = ((await audit.json()) as { entries: AuditEntry[] }).entries.find((e) => e.action === 'import-framework')
    expect(entry?.actor?.id).toBe(olga.id)
    expect(entry?.detail).toMatch(/^Replace import: added 1 role; updated 1 competency; archived 1 competency; 1 cell set$/)
  })

  it('merges a file: only what is new is added, and what the matrix has is kept', async () => {
    await setup()
    const starter = await readStarter()
    const file = structuredClone(starter)
    file.title = 'Another title'
    file.domains[0]!.competencies[0]!.name = 'Renamed by the file'
    file.domains[0]!.competencies[0]!.overrides = { 'programme-office': { 'pmo-analyst': { level: 4, note: 'Across projects' } } }
    file.domains = [file.domains[0]!, { id: 'sustainability', name: 'Sustainability', competencies: [{ id: 'carbon-reporting', name: 'Carbon reporting', expectations: { 'head-of-pmo': { level: 3 } } }] }]

    const report = await reportOf(await importTo(baseUrl, organiser, '?mode=merge', JSON.stringify(file)))
    expect(report).toMatchObject({ mode: 'merge', cellsSet: 2, cellsCleared: 0, metaChanged: [], levelsChanged: [] })
    expect(report.added).toEqual({ domains: ['Sustainability'], competencies: ['Carbon reporting'], roles: [], pmoTypes: [] })
    for (const list of [report.updated, report.archived, report.restored]) expect(Object.values(list).flat()).toEqual([])

    const exported = await exportedJson(baseUrl, contributor)
    expect(exported.title).toBe(starter.title)
    const governance = exported.domains[0]!.competencies[0]!
    expect(governance.name).toBe(starter.domains[0]!.competencies[0]!.name)
    expect(governance.overrides).toEqual({ 'programme-office': { 'pmo-analyst': { level: 4, note: 'Across projects' } } })
    // Nothing the file lacks is archived in a merge; the new domain comes last.
    expect(exported.domains.map((domain) => domain.id)).toEqual([...starter.domains.map((domain) => domain.id), 'sustainability'])
    expect(exported.domains.flatMap((domain) => domain.competencies).some((competency) => competency.archived)).toBe(false)
  })

  it('refuses an invalid file with 400 listing every invalid path, and changes nothing', async () => {
    await setup()
    const before = await (await exportOf(baseUrl, organiser, 'json')).text()
    const starter = await readStarter()

    const badShape = structuredClone(starter) as unknown as Record<string, unknown> & ExchangeFramework
    // A format the studio does not read is checked as v1, so the v2 parts go first.
    badShape.format = 'pmo-framework/v9' as ExchangeFramework['format']
    for (const competency of badShape.domains.flatMap((domain) => domain.competencies)) {
      delete competency.descriptors
      delete competency.references
    }
    badShape.roles[0]!.id = 'Not An Id'
    badShape.domains[0]!.competencies[0]!.expectations['pmo-analyst'] = { level: 12 }
    badShape.colour = 'blue'
    let response = await importTo(baseUrl, organiser, '?mode=replace', JSON.stringify(badShape))
    expect(response.status).toBe(400)
    let body = (await response.json()) as ErrorBody
    expect(body.error.code).toBe(ErrorCode.invalid)
    expect(body.error.field).toBe(body.errors[0]!.field)
    expect(new Set(body.errors.map((error) => error.field))).toEqual(new Set([
      '/format', '/roles/0/id', '/domains/0/competencies/0/expectations/pmo-analyst/level', '/colour',
    ]))

    // What a schema cannot say: unknown roles, PMO types and levels, repeated ids.
    const badReferences = structuredClone(starter)
    badReferences.domains[0]!.competencies[0]!.expectations['chief-pmo-wizard'] = { level: 1 }
    badReferences.domains[0]!.competencies[1]!.overrides = { 'no-such-office': { 'pmo-analyst': { level: 2 } } }
    badReferences.domains[1]!.competencies[0]!.expectations['pmo-analyst'] = { level: 7 }
    badReferences.domains[2]!.id = badReferences.domains[0]!.id
    response = await importTo(baseUrl, organiser, '?mode=merge', JSON.stringify(badReferences))
    expect(response.status).toBe(400)
    body = (await response.json()) as ErrorBody
    expect(new Set(body.errors.map((error) => error.field))).toEqual(new Set([
      '/domains/0/competencies/0/expectations/chief-pmo-wizard',
      '/domains/0/competencies/1/overrides/no-such-office',
      '/domains/1/competencies/0/expectations/pmo-analyst/level',
      '/domains/2/id',
    ]))

    expect(await (await exportOf(baseUrl, organiser, 'json')).text()).toBe(before)
    const audit = await fetch(`${baseUrl}/api/audit`, { headers: { cookie: organiser } })
    expect(((await audit.json()) as { entries: AuditEntry[] }).entries.some((e) => e.action === 'import-framework')).toBe(false)
  })

  it('answers 400 for a missing or unknown mode, a body that is not JSON, an empty body and a file over the limit', async () => {
    await setup()
    const before = await (await exportOf(baseUrl, organiser, 'json')).text()
    const file = JSON.stringify({ ...(await readStarter()), title: 'Should not land' })
    const cases: Array<[string, Promise<Response>, string, string]> = [
      ['no mode', importTo(baseUrl, organiser, '', file), 'mode', ErrorCode.invalid],
      ['unknown mode', importTo(baseUrl, organiser, '?mode=overwrite', file), 'mode', ErrorCode.invalid],
      ['not JSON', importTo(baseUrl, organiser, '?mode=replace', '{"format": "pmo-framework/v1",'), 'body', ErrorCode.invalid],
      // Read as the studio's CSV, which names seven columns: the first missing one is the field.
      ['a CSV without its columns', importTo(baseUrl, organiser, '?mode=replace', 'domain,competency\n', 'text/csv'), '/row 1/role', ErrorCode.invalid],
      ['not UTF-8', importTo(baseUrl, organiser, '?mode=replace', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 'body', ErrorCode.invalid],
      ['empty', importTo(baseUrl, organiser, '?mode=replace', ''), 'body', ErrorCode.invalid],
      ['too large', importTo(baseUrl, organiser, '?mode=replace', new Uint8Array(frameworkImportMaxBytes + 1).fill(0x20)), 'body', ErrorCode.fileTooLarge],
    ]
    for (const [what, pending, field, code] of cases) {
      const response = await pending
      expect(response.status, what).toBe(400)
      const body = (await response.json()) as ErrorBody
      expect(body.error, what).toMatchObject({ code, field })
      expect(body.errors[0]?.field, what).toBe(field)
    }
    expect(await (await exportOf(baseUrl, organiser, 'json')).text()).toBe(before)
  })

  it('accepts a file saved with a byte order mark, with any content type, up to the size limit', async () => {
    await setup()
    const file = { ...(await readStarter()), title: 'Saved by Notepad' }
    const report = await reportOf(await importTo(baseUrl, organiser, '?mode=replace', `\uFEFF${JSON.stringify(file)}`, 'application/octet-stream'))
    expect(report.metaChanged).toEqual(['title'])
    expect((await exportedJson(baseUrl, contributor)).title).toBe('Saved by Notepad')

    // Larger than the studio's 2 MB limit for other requests, within the import's own.
    // Padded to the limit in bytes: the starter's descriptors hold characters wider than one byte.
    const json = JSON.stringify({ ...file, title: 'Padded' })
    const padded = json.padEnd(frameworkImportMaxBytes - (Buffer.byteLength(json) - json.length), ' ')
    expect(Buffer.byteLength(padded)).toBe(frameworkImportMaxBytes)
    expect((await reportOf(await importTo(baseUrl, organiser, '?mode=merge', padded))).metaChanged).toEqual([])
  })

  it('shows an import to a connected client at once, without the client reconnecting', async () => {
    await setup()
    const client = connectProvider({ baseUrl, cookie: contributor, document: DocumentName.competencyMatrix })
    cleanups.push(() => destroyProvider(client))
    await waitFor(() => client.synced, 10_000, 'the client to sync')
    let disconnects = 0
    client.configuration.websocketProvider.on('disconnect', () => disconnects++)
    const names = () => readMatrix(client.document).domains.flatMap((domain) => domain.competencies.map((competency) => competency.name))
    expect(names()).toHaveLength(44)

    const file = await readStarter()
    file.domains[3]!.competencies[0]!.name = 'Budget control, as imported'
    await reportOf(await importTo(baseUrl, organiser, '?mode=replace', JSON.stringify(file)))
    await waitFor(() => names().includes('Budget control, as imported'), 5000, 'the client to see the import')
    expect(disconnects).toBe(0)
    expect(client.synced).toBe(true)
  })

  it('exports CSV with the contract columns, a row per competency and role plus one per override, formulas neutralised, archived rows left out', async () => {
    await setup()
    const file = extendedFramework(await readStarter())
    await reportOf(await importTo(baseUrl, organiser, '?mode=replace', JSON.stringify(file)))
    const response = await exportOf(baseUrl, contributor, 'csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(new TextDecoder().decode(bytes)).filter((row) => row.some((cell) => cell !== ''))
    expect(rows[0]).toEqual(['domain', 'competency', 'role', 'pmo_type', 'level', 'level_name', 'note'])
    const data = rows.slice(1)

    const active = file.domains.flatMap((domain) => domain.competencies.filter((competency) => !competency.archived))
    expect(data).toHaveLength(active.length * file.roles.length + 1)
    expect(data.some((row) => row[1] === 'Retired practice')).toBe(false)
    const trap = data.filter((row) => row[0] === 'Ethics and conduct')
    expect(trap).toHaveLength(file.roles.length)
    for (const row of trap) expect(row[1]).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(data.filter((row) => row[3] !== '')).toEqual([[
      file.domains[0]!.name, file.domains[0]!.competencies[0]!.name, 'PMO Administrator', 'Portfolio office', '5', 'Leading', 'Portfolio offices lean on this',
    ]])

    // The JSON keeps the archived competency, flagged.
    const exported = await exportedJson(baseUrl, contributor)
    expect(exported.domains.at(-1)!.competencies.find((competency) => competency.id === 'retired-practice')).toMatchObject({ archived: true })
  })

  it('exports Markdown with a heading for each domain, without archived rows', async () => {
    await setup()
    const file = extendedFramework(await readStarter())
    await reportOf(await importTo(baseUrl, organiser, '?mode=replace', JSON.stringify(file)))
    const response = await exportOf(baseUrl, contributor, 'md')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    const markdown = await response.text()
    const headings = markdown.split('\n').filter((line) => /^#{1,6} /.test(line)).map((line) => line.replace(/^#+ /, '').trim())
    for (const domain of file.domains) expect(headings, domain.name).toContain(domain.name)
    expect(markdown).not.toContain('Retired practice')
  })

  it('exports an Excel workbook laid out like the grid, with a legend and a sheet per PMO type', async () => {
    await setup()
    const starter = await readStarter()
    const file = extendedFramework(starter)
    await reportOf(await importTo(baseUrl, organiser, '?mode=replace', JSON.stringify(file)))
    const response = await exportOf(baseUrl, contributor, 'xlsx')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Framework', ...file.pmoTypes!.map((type) => type.name), 'Levels', 'Descriptors'])

    const levelName = (rank: number | null) => (rank === null ? '' : file.levels.find((level) => level.rank === rank)!.name)
    const grid = workbook.getWorksheet('Framework')!
    expect(grid.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 })
    expect(rowValues(grid.getRow(1))).toEqual(['Competency', ...file.roles.map((role) => role.name)])

    let rowNumber = 2
    for (const domain of file.domains) {
      const domainRow = grid.getRow(rowNumber++)
      expect(domainRow.getCell(1).value).toBe(domain.name)
      expect(domainRow.getCell(1).font?.bold).toBe(true)
      expect(domainRow.outlineLevel ?? 0).toBe(0)
      for (const competency of domain.competencies.filter((c) => !c.archived)) {
        const row = grid.getRow(rowNumber++)
        expect(row.outlineLevel).toBe(1)
        expect(row.getCell(1).value).toBe(competency.name)
        file.roles.forEach((role, index) => {
          const value = row.getCell(index + 2).value ?? ''
          expect(value, `${competency.id} ${role.id}`).toBe(levelName(competency.expectations[role.id]?.level ?? null))
        })
      }
    }
    expect(grid.getRow(rowNumber).getCell(1).value ?? null).toBe(null)

    // The portfolio office's sheet applies its override, with the note as a comment; the others do not.
    const first = grid.getRow(3)
    expect(first.getCell(2).value).toBe(levelName(starter.domains[0]!.competencies[0]!.expectations['pmo-administrator']!.level))
    const portfolio = workbook.getWorksheet('Portfolio office')!
    expect(portfolio.getRow(3).getCell(2).value).toBe('Leading')
    expect(JSON.stringify(portfolio.getRow(3).getCell(2).note)).toContain('Portfolio offices lean on this')
    expect(workbook.getWorksheet('Project office')!.getRow(3).getCell(2).value).toBe(first.getCell(2).value)

    const legend = workbook.getWorksheet('Levels')!
    for (const level of file.levels) {
      expect(rowValues(legend.getRow(level.rank + 2)).slice(0, 3)).toEqual([level.rank, level.name, level.description])
    }
  })

  it('keeps an import after the studio is killed and restarted on the same data, because it was logged', async () => {
    store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    ;[olga] = (await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])) as [TestMember]
    const port = await freePort()
    const start = async (): Promise<StudioProcess> => {
      const studio = await spawnStudio(store, port)
      cleanups.push(() => {
        if (studio.child.exitCode === null) studio.child.kill('SIGKILL')
        return studio.exited
      })
      return studio
    }
    const first = await start()
    const cookie = await signIn(first.url, olga.email)
    // A connected client keeps the document loaded, so nothing folds the log into the state before the kill.
    const client = connectProvider({ baseUrl: first.url, cookie, document: DocumentName.competencyMatrix })
    let clientOpen = true
    const closeClient = () => {
      if (clientOpen) destroyProvider(client)
      clientOpen = false
    }
    cleanups.push(closeClient)
    await waitFor(() => client.synced, 10_000, 'the client to sync')
    const file = extendedFramework(await readStarter())
    file.title = 'Imported before the crash'
    await reportOf(await importTo(first.url, cookie, '?mode=replace', JSON.stringify(file)))
    await waitFor(() => readMatrix(client.document).meta.title === file.title, 5000, 'the client to see the import')

    const opened = await openStore(store)
    try {
      const logged = await opened.db.selectFrom('document_updates').select('id')
        .where('document', '=', DocumentName.competencyMatrix).where('author_id', '=', olga.id).execute()
      expect(logged).toHaveLength(1)
    } finally {
      await opened.close()
    }
    first.child.kill('SIGKILL')
    await first.exited
    // Gone before the restart, so the new studio can learn the import only from its log.
    closeClient()

    const second = await start()
    expect(await exportedJson(second.url, await signIn(second.url, olga.email))).toEqual(file)
  }, 60_000)
})

function rowValues(row: ExcelJS.Row): unknown[] {
  const values = row.values as unknown[]
  return values.slice(1)
}
