/**
 * What each level of a competency looks like, in Chromium (issue 15, points 1 and 2): a
 * contributor opens a competency's panel, writes a level's summary and two indicators, and
 * another member with the same panel open sees them arrive live; an indicator is removed;
 * a reference is added through its checked form and shows as a link opening in a new tab;
 * an observer reads it all with no field to type in; an organiser's import preview counts
 * descriptors and references. Looked at on a laptop and on a phone.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousViolations, matrixGrid, pageOn, screenshotPath } from './support/people.ts'

interface ExportedFramework {
  levels: Array<{ rank: number; name: string }>
  roles: Array<{ id: string; name: string; archived?: boolean }>
  domains: Array<{
    id: string
    competencies: Array<{
      id: string
      name: string
      expectations: Record<string, { level: number | null }>
      descriptors?: Record<string, { summary: string; indicators: string[] }>
      references?: Array<{ scheme: string; code?: string; title?: string; uri?: string; relation: string }>
    }>
  }>
}

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const competencyName = 'Schedule management'
const ofLevel3 = 'of level 3, Independent'
const summaryText = 'Keeps the schedule of one project current without help, and says early when it slips.'
const indicators = ['Updates the plan every week from the team’s own estimates.', 'Flags a milestone at risk before the board meets.']

async function openMatrix(page: Page): Promise<void> {
  await page.goto('/competency-matrix')
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** Opens a competency's panel from its row header's button, by mouse or by finger. */
async function openPanel(page: Page, competency: string, touch = false): Promise<Locator> {
  const button = gridOf(page).getByRole('button', { name: new RegExp(`^(Edit|About) ${competency}$`) })
  await button.scrollIntoViewIfNeeded()
  if (touch) await button.tap()
  else await button.click()
  const dialog = page.getByRole('dialog', { name: new RegExp(`^(Edit competency|Competency) ${competency}$`) })
  await expect(dialog).toBeVisible()
  return dialog
}

const levelOf = (dialog: Locator, rank: number, name: string) => dialog.locator('details.level-depth').filter({ has: dialog.page().locator('summary', { hasText: new RegExp(`^\\s*${rank}\\s+${name}`) }) })

async function openLevel(dialog: Locator, rank: number, name: string, touch = false): Promise<Locator> {
  const level = levelOf(dialog, rank, name)
  const summary = level.locator('summary')
  if (touch) await summary.tap()
  else await summary.click()
  await expect(level).toHaveAttribute('open', '')
  return level
}

async function exported(page: Page): Promise<ExportedFramework> {
  const response = await page.request.get('/api/export/framework.json')
  expect(response.status()).toBe(200)
  return (await response.json()) as ExportedFramework
}

/** Nothing in the panel reaches past the screen's right edge. */
async function expectNoSidewaysOverflow(page: Page, dialog: Locator): Promise<void> {
  const width = page.viewportSize()!.width
  const box = (await dialog.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5)
  expect(await dialog.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0)
}

test('a contributor writes a level’s descriptor and indicators, another member sees them live, references show as links, and an observer reads it all', async ({ browser }) => {
  const bob = await pageOn(browser, 'laptop', 'Bob Contributor')
  const alice = await pageOn(browser, 'laptop', 'Alice Organiser')
  await openMatrix(bob)
  await openMatrix(alice)
  const framework = await exported(bob)
  const schedule = framework.domains.flatMap((domain) => domain.competencies).find((competency) => competency.name === competencyName)!
  const expectedOf = framework.roles.filter((role) => !role.archived && schedule.expectations[role.id]?.level === 3).map((role) => role.name)

  // Alice has the level open first, so what Bob writes has to arrive live.
  const alicePanel = await openPanel(alice, competencyName)
  const aliceLevel = await openLevel(alicePanel, 3, 'Independent')
  await expect(aliceLevel.getByRole('textbox', { name: `Summary ${ofLevel3}` })).toHaveValue('')

  const bobPanel = await openPanel(bob, competencyName)
  const bobLevel = await openLevel(bobPanel, 3, 'Independent')
  // The roles' expectations beside the level.
  await expect(bobLevel.locator('summary')).toContainText(expectedOf.length > 0 ? `Expected of ${expectedOf.join(', ')}` : 'No role expects this level')
  await bobLevel.getByRole('textbox', { name: `Summary ${ofLevel3}` }).pressSequentially(summaryText, { delay: 5 })
  const newIndicator = bobLevel.getByRole('textbox', { name: `New indicator ${ofLevel3}` })
  await newIndicator.fill(indicators[0]!)
  await bobLevel.getByRole('button', { name: `Add indicator ${ofLevel3}` }).click()
  await newIndicator.fill(indicators[1]!)
  await newIndicator.press('Enter')
  await expect(bobLevel.getByRole('textbox', { name: `Indicator 2 ${ofLevel3}` })).toHaveValue(indicators[1]!)

  await expect(aliceLevel.getByRole('textbox', { name: `Summary ${ofLevel3}` })).toHaveValue(summaryText)
  await expect(aliceLevel.getByRole('textbox', { name: `Indicator 1 ${ofLevel3}` })).toHaveValue(indicators[0]!)
  await expect(aliceLevel.getByRole('textbox', { name: `Indicator 2 ${ofLevel3}` })).toHaveValue(indicators[1]!)

  await bob.screenshot({ path: screenshotPath('matrix-descriptors-level-laptop') })

  // An edit inside an indicator, a third one added and removed: Alice follows each.
  await bobLevel.getByRole('textbox', { name: `Indicator 1 ${ofLevel3}` }).press('End')
  await bobLevel.getByRole('textbox', { name: `Indicator 1 ${ofLevel3}` }).pressSequentially(' Always.')
  await expect(aliceLevel.getByRole('textbox', { name: `Indicator 1 ${ofLevel3}` })).toHaveValue(`${indicators[0]} Always.`)
  await newIndicator.fill('A third, soon gone.')
  await newIndicator.press('Enter')
  await expect(aliceLevel.getByRole('textbox', { name: `Indicator 3 ${ofLevel3}` })).toHaveValue('A third, soon gone.')
  await bobLevel.getByRole('button', { name: `Remove indicator 3 ${ofLevel3}` }).click()
  await expect(aliceLevel.getByRole('textbox', { name: `Indicator 3 ${ofLevel3}` })).toHaveCount(0)
  await expect(bobPanel).toBeVisible()

  // A reference: a wrong address is explained, then fixed; the link opens in a new tab.
  await bobPanel.locator('summary', { hasText: 'Add a reference' }).click()
  await bobPanel.getByRole('textbox', { name: /^Framework/ }).fill('SFIA 9')
  await bobPanel.getByRole('textbox', { name: /^Code/ }).fill('PROF')
  await bobPanel.getByRole('textbox', { name: /^Title/ }).fill('Portfolio, programme and project support')
  await bobPanel.getByRole('textbox', { name: /^Web address/ }).fill('sfia-online.org/en/sfia-9/skills/prof')
  await bobPanel.getByRole('combobox', { name: /^How close/ }).selectOption('close')
  await bobPanel.getByRole('button', { name: 'Add reference' }).click()
  await expect(bobPanel.getByRole('textbox', { name: /^Web address/ })).toHaveAttribute('aria-invalid', 'true')
  await expect(bobPanel).toContainText('Enter a web address starting with https:// or http://, or leave it empty.')
  await bobPanel.getByRole('textbox', { name: /^Web address/ }).fill('https://sfia-online.org/en/sfia-9/skills/prof')
  await bobPanel.getByRole('button', { name: 'Add reference' }).click()
  for (const panel of [bobPanel, alicePanel]) {
    const link = panel.getByRole('link', { name: /^SFIA 9 PROF: Portfolio, programme and project support/ })
    await expect(link).toHaveAttribute('href', 'https://sfia-online.org/en/sfia-9/skills/prof')
    await expect(link).toHaveAttribute('target', '_blank')
    await expect(link).toHaveAttribute('rel', /noopener/)
    await expect(panel).toContainText('Close match')
  }
  await expectNoSeriousViolations(bob, { exclude: matrixGrid })
  await bob.screenshot({ path: screenshotPath('matrix-descriptors-contributor-laptop') })

  // The observer opens the same panel to read: the words, the link, and nothing to type in.
  const olive = await pageOn(browser, 'laptop', 'Olive Observer')
  await openMatrix(olive)
  const olivePanel = await openPanel(olive, competencyName)
  await expect(olivePanel).toBeFocused()
  const oliveLevel = await openLevel(olivePanel, 3, 'Independent')
  await expect(oliveLevel).toContainText(summaryText)
  await expect(oliveLevel.getByRole('listitem')).toHaveText([`${indicators[0]} Always.`, indicators[1]!])
  await expect(olivePanel.locator('input, textarea, select')).toHaveCount(0)
  await expect(olivePanel.getByRole('button', { name: /Remove|Add/ })).toHaveCount(0)
  await expect(olivePanel.getByRole('link', { name: /^SFIA 9 PROF/ })).toHaveAttribute('rel', /noopener/)
  // Live for the observer too.
  await bobLevel.getByRole('textbox', { name: `Indicator 2 ${ofLevel3}` }).press('End')
  await bobLevel.getByRole('textbox', { name: `Indicator 2 ${ofLevel3}` }).pressSequentially(' Every time.')
  await expect(oliveLevel.getByRole('listitem').nth(1)).toHaveText(`${indicators[1]} Every time.`)
  await expectNoSeriousViolations(olive, { exclude: matrixGrid })
  await olive.screenshot({ path: screenshotPath('matrix-descriptors-observer-laptop') })
  await olive.keyboard.press('Escape')
  await expect(olivePanel).toHaveCount(0)

  // The export carries what was written.
  const after = (await exported(alice)).domains.flatMap((domain) => domain.competencies).find((competency) => competency.name === competencyName)!
  expect(after.descriptors?.['3']).toEqual({ summary: summaryText, indicators: [`${indicators[0]} Always.`, `${indicators[1]} Every time.`] })
  expect(after.references).toEqual([expect.objectContaining({ scheme: 'SFIA 9', code: 'PROF', uri: 'https://sfia-online.org/en/sfia-9/skills/prof', relation: 'close' })])

  // An organiser's import preview counts descriptors and references in words.
  const file = await exported(alice)
  const governance = file.domains[0]!.competencies[0]!
  governance.descriptors!['1']!.summary = 'A changed summary, from the file.'
  const decisions = file.domains[0]!.competencies.find((competency) => competency.references === undefined || competency.references.length === 0)!
  decisions.references = [{ scheme: 'APM', code: 'BoK 7', title: 'Governance', relation: 'related' }]
  await alice.keyboard.press('Escape')
  await alice.getByRole('button', { name: 'Import…' }).click()
  await alice.getByRole('radio', { name: /^Replace/ }).check()
  await alice.getByLabel('Framework file (JSON, CSV or Excel)').setInputFiles({ name: 'framework.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })
  const preview = alice.getByRole('region', { name: 'What replacing with this file would do' })
  await expect(preview).toContainText(/Level descriptors: 1 changed, \d+ unchanged/)
  await expect(preview).toContainText(/References \(by competency\): 1 (added|changed)/)
  await alice.screenshot({ path: screenshotPath('matrix-descriptors-import-preview-laptop') })
  for (const page of [alice, bob, olive]) await page.context().close()
})

test('on a phone, the panel is a sheet where long descriptors and indicator lists can be read and written by touch', async ({ browser }) => {
  const bob = await pageOn(browser, 'phone', 'Bob Contributor')
  await openMatrix(bob)
  const panel = await openPanel(bob, 'Governance support', true)
  const level = await openLevel(panel, 2, 'Supported', true)
  await expectNoSidewaysOverflow(bob, panel)
  const box = (await panel.boundingBox())!
  expect(box.y + box.height).toBeLessThanOrEqual(844 + 0.5)
  const lastIndicator = level.getByRole('textbox', { name: /^Indicator 3 of level 2/ })
  await lastIndicator.scrollIntoViewIfNeeded()
  await expect(lastIndicator).toBeInViewport()
  // A long indicator grows its field rather than hiding its end.
  await lastIndicator.tap()
  await lastIndicator.press('End')
  await lastIndicator.pressSequentially(' Keeps a log of what was chased, who answered, and what is still open, so the next meeting starts from facts.')
  const heights = await lastIndicator.evaluate((element) => ({ client: element.clientHeight, scroll: element.scrollHeight }))
  expect(heights.scroll).toBeLessThanOrEqual(heights.client + 2)
  await bob.screenshot({ path: screenshotPath('matrix-descriptors-contributor-phone') })
  await bob.getByRole('textbox', { name: /^New indicator of level 2/ }).scrollIntoViewIfNeeded()
  await bob.screenshot({ path: screenshotPath('matrix-descriptors-contributor-phone-add') })

  const olive = await pageOn(browser, 'phone', 'Olive Observer')
  await openMatrix(olive)
  const olivePanel = await openPanel(olive, 'Governance support', true)
  const oliveLevel = await openLevel(olivePanel, 2, 'Supported', true)
  await expect(oliveLevel.getByRole('listitem').nth(2)).toContainText('so the next meeting starts from facts.')
  await expect(olivePanel.locator('input, textarea, select')).toHaveCount(0)
  await expectNoSidewaysOverflow(olive, olivePanel)
  await olive.screenshot({ path: screenshotPath('matrix-descriptors-observer-phone') })
  await expectNoSeriousViolations(olive, { exclude: matrixGrid })
  for (const page of [bob, olive]) await page.context().close()
})
