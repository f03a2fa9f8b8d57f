/**
 * Importing into the competency matrix as an organiser does it: export the CSV, change a
 * level in it, import it, read what would change before anything does (merge keeps the
 * matrix's level and says so; replace changes it), confirm the replace, and see a second
 * person's grid show the new level live. The preview is looked at on a laptop and a phone.
 */
import { expect, test, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { expectNoSeriousViolations, matrixGrid, pageOn, screenshotPath, signedInPage } from './support/people.ts'

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const cell = (page: Page, competency: string, role: string) => gridOf(page).getByRole('gridcell', { name: new RegExp(`^${escape(competency)}, ${escape(role)}:`) })

async function openMatrix(page: Page): Promise<void> {
  await page.goto('/competency-matrix')
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** The CSV as the organiser downloads it from the page's Export links. */
async function downloadCsv(page: Page): Promise<string> {
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'CSV', exact: true }).click()
  return readFile(await (await download).path(), 'utf8')
}

/** The first row with a level, as a spreadsheet user would pick one, and the CSV with only its level number changed. */
function changeOneLevel(csv: string, levels: Map<number, string>) {
  const lines = csv.split('\r\n')
  const at = lines.findIndex((line) => /^[^",]+,[^",]+,[^",]+,,\d,[^",]*,/.test(line))
  const [domain, competency, role, , level] = lines[at]!.split(',')
  const from = Number(level)
  const to = from === 4 ? 3 : 4
  const fields = lines[at]!.split(',')
  fields[4] = String(to)
  lines[at] = fields.join(',')
  return { csv: lines.join('\r\n'), domain: domain!, competency: competency!, role: role!, from: `${from} ${levels.get(from)}`, to: `${to} ${levels.get(to)}`, toName: levels.get(to)! }
}

async function chooseFile(page: Page, name: string, content: string): Promise<void> {
  await page.getByLabel('Framework file (JSON, CSV or Excel)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) })
}

test('an organiser changes a level in the exported CSV, previews the import, confirms the replace, and another member sees the new level live', async ({ browser }) => {
  const alice = await pageOn(browser, 'laptop', 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor')
  await openMatrix(alice)
  await openMatrix(bob)
  const exported = (await (await alice.request.get('/api/export/framework.json')).json()) as { levels: Array<{ rank: number; name: string }> }
  const edit = changeOneLevel(await downloadCsv(alice), new Map(exported.levels.map((level) => [level.rank, level.name])))
  const place = `${edit.role} in ${edit.competency}`

  await alice.getByRole('button', { name: 'Import…' }).click()
  await alice.getByRole('radio', { name: /^Merge/ }).check()
  await chooseFile(alice, 'pmo-competency-framework.csv', edit.csv)
  // Merge adds only what is new: the changed level is listed as kept, never skipped silently.
  const preview = alice.getByRole('region', { name: 'What merging this file would do' })
  await expect(preview).toContainText('Cells: 1 kept')
  await expect(preview.getByRole('listitem').filter({ hasText: place })).toContainText(`keeps ${edit.from} (the file says ${edit.to})`)
  await expect(preview.getByRole('button', { name: 'Apply' })).toBeDisabled()

  await alice.getByRole('radio', { name: /^Replace/ }).check()
  const replacing = alice.getByRole('region', { name: 'What replacing with this file would do' })
  await expect(replacing).toContainText('Cells: 1 changed')
  await expect(replacing.getByRole('listitem').filter({ hasText: place })).toContainText(`${edit.from} → ${edit.to}`)
  await expect(replacing).toContainText(/Competencies: \d+ unchanged/)
  await expectNoSeriousViolations(alice, { exclude: matrixGrid })
  await alice.screenshot({ path: screenshotPath('matrix-import-preview-laptop'), fullPage: false })
  // Nothing has changed yet.
  await expect(cell(bob, edit.competency, edit.role)).not.toHaveAccessibleName(new RegExp(`: ${escape(edit.toName)}\\.`))

  await replacing.getByRole('button', { name: 'Continue…' }).click()
  const confirm = alice.getByRole('alertdialog', { name: 'Replace the matrix with this file?' })
  await expect(confirm).toContainText('Nothing is archived.')
  await expect(confirm.getByRole('heading')).toBeFocused()
  await expectNoSeriousViolations(alice, { exclude: matrixGrid })
  await alice.screenshot({ path: screenshotPath('matrix-import-confirm-laptop') })
  await confirm.getByRole('button', { name: 'Replace the matrix' }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Imported.' })).toContainText('Set 1 cell.')

  await expect(cell(bob, edit.competency, edit.role)).toHaveAccessibleName(new RegExp(`: ${escape(edit.toName)}\\.`))
  await expect(cell(alice, edit.competency, edit.role)).toHaveAccessibleName(new RegExp(`: ${escape(edit.toName)}\\.`))
  await alice.context().close()
  await bob.context().close()
})

test('on a phone the preview fits the screen, and a file the studio cannot read says what to fix', async ({ browser }) => {
  const alice = await pageOn(browser, 'phone', 'Alice Organiser')
  await openMatrix(alice)
  const csv = await (await alice.request.get('/api/export/framework.csv')).text()
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n')
  // A new competency in an existing domain, typed in by hand.
  const domain = lines[1]!.split(',')[0]!
  lines.splice(2, 0, `${domain},Typed in by hand,PMO Analyst,,2,,A new row`)
  await alice.getByRole('button', { name: 'Import…' }).click()
  await alice.getByRole('radio', { name: /^Replace/ }).check()
  await chooseFile(alice, 'edited.csv', lines.join('\r\n'))
  const preview = alice.getByRole('region', { name: 'What replacing with this file would do' })
  await expect(preview).toContainText('Competencies: 1 added')
  await expect(preview.getByRole('listitem').filter({ hasText: 'Typed in by hand' }).first()).toBeVisible()
  await preview.scrollIntoViewIfNeeded()
  // No wider than the phone: nothing to scroll sideways, and no zooming out to fit.
  const measured = await alice.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
  expect(measured).toEqual({ scrollWidth: 390, innerWidth: 390 })
  await expectNoSeriousViolations(alice, { exclude: matrixGrid })
  await alice.screenshot({ path: screenshotPath('matrix-import-preview-phone') })
  await preview.getByRole('button', { name: 'Cancel' }).click()
  await expect(preview).toHaveCount(0)

  await chooseFile(alice, 'broken.csv', `${lines[0]}\r\n${domain},Typed in by hand,PMO Analyst,,9,,\r\n`)
  const alert = alice.getByRole('alert')
  await expect(alert).toContainText('row 2 › level')
  await expect(alert).toContainText('"9" is not a level of this framework')
  await alice.context().close()
})
