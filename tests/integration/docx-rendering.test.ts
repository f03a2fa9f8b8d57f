/**
 * The Word publication as a reader's word processor lays it out: LibreOffice (Debian's
 * libreoffice-writer) converts the .docx to PDF, pdftotext reads it back, and pdftoppm turns
 * the first pages into PNGs in tests/artifacts/screenshots for a person to look at. Only where
 * both are installed: CI does not carry an office suite, and says so rather than pretending.
 */
import { frameworkToDocx } from '@studio/framework/publication'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { hostileName, publicationFixture } from '../../packages/framework/src/publication/publication-fixture.ts'
import { repositoryRoot } from '../support/studio.ts'

const run = promisify(execFile)
const tools = ['/usr/bin/soffice', '/usr/bin/pdftotext', '/usr/bin/pdftoppm']
const missing = tools.filter((tool) => !existsSync(tool))
if (missing.length > 0) {
  console.warn(`Skipping the DOCX rendering test: ${missing.join(', ')} not installed (apt-get install libreoffice-writer-nogui poppler-utils).`)
}

const screenshots = path.join(repositoryRoot, 'tests/artifacts/screenshots')
let workDir: string | undefined
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true })
})

describe.skipIf(missing.length > 0)('the Word publication in LibreOffice', () => {
  it('converts to an A4 PDF with every domain and competency in order, the descriptors and the expected-levels tables', async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'docx-render-'))
    const framework = publicationFixture()
    const docx = path.join(workDir, 'framework.docx')
    await writeFile(docx, await frameworkToDocx(framework))
    // A profile of its own: a LibreOffice already running for the user would take the job and never answer.
    await run('/usr/bin/soffice', [`-env:UserInstallation=file://${workDir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', workDir, docx], { timeout: 120_000 })
    const pdf = path.join(workDir, 'framework.pdf')
    const { stdout: text } = await run('/usr/bin/pdftotext', ['-layout', pdf, '-'], { maxBuffer: 16 * 1024 * 1024 })

    const page = (await run('/usr/bin/pdfinfo', [pdf]).catch(() => ({ stdout: '' }))).stdout.match(/Page size:\s+([\d.]+) x ([\d.]+)/)
    if (page) expect([Math.round(Number(page[1])), Math.round(Number(page[2]))]).toEqual([595, 842])
    const flat = text.replace(/\s+/g, ' ')
    // The contents come first and name every domain; the domains themselves follow the scale.
    const contentsAt = flat.indexOf('Contents')
    let from = flat.indexOf('The scale of levels')
    expect(contentsAt).toBeGreaterThanOrEqual(0)
    expect(from).toBeGreaterThan(contentsAt)
    expect(flat.slice(contentsAt, from)).toContain(framework.domains[0]!.name)
    for (const domain of framework.domains.filter((d) => !d.archived)) {
      const at = flat.indexOf(domain.name, from)
      expect(at, `${domain.name} after what comes before it`).toBeGreaterThanOrEqual(0)
      from = at
    }
    const first = framework.domains[0]!.competencies[0]!
    expect(flat).toContain(first.descriptors!['3']!.summary)
    expect(flat).toContain('Indicator one at 3 & more')
    for (const role of framework.roles) expect(flat).toContain(role.name)
    // A name holding markup is plain text in Word: shown as typed, never read as anything else.
    expect(flat).toContain(`D2.C1 ${hostileName}`)

    await mkdir(screenshots, { recursive: true })
    // pdftoppm numbers pages with as many digits as the last page needs: -01, -02, …
    await run('/usr/bin/pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '3', pdf, path.join(screenshots, 'framework-publication-docx')])
    const pages = (await readdir(screenshots)).filter((name) => /^framework-publication-docx-0*1\.png$/.test(name))
    expect(pages).toHaveLength(1)
  }, 180_000)
})
