/**
 * The competency matrix in Chromium: an ARIA grid with named rows, columns and cells;
 * everything done from the keyboard; two members editing at once (different cells, the
 * same cell, adding and moving rows) ending with identical grids that match the JSON
 * export; presence; PMO-type overrides; import; and an observer's read-only view.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousViolations, matrixGrid, screenshotPath, signedInPage } from './support/people.ts'

interface ExportedFramework {
  levels: Array<{ rank: number; name: string }>
  roles: Array<{ id: string; name: string; archived?: boolean }>
  domains: Array<{
    id: string
    name: string
    archived?: boolean
    competencies: Array<{ id: string; name: string; archived?: boolean; expectations: Record<string, { level: number | null; note?: string }> }>
  }>
}

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const cell = (page: Page, competency: string, role: string) => gridOf(page).getByRole('gridcell', { name: new RegExp(`^${escape(competency)}, ${escape(role)}:`) })
const rowHeader = (page: Page, competency: string) => gridOf(page).getByRole('rowheader', { name: competency, exact: true })
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '')

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

async function openMatrix(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Competency matrix' }).click()
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** An organiser in London, a contributor in New York and an observer, each on the matrix. */
async function threeMembersOnTheMatrix(browser: Browser): Promise<{ alice: Page; bob: Page; olive: Page }> {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  const olive = await signedInPage(browser, 'Olive Observer')
  for (const page of [alice, bob, olive]) await openMatrix(page)
  return { alice, bob, olive }
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabUntil(page: Page, matches: (element: Element) => boolean, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return
  }
  throw new Error('Tab never reached the element')
}

/** Every row of the grid as its header's and cells' accessible names (comment counts left out). */
async function gridState(page: Page): Promise<string[][]> {
  return gridOf(page).evaluate((grid) =>
    Array.from(grid.querySelectorAll('[role=row]:not([data-line=header])'), (row) =>
      Array.from(row.querySelectorAll('[role=rowheader], [role=gridcell]'), (cell) => (cell.getAttribute('aria-label') ?? '').replace(/, \d+ comments?(?=\.)/, '')),
    ),
  )
}

/** The same rows, built from the JSON export with the grid's wording. */
function stateFromExport(framework: ExportedFramework): string[][] {
  const levels = new Map(framework.levels.map((level) => [level.rank, level.name]))
  const roles = framework.roles.filter((role) => !role.archived)
  const rows: string[][] = []
  for (const domain of framework.domains.filter((candidate) => !candidate.archived)) {
    const competencies = domain.competencies.filter((competency) => !competency.archived)
    rows.push([`${domain.name}, domain, ${competencies.length === 1 ? '1 competency' : `${competencies.length} competencies`}`])
    for (const competency of competencies) {
      rows.push([
        competency.name,
        ...roles.map((role) => {
          const expectation = competency.expectations[role.id]
          const level = expectation?.level ?? null
          const note = (expectation?.note ?? '').trim().replace(/\s+/g, ' ')
          const noteText = note ? ` Note: ${note}${/[.!?]$/.test(note) ? '' : '.'}` : ''
          return `${competency.name}, ${role.name}: ${level === null ? 'No level' : levels.get(level)}.${noteText}`
        }),
      ])
    }
  }
  return rows
}

async function exported(page: Page): Promise<ExportedFramework> {
  // page.request carries the page's cookies, so this is the member's own export.
  const response = await page.request.get('/api/export/framework.json')
  expect(response.status()).toBe(200)
  return (await response.json()) as ExportedFramework
}

async function expectFocused(locator: Locator): Promise<void> {
  await expect(locator).toBeFocused()
}

test('the matrix is a grid of named rows, columns and cells with no serious accessibility violations', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  await openMatrix(alice)
  const grid = gridOf(alice)
  await expect(grid.getByRole('columnheader', { name: 'PMO Analyst', exact: true })).toBeVisible()
  await expect(grid.getByRole('rowheader', { name: 'Governance support', exact: true })).toBeVisible()
  await expect(grid.getByRole('rowheader', { name: /^Governance and assurance, domain, 4 competencies/ })).toHaveAttribute('aria-expanded', 'true')
  await expect(grid.getByRole('row')).toHaveCount(1 + 11 + 44)
  await expect(grid.getByRole('gridcell')).toHaveCount(44 * 5)
  await expect(cell(alice, 'Governance support', 'PMO Analyst')).toHaveAccessibleName('Governance support, PMO Analyst: Independent.')
  // One tab stop: exactly one element of the grid is in the tab order.
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1)
  // The level's name is on the cell, not only its colour.
  await expect(cell(alice, 'Governance support', 'PMO Analyst')).toContainText('Independent')
  await alice.screenshot({ path: screenshotPath('matrix'), fullPage: false })
  await expectNoSeriousViolations(alice)
  await alice.context().close()
})

test('everything works from the keyboard: moving, a level by digit, a note with Enter and Escape, a new row moved with Alt+arrows', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  await openMatrix(alice)
  // From the search field, Tab reaches the grid's one tab stop.
  await alice.getByLabel('Search competencies').focus()
  await tabUntil(alice, (element) => element.getAttribute('role') === 'gridcell')
  expect(await focusedLabel(alice)).toMatch(/^Governance support, PMO Administrator: /)

  // Down two rows and right one column: Compliance with method for the PMO Analyst.
  await alice.keyboard.press('ArrowDown')
  await alice.keyboard.press('ArrowDown')
  await alice.keyboard.press('ArrowRight')
  const target = cell(alice, 'Compliance with method', 'PMO Analyst')
  await expectFocused(target)
  await alice.keyboard.press('3')
  await expect(target).toHaveAccessibleName('Compliance with method, PMO Analyst: Independent.')
  // The level's descriptor is the focused cell's description.
  await expect(target).toHaveAccessibleDescription(/Does it unaided in normal situations/)
  await alice.keyboard.press('9')
  await expect(alice.getByTestId('matrix-announcement')).toHaveText('There is no level 9. Levels run from 0 to 5.')
  await expect(target).toHaveAccessibleName('Compliance with method, PMO Analyst: Independent.')

  await alice.keyboard.press('Enter')
  const note = alice.getByRole('textbox', { name: 'Note', exact: true })
  await expect(note).toBeFocused()
  await alice.keyboard.type('Checks a sample of projects each quarter')
  await alice.screenshot({ path: screenshotPath('matrix-editing'), fullPage: false })
  await alice.keyboard.press('Escape')
  await expect(note).toBeHidden()
  await expectFocused(target)
  await expect(target).toHaveAccessibleName('Compliance with method, PMO Analyst: Independent. Note: Checks a sample of projects each quarter.')

  await alice.keyboard.press('Delete')
  await expect(target).toHaveAccessibleName('Compliance with method, PMO Analyst: No level. Note: Checks a sample of projects each quarter.')
  await alice.keyboard.press('4')

  // Home and End go along the row; End with Ctrl to the last cell of the grid.
  await alice.keyboard.press('Home')
  await expectFocused(rowHeader(alice, 'Compliance with method'))
  await alice.keyboard.press('End')
  await expectFocused(cell(alice, 'Compliance with method', 'Head of PMO'))

  // A new competency from the domain's menu (F2), named, then moved up with Alt+ArrowUp.
  await alice.keyboard.press('Home')
  await alice.keyboard.press('ArrowUp')
  await alice.keyboard.press('ArrowUp')
  await alice.keyboard.press('ArrowUp')
  await expectFocused(gridOf(alice).getByRole('rowheader', { name: /^Governance and assurance, domain/ }))
  await alice.keyboard.press('F2')
  const domainEditor = alice.getByRole('dialog', { name: 'Edit domain Governance and assurance' })
  await expect(domainEditor.getByRole('textbox', { name: 'Name' })).toBeFocused()
  await tabUntil(alice, (element) => element.textContent?.trim() === 'Add competency')
  await alice.keyboard.press('Enter')
  const nameField = alice.getByRole('dialog', { name: /^Edit competency/ }).getByRole('textbox', { name: 'Name' })
  await expect(nameField).toBeFocused()
  await alice.keyboard.type('Keyboard-made competency')
  await alice.keyboard.press('Escape')
  const newRow = rowHeader(alice, 'Keyboard-made competency')
  await expectFocused(newRow)
  const rowNames = async () => (await gridState(alice)).slice(0, 6).map((row) => row[0])
  await expect.poll(rowNames).toEqual([
    'Governance and assurance, domain, 5 competencies',
    'Governance support',
    'Assurance and health checks',
    'Compliance with method',
    'Decision support',
    'Keyboard-made competency',
  ])
  await alice.keyboard.press('Alt+ArrowUp')
  await alice.keyboard.press('Alt+ArrowUp')
  await expect.poll(rowNames).toEqual([
    'Governance and assurance, domain, 5 competencies',
    'Governance support',
    'Assurance and health checks',
    'Keyboard-made competency',
    'Compliance with method',
    'Decision support',
  ])
  // Focus stayed on the moved row throughout.
  await expectFocused(newRow)

  // Collapsing a domain with Enter hides its rows and says so.
  await alice.keyboard.press('Control+Home')
  await alice.keyboard.press('ArrowDown')
  const domain = gridOf(alice).getByRole('rowheader', { name: /^Governance and assurance, domain/ })
  await expectFocused(domain)
  await alice.keyboard.press('Enter')
  await expect(domain).toHaveAttribute('aria-expanded', 'false')
  await expect(rowHeader(alice, 'Governance support')).toHaveCount(0)
  await alice.keyboard.press('Enter')
  await expect(rowHeader(alice, 'Governance support')).toBeVisible()
  await alice.context().close()
})

test('two members edit different cells and the same cell, add and move rows at once, and end with identical grids that match the export', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  await Promise.all([openMatrix(alice), openMatrix(bob)])

  // Different cells at the same moment.
  await cell(alice, 'Dependency management', 'PMO Analyst').focus()
  await cell(bob, 'Progress tracking', 'PMO Manager').focus()
  await Promise.all([alice.keyboard.press('2'), bob.keyboard.press('4')])
  for (const page of [alice, bob]) {
    await expect(cell(page, 'Dependency management', 'PMO Analyst')).toHaveAccessibleName(/: Supported\.$/)
    await expect(cell(page, 'Progress tracking', 'PMO Manager')).toHaveAccessibleName(/: Advanced\.$/)
  }

  // Each sees where the other is, outlined in their colour with their name.
  // (The tag draws the name from data-name; the presence list says it in words.)
  await expect(cell(alice, 'Progress tracking', 'PMO Manager').locator('.presence-tags__tag')).toHaveAttribute('data-name', 'Bob Contributor')
  await expect(cell(bob, 'Dependency management', 'PMO Analyst').locator('.presence-tags__tag')).toHaveAttribute('data-name', 'Alice Organiser')
  await expect(alice.getByText(/Bob Contributor\s*on Progress tracking · PMO Manager/)).toBeVisible()
  // The whole page: who is here (at the top) and their marks on the grid.
  await alice.screenshot({ path: screenshotPath('matrix-presence'), fullPage: true })

  // The same cell: both type a note at once, and both words survive; both set a level, and one wins everywhere.
  const shared = (page: Page) => cell(page, 'Estimating', 'Senior PMO Analyst')
  for (const page of [alice, bob]) {
    await shared(page).focus()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeFocused()
  }
  await Promise.all([
    alice.keyboard.type('Alice: estimates from history.', { delay: 20 }),
    bob.keyboard.type('Bob: uses three-point estimates.', { delay: 20 }),
  ])
  for (const page of [alice, bob]) {
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue(/Alice: estimates from history\./)
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue(/Bob: uses three-point estimates\./)
    await page.keyboard.press('Escape')
    await expect(shared(page)).toBeFocused()
  }
  await Promise.all([alice.keyboard.press('3'), bob.keyboard.press('5')])
  await expect
    .poll(async () => {
      const [a, b] = [await shared(alice).getAttribute('aria-label'), await shared(bob).getAttribute('aria-label')]
      return a === b && /: (Independent|Leading)\. Note: /.test(a ?? '')
    })
    .toBe(true)

  // Rows added and moved at the same moment.
  async function addCompetency(page: Page, domain: string, name: string): Promise<void> {
    const heading = gridOf(page).getByRole('rowheader', { name: new RegExp(`^${escape(domain)}, domain`) })
    await heading.focus()
    await page.keyboard.press('F2')
    await page.getByRole('dialog', { name: `Edit domain ${domain}` }).getByRole('button', { name: 'Add competency' }).click()
    const nameField = page.getByRole('dialog', { name: /^Edit competency/ }).getByRole('textbox', { name: 'Name' })
    await expect(nameField).toBeFocused()
    await page.keyboard.type(name)
    await page.keyboard.press('Escape')
    await expect(rowHeader(page, name)).toBeFocused()
  }
  await Promise.all([addCompetency(alice, 'Financial control', "Alice's new competency"), addCompetency(bob, 'Financial control', "Bob's new competency")])
  for (const page of [alice, bob]) {
    await expect(rowHeader(page, "Alice's new competency")).toBeVisible()
    await expect(rowHeader(page, "Bob's new competency")).toBeVisible()
  }
  // Each is still on their new row; both move it up at once.
  await Promise.all([alice.keyboard.press('Alt+ArrowUp'), bob.keyboard.press('Alt+ArrowUp')])

  // Drag a column by its header: Head of PMO before PMO Administrator.
  await gridOf(alice).getByRole('columnheader', { name: 'Head of PMO', exact: true }).dragTo(gridOf(alice).getByRole('columnheader', { name: 'PMO Administrator', exact: true }), {
    targetPosition: { x: 8, y: 10 },
  })
  await expect.poll(async () => gridOf(bob).getByRole('columnheader').allTextContents()).toEqual([
    expect.stringContaining('Competency'),
    expect.stringContaining('Head of PMO'),
    expect.stringContaining('PMO Administrator'),
    expect.stringContaining('PMO Analyst'),
    expect.stringContaining('Senior PMO Analyst'),
    expect.stringContaining('PMO Manager'),
  ])

  // Both grids settle on the same content, which is what the server exports.
  await expect.poll(async () => JSON.stringify(await gridState(alice)), { timeout: 15_000 }).toBe(JSON.stringify(await gridState(bob)))
  await expect.poll(async () => JSON.stringify(stateFromExport(await exported(alice))), { timeout: 15_000 }).toBe(JSON.stringify(await gridState(alice)))
  await expect.poll(async () => JSON.stringify(await gridState(bob))).toBe(JSON.stringify(stateFromExport(await exported(bob))))

  await alice.context().close()
  await bob.context().close()
})

test('viewing a PMO type shows its overrides distinctly, and an editor sets and clears one', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  await openMatrix(alice)
  await alice.getByRole('radio', { name: 'Project office' }).check()
  const target = cell(alice, 'Schedule management', 'PMO Administrator')
  await expect(target).toHaveAccessibleName('Schedule management, PMO Administrator: Supported.')
  await target.focus()
  await alice.keyboard.press('1')
  await expect(target).toHaveAccessibleName('Schedule management, PMO Administrator: Aware (override for Project office).')
  await expect(target).toHaveClass(/matrix-cell--override/)
  await expect(target.locator('.matrix-cell__override')).toBeVisible()
  // The general expectation is untouched.
  await alice.getByRole('radio', { name: 'All PMO types' }).check()
  await expect(target).toHaveAccessibleName('Schedule management, PMO Administrator: Supported.')
  await alice.getByRole('radio', { name: 'Project office' }).check()
  await target.focus()
  await alice.keyboard.press('Enter')
  await alice.getByRole('button', { name: 'Clear override' }).click()
  await expect(target).toHaveAccessibleName('Schedule management, PMO Administrator: Supported.')
  await expect(target).not.toHaveClass(/matrix-cell--override/)

  // Search and filters narrow the rows and columns.
  await alice.getByRole('radio', { name: 'All PMO types' }).check()
  await alice.getByLabel('Search competencies').fill('baselines')
  await expect(gridOf(alice).getByRole('rowheader', { name: 'Schedule management', exact: true })).toBeVisible()
  await expect(gridOf(alice).locator('[data-line^="competency:"]')).toHaveCount(1)
  await alice.getByLabel('Role', { exact: true }).selectOption({ label: 'PMO Manager' })
  await expect(gridOf(alice).getByRole('columnheader')).toHaveCount(2)
  await alice.getByRole('button', { name: 'Clear filters' }).click()
  await expect(gridOf(alice).getByRole('columnheader')).toHaveCount(6)
  await alice.context().close()
})

test('an editor adds a role and a domain, archives them, and restores them from the archive', async ({ browser }) => {
  const bob = await signedInPage(browser, 'Bob Contributor')
  await openMatrix(bob)
  await bob.getByRole('button', { name: 'Add role' }).click()
  await expect(bob.getByRole('dialog', { name: /^Edit role/ }).getByRole('textbox', { name: 'Name' })).toBeFocused()
  await bob.keyboard.type('PMO Coach')
  await bob.keyboard.press('Escape')
  const coach = gridOf(bob).getByRole('columnheader', { name: 'PMO Coach', exact: true })
  await expect(coach).toBeFocused()
  await expect(cell(bob, 'Governance support', 'PMO Coach')).toHaveAccessibleName('Governance support, PMO Coach: No level.')
  // Alt+ArrowLeft moves the new column one place left.
  await bob.keyboard.press('Alt+ArrowLeft')
  await expect.poll(async () => (await gridOf(bob).getByRole('columnheader').allTextContents()).at(-2)).toContain('PMO Coach')

  await bob.getByRole('button', { name: 'Add domain' }).click()
  await bob.keyboard.type('Ethics and conduct')
  await bob.keyboard.press('Escape')
  const ethics = gridOf(bob).getByRole('rowheader', { name: /^Ethics and conduct, domain, 0 competencies/ })
  await expect(ethics).toBeFocused()

  // Archive both through their menus (Enter on a column header, F2 on a domain heading).
  await coach.focus()
  await bob.keyboard.press('Enter')
  await bob.getByRole('dialog', { name: 'Edit role PMO Coach' }).getByRole('button', { name: 'Archive' }).click()
  await expect(coach).toHaveCount(0)
  await ethics.focus()
  await bob.keyboard.press('F2')
  await bob.getByRole('dialog', { name: 'Edit domain Ethics and conduct' }).getByRole('button', { name: 'Archive' }).click()
  await expect(ethics).toHaveCount(0)

  await bob.getByRole('checkbox', { name: 'Show archived' }).check()
  const archive = bob.getByRole('region', { name: 'Archived' })
  await archive.getByRole('button', { name: 'Restore PMO Coach' }).click()
  await archive.getByRole('button', { name: 'Restore Ethics and conduct' }).click()
  await expect(coach).toBeVisible()
  await expect(ethics).toBeVisible()
  // Leave the shared matrix as the other tests expect it.
  for (const [target, key, dialog] of [
    [coach, 'Enter', 'Edit role PMO Coach'],
    [ethics, 'F2', 'Edit domain Ethics and conduct'],
  ] as const) {
    await target.focus()
    await bob.keyboard.press(key)
    await bob.getByRole('dialog', { name: dialog }).getByRole('button', { name: 'Archive' }).click()
    await expect(target).toHaveCount(0)
  }
  await bob.context().close()
})

test('an organiser imports a framework file and sees what changed, and a broken file lists its problems', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  await openMatrix(alice)
  const framework = (await exported(alice)) as ExportedFramework & { domains: Array<{ competencies: unknown[] }> }
  framework.domains[0]!.competencies.push({
    id: 'imported-competency',
    name: 'Imported competency',
    description: 'Arrived in a file.',
    expectations: { 'pmo-analyst': { level: 2, note: 'From the import.' } },
  })
  await alice.getByRole('button', { name: 'Import…' }).click()
  await alice.getByRole('radio', { name: /^Merge/ }).check()
  await alice.getByLabel('Framework file (JSON, CSV or Excel)').setInputFiles({ name: 'framework.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(framework)) })
  await expect(alice.getByRole('region', { name: 'What merging this file would do' })).toContainText('Competencies: 1 added')
  await alice.getByRole('button', { name: 'Apply', exact: true }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Imported.' })).toContainText('Added 1 competency.')
  await expect(cell(alice, 'Imported competency', 'PMO Analyst')).toHaveAccessibleName('Imported competency, PMO Analyst: Supported. Note: From the import.')

  const broken = JSON.parse(JSON.stringify(framework)) as ExportedFramework
  broken.domains[0]!.competencies[0]!.expectations['pmo-analyst'] = { level: 9 }
  await alice.getByLabel('Framework file (JSON, CSV or Excel)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) })
  const alert = alice.getByRole('alert').filter({ hasText: 'nothing was imported' })
  await expect(alert).toContainText('expectations › pmo-analyst › level')
  await expect(alert).toContainText('level 9')
  await alice.context().close()
})

test('an observer sees the grid read-only: cells are focusable and named, nothing changes', async ({ browser }) => {
  const olive = await signedInPage(browser, 'Olive Observer')
  await openMatrix(olive)
  await expect(olive.getByText('read-only for you')).toBeVisible()
  await expect(gridOf(olive)).toHaveAttribute('aria-readonly', 'true')
  await expect(olive.getByRole('button', { name: 'Add domain' })).toHaveCount(0)
  await expect(olive.getByRole('button', { name: 'Import…' })).toHaveCount(0)
  await expect(gridOf(olive).locator('[data-action=edit]')).toHaveCount(0)
  // Every member may export: each link downloads with the observer's own session.
  for (const format of ['JSON', 'CSV', 'Markdown', 'Excel']) {
    const href = await olive.getByRole('link', { name: format, exact: true }).getAttribute('href')
    expect((await olive.request.get(href!)).status(), `${format} export`).toBe(200)
  }

  const target = cell(olive, 'Governance support', 'PMO Analyst')
  await target.focus()
  await olive.keyboard.press('ArrowRight')
  await expect(cell(olive, 'Governance support', 'Senior PMO Analyst')).toBeFocused()
  await olive.keyboard.press('1')
  await olive.keyboard.press('Enter')
  await expect(olive.getByTestId('matrix-announcement')).toHaveText('The matrix is read-only for you.')
  await expect(olive.getByRole('dialog')).toHaveCount(0)
  await expect(cell(olive, 'Governance support', 'Senior PMO Analyst')).toHaveAccessibleName('Governance support, Senior PMO Analyst: Advanced.')
  await olive.screenshot({ path: screenshotPath('matrix-observer'), fullPage: false })
  await expectNoSeriousViolations(olive)
  await olive.context().close()
})

test('members define the levels together, and an observer reads what each level means', async ({ browser }) => {
  const { alice, bob, olive } = await threeMembersOnTheMatrix(browser)
  for (const page of [alice, bob]) await page.getByText('Name and describe each level').click()

  const meaning = (page: Page) => page.getByLabel('What level 0 means')
  await expect(meaning(alice)).toHaveValue('Not expected in this role.')
  await meaning(alice).click()
  await alice.keyboard.press('Control+End')
  await alice.keyboard.type(' Ask the role lead when unsure.')
  const reworded = 'Not expected in this role. Ask the role lead when unsure.'
  await expect(meaning(bob)).toHaveValue(reworded)

  // Observers read the levels; there is nothing for them to edit.
  await olive.getByText('What each level means').click()
  await expect(olive.getByText(reworded)).toBeVisible()
  await expect(meaning(olive)).toHaveCount(0)

  await alice.screenshot({ path: screenshotPath('matrix-levels'), fullPage: false })
  await expectNoSeriousViolations(alice, { exclude: matrixGrid })
  for (const page of [alice, bob, olive]) await page.context().close()
})

test('members add, name and describe a PMO type, archive it and restore it; an observer reads them', async ({ browser }) => {
  const { alice, bob, olive } = await threeMembersOnTheMatrix(browser)
  for (const page of [alice, bob]) await page.getByText('Add, name and describe PMO types').click()

  // The new type's name is selected, so typing names it.
  await alice.getByRole('button', { name: 'Add a PMO type' }).click()
  await alice.keyboard.type('Shared service PMO')
  const shared = (page: Page) => page.getByRole('group', { name: 'Shared service PMO' })
  await expect(bob.getByRole('radio', { name: 'Shared service PMO' })).toBeVisible()
  await shared(bob).getByLabel('Description').fill('Serves several organisations from one office.')
  await expect(shared(alice).getByLabel('Description')).toHaveValue('Serves several organisations from one office.')

  // Bob looks at its expectations; Alice archives it, so Bob is back on what applies to all.
  await bob.getByRole('radio', { name: 'Shared service PMO' }).check()
  await shared(alice).getByRole('button', { name: 'Archive Shared service PMO' }).click()
  await expect(bob.getByRole('radio', { name: 'Shared service PMO' })).toHaveCount(0)
  await expect(bob.getByRole('radio', { name: 'All PMO types' })).toBeChecked()

  await alice.getByRole('checkbox', { name: 'Show archived' }).check()
  await alice.getByRole('region', { name: 'Archived' }).getByRole('button', { name: 'Restore Shared service PMO' }).click()
  await expect(bob.getByRole('radio', { name: 'Shared service PMO' })).toBeVisible()
  await alice.getByRole('checkbox', { name: 'Show archived' }).uncheck()

  // Observers read the types and what they are; there is nothing for them to edit.
  await olive.getByText('What each PMO type is').click()
  await expect(olive.getByText('Serves several organisations from one office.')).toBeVisible()
  await expect(olive.getByRole('button', { name: 'Add a PMO type' })).toHaveCount(0)
  await expect(olive.getByLabel('Description')).toHaveCount(0)

  await shared(alice).scrollIntoViewIfNeeded()
  await alice.screenshot({ path: screenshotPath('matrix-pmo-types'), fullPage: false })
  await expectNoSeriousViolations(alice, { exclude: matrixGrid })
  for (const page of [alice, bob, olive]) await page.context().close()
})
