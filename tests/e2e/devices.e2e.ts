/**
 * Everyday use on the two screens the studio must fit: a 1366×768 laptop and a 390×844
 * phone with touch. The matrix reads as one scrolling page with sticky headers (at least
 * eight rows on the laptop) and one role at a time on the phone, where a tap opens a cell
 * and a level is set by tapping with no keyboard; every ⋯ and More menu opens on the first
 * click and the first tap; no page scrolls sideways; a meeting's notes are on the phone's
 * first screen; editor toolbars keep to one line. Each view passes axe-core and is
 * screenshotted.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousViolations, matrixGrid, pageOn, screenshotPath, type DeviceName } from './support/people.ts'

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const notesOf = (page: Page) => page.getByRole('textbox', { name: 'Notes' })

async function openMatrix(page: Page): Promise<void> {
  await page.goto('/competency-matrix')
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** The page is no wider than the screen: nothing to scroll sideways, and no zooming out to fit. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()!.width
  const measured = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
  // On a phone, a too-wide page widens the layout viewport (innerWidth) instead of scrolling.
  expect(measured).toEqual({ scrollWidth: width, innerWidth: width })
}

/** Whatever has focus is not somewhere to type, so no on-screen keyboard is showing. */
async function expectNoTextFieldFocused(page: Page): Promise<void> {
  const focused = await page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null
    return active ? `${active.tagName}${active.isContentEditable ? '[contenteditable]' : ''}` : 'none'
  })
  expect(focused).not.toMatch(/^(INPUT|TEXTAREA|SELECT)|contenteditable/)
}

/** Every button of the toolbar sits on one line. */
async function expectOneRow(toolbar: Locator): Promise<void> {
  const tops = await toolbar.evaluate((element) =>
    Array.from(element.querySelectorAll(':scope > button, :scope > div:not([aria-hidden]) > button')).map((button) => Math.round(button.getBoundingClientRect().top)),
  )
  expect(tops.length).toBeGreaterThan(2)
  expect(new Set(tops).size).toBe(1)
}

/** Competency rows wholly on screen below the sticky column headers. */
async function rowsInView(page: Page): Promise<number> {
  return gridOf(page).evaluate((grid) => {
    const headersBottom = grid.querySelector('[role=rowgroup]')!.getBoundingClientRect().bottom
    return Array.from(grid.querySelectorAll('[role=row][data-line^="competency:"]')).filter((row) => {
      const box = row.getBoundingClientRect()
      return box.top >= headersBottom - 1 && box.bottom <= window.innerHeight + 1
    }).length
  })
}

async function scrollToGrid(page: Page): Promise<void> {
  await gridOf(page).evaluate((grid) => window.scrollTo(0, grid.getBoundingClientRect().top + window.scrollY))
}

/** Names broken inside a word: any word of a column header's name whose letters sit on two lines. */
async function wordsBrokenInColumnHeaders(page: Page): Promise<string[]> {
  return gridOf(page).evaluate((grid) => {
    const broken: string[] = []
    for (const name of Array.from(grid.querySelectorAll('.matrix-colheader__name'))) {
      const text = name.firstChild
      if (!text || text.nodeType !== Node.TEXT_NODE) continue
      for (const match of (text.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange()
        range.setStart(text, match.index)
        range.setEnd(text, match.index + match[0].length)
        if (new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size > 1) broken.push(match[0])
      }
    }
    return broken
  })
}

test('at 1366×768 the matrix page scrolls as one, with sticky headers, at least eight rows on screen and folded filters', async ({ browser }) => {
  const page = await pageOn(browser, 'laptop', 'Alice Organiser')
  await openMatrix(page)
  await expectNoSidewaysScroll(page)

  // On a short screen the view and filter controls start folded, and open on request.
  const filters = page.getByRole('button', { name: 'View and filters' })
  await expect(filters).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByLabel('Search competencies')).toBeHidden()
  await page.screenshot({ path: screenshotPath('devices-laptop-matrix-top') })

  // Scrolled to the grid, at least eight competency rows show under the headers.
  await scrollToGrid(page)
  expect(await rowsInView(page)).toBeGreaterThanOrEqual(8)
  await page.screenshot({ path: screenshotPath('devices-laptop-matrix-grid') })

  // The grid has no scrolling box of its own: the wheel over it scrolls the page.
  const scroller = gridOf(page).locator('.matrix-scroller')
  expect(await scroller.evaluate((element) => element.scrollHeight <= element.clientHeight)).toBe(true)
  const before = await page.evaluate(() => window.scrollY)
  const box = (await scroller.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, 500)
  await page.mouse.wheel(0, 900)
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 800)

  // The column headers stay at the top of the window after scrolling.
  const header = gridOf(page).getByRole('columnheader', { name: /^PMO Analyst/ })
  await expect.poll(async () => (await header.boundingBox())!.y).toBeLessThan(40)
  expect((await header.boundingBox())!.y).toBeGreaterThanOrEqual(0)
  await expect(header).toBeInViewport()
  await page.screenshot({ path: screenshotPath('devices-laptop-matrix-scrolled') })

  // Comments beside the grid leave it too narrow for every column: it scrolls sideways
  // inside itself, headers and body together, and no role's name is broken mid-word.
  await page.getByRole('button', { name: /^Comments/ }).first().click()
  await expect(page.locator('#comments-panel')).toBeVisible()
  await expectNoSidewaysScroll(page)
  expect(await wordsBrokenInColumnHeaders(page)).toEqual([])
  const wider = await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)
  expect(wider).toBe(true)
  await scroller.evaluate((element) => (element.scrollLeft = element.scrollWidth))
  const scrolled = await scroller.evaluate((element) => element.scrollLeft)
  expect(scrolled).toBeGreaterThan(50)
  const head = gridOf(page).locator('.matrix-head-scroller')
  await expect.poll(() => head.evaluate((element) => element.scrollLeft)).toBe(scrolled)
  // The competency column stays put on the left.
  const gridLeft = (await gridOf(page).boundingBox())!.x
  const rowHeader = gridOf(page).getByRole('rowheader', { name: 'Decision support', exact: true })
  await expect.poll(async () => Math.abs((await rowHeader.boundingBox())!.x - gridLeft)).toBeLessThan(2)
  await page.screenshot({ path: screenshotPath('devices-laptop-matrix-comments') })
  await expectNoSeriousViolations(page, { exclude: matrixGrid })

  // The person's choice to unfold the filters is remembered.
  await filters.click()
  await expect(page.getByLabel('Search competencies')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('button', { name: 'View and filters' })).toHaveAttribute('aria-expanded', 'true')
  await page.context().close()
})

test('at 1366×768 a cell’s tooltip shows below it, never over the row above', async ({ browser }) => {
  const page = await pageOn(browser, 'laptop', 'Alice Organiser')
  await openMatrix(page)
  await scrollToGrid(page)
  const cell = gridOf(page).getByRole('gridcell', { name: /^Decision support, PMO Analyst:/ })
  await cell.hover()
  const tooltip = page.getByRole('tooltip')
  await expect(tooltip).toBeVisible()
  const [cellBox, tipBox] = [(await cell.boundingBox())!, (await tooltip.boundingBox())!]
  expect(tipBox.y).toBeGreaterThanOrEqual(cellBox.y + cellBox.height - 1)
  await page.screenshot({ path: screenshotPath('devices-laptop-matrix-tooltip') })
  await page.context().close()
})

for (const input of ['mouse', 'touch'] as const) {
  test(`every ⋯ menu in the matrix opens on the first ${input === 'mouse' ? 'click' : 'tap'}`, async ({ browser }) => {
    const page = await pageOn(browser, input === 'mouse' ? 'laptop' : 'phone', 'Alice Organiser')
    await openMatrix(page)
    const press = (locator: Locator) => (input === 'mouse' ? locator.click() : locator.tap())
    // Each press is the first on that menu, made while focus sits elsewhere in the grid:
    // that is when focusing the header used to move the grid under the pointer.
    const menus = [
      ['Edit role PMO Administrator', 'Edit role PMO Administrator'],
      ['Edit domain Governance and assurance', 'Edit domain Governance and assurance'],
      ['Edit Decision support', 'Edit competency Decision support'],
      ['Edit domain Planning and scheduling', 'Edit domain Planning and scheduling'],
      ['Edit Governance support', 'Edit competency Governance support'],
    ] as const
    for (const [button, dialog] of menus) {
      await press(gridOf(page).getByRole('button', { name: button, exact: true }))
      await expect(page.getByRole('dialog', { name: dialog })).toBeVisible()
      if (input === 'touch') await expectNoSidewaysScroll(page)
      await press(page.getByRole('dialog', { name: dialog }).getByRole('button', { name: 'Done' }))
      await expect(page.getByRole('dialog')).toHaveCount(0)
    }
    await page.context().close()
  })
}

test('on a phone the matrix shows one role at a time, and a tap opens a cell whose level is set by tapping, with no keyboard', async ({ browser }) => {
  const page = await pageOn(browser, 'phone', 'Bob Contributor')
  await openMatrix(page)
  await expectNoSidewaysScroll(page)
  await page.screenshot({ path: screenshotPath('devices-phone-matrix-top') })

  // One role column, chosen with the picker; the first role to begin with.
  const grid = gridOf(page)
  await expect(grid.getByRole('columnheader')).toHaveCount(2)
  await expect(grid.getByRole('columnheader', { name: /^PMO Administrator/ })).toBeVisible()
  await page.getByRole('button', { name: 'Next role: PMO Analyst' }).tap()
  await expect(grid.getByRole('columnheader', { name: /^PMO Analyst/ })).toBeVisible()
  await expect(grid.getByRole('columnheader')).toHaveCount(2)
  await expect(page.getByLabel('Role shown')).toHaveValue(/.+/)

  await scrollToGrid(page)
  await expectNoSidewaysScroll(page)
  expect(await rowsInView(page)).toBeGreaterThanOrEqual(5)
  await page.screenshot({ path: screenshotPath('devices-phone-matrix-grid') })

  // The sticky headers stay in view while reading down.
  await page.evaluate(() => window.scrollBy(0, 1200))
  const header = grid.getByRole('columnheader', { name: /^PMO Analyst/ })
  await expect(header).toBeInViewport()
  expect((await header.boundingBox())!.y).toBeLessThan(10)
  await scrollToGrid(page)

  // One tap opens the cell, with the levels first and nothing to type into focused.
  const cell = grid.getByRole('gridcell', { name: /^Decision support, PMO Analyst:/ })
  const originally = (await cell.getAttribute('aria-label'))!.match(/: ([^.(,]+)/)![1]!.trim()
  const target = originally === 'Advanced' ? 'Leading' : 'Advanced'
  await cell.tap()
  const editor = page.getByRole('dialog', { name: 'Edit Decision support, PMO Analyst' })
  await expect(editor).toBeVisible()
  await expectNoTextFieldFocused(page)
  await expectNoSidewaysScroll(page)
  await expect(editor.getByRole('button', { name: new RegExp(target) })).toBeInViewport()
  await page.screenshot({ path: screenshotPath('devices-phone-matrix-cell') })
  await expectNoSeriousViolations(page)

  await editor.getByRole('button', { name: new RegExp(target) }).tap()
  await expect(editor.getByRole('button', { name: new RegExp(target) })).toHaveAttribute('aria-pressed', 'true')
  await expectNoTextFieldFocused(page)
  await expect(cell).toHaveAttribute('aria-label', new RegExp(`: ${target}`))
  // Put it back as it was, for the other suites that read this cell.
  await editor.getByRole('button', { name: new RegExp(originally) }).first().tap()
  await expect(cell).toHaveAttribute('aria-label', new RegExp(`: ${originally}`))
  await editor.getByRole('button', { name: 'Done' }).tap()
  await expect(editor).toBeHidden()
  await page.context().close()
})

test('an observer’s tap on a phone opens the cell to read, with nothing to change', async ({ browser }) => {
  const page = await pageOn(browser, 'phone', 'Olive Observer')
  await openMatrix(page)
  await gridOf(page).getByRole('gridcell', { name: /^Decision support, PMO Administrator:/ }).tap()
  const editor = page.getByRole('dialog', { name: 'Edit Decision support, PMO Administrator' })
  await expect(editor).toBeVisible()
  await expect(editor.getByRole('button', { name: /Advanced/ })).toBeDisabled()
  await expectNoTextFieldFocused(page)
  await page.context().close()
})

for (const device of ['laptop', 'phone'] as const satisfies readonly DeviceName[]) {
  test(`on the ${device} the terms of reference fit the screen and the toolbar keeps to one row, with More opening on the first ${device === 'phone' ? 'tap' : 'click'}`, async ({ browser }) => {
    const page = await pageOn(browser, device, 'Bob Contributor')
    await page.goto('/terms-of-reference')
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' })
    await expect(toolbar).toBeVisible()
    await expect(page.getByTestId('connection-status')).toHaveText('Connected')
    await expectNoSidewaysScroll(page)
    await expectOneRow(toolbar)
    if (device === 'phone') {
      // The document itself begins on the first screen; the outline is one line above it.
      const text = (await page.getByRole('textbox', { name: 'Terms of reference' }).boundingBox())!
      expect(text.y + 60).toBeLessThanOrEqual(844)
      await page.getByText(/^Outline/).tap()
      const outline = page.getByRole('navigation', { name: 'Outline of the terms of reference' })
      await outline.getByRole('link', { name: 'Licensing' }).tap()
      await expect(page.getByRole('heading', { name: 'Licensing' })).toBeInViewport()
      // Having taken the reader there, the outline folds again.
      await expect(outline).toBeHidden()
      await page.evaluate(() => window.scrollTo(0, 0))
    }
    await page.screenshot({ path: screenshotPath(`devices-${device}-terms-of-reference`) })
    await expectNoSeriousViolations(page)

    const more = toolbar.getByRole('button', { name: 'More' })
    await expect(more).toBeVisible()
    if (device === 'phone') await more.tap()
    else await more.click()
    const menu = page.getByRole('menu', { name: 'More formatting' })
    await expect(menu).toBeVisible()
    await expect(menu.getByRole('menuitem', { name: 'Insert table' })).toBeVisible()
    await expectNoSidewaysScroll(page)
    await page.screenshot({ path: screenshotPath(`devices-${device}-terms-of-reference-more`) })
    await expectNoSeriousViolations(page)
    // A press anywhere else closes it.
    if (device === 'phone') await page.getByRole('heading', { name: 'Terms of reference', level: 1 }).tap()
    else await page.getByRole('heading', { name: 'Terms of reference', level: 1 }).click()
    await expect(menu).toBeHidden()
    await page.context().close()
  })

  test(`on the ${device} a meeting's page fits, with its notes ${device === 'phone' ? 'on the first screen' : 'and toolbars in one row'}`, async ({ browser }) => {
    const page = await pageOn(browser, device, 'Bob Contributor')
    await page.goto('/meetings/kick-off')
    await expect(page.getByRole('heading', { name: 'Kick-off meeting', level: 1 })).toBeVisible()
    await expect(notesOf(page)).toBeVisible()
    await expectNoSidewaysScroll(page)
    for (const toolbar of await page.getByRole('toolbar', { name: 'Formatting' }).all()) await expectOneRow(toolbar)
    if (device === 'phone') {
      // The notes begin on the first screen, with room to see what is being typed.
      const notes = (await notesOf(page).boundingBox())!
      expect(notes.y + 60).toBeLessThanOrEqual(844)
      // The details folded away are there on request.
      await page.getByText('Details and downloads').tap()
      await expect(page.getByRole('link', { name: /Markdown/ })).toBeVisible()
      await page.getByText('Details and downloads').tap()
    }
    await page.screenshot({ path: screenshotPath(`devices-${device}-meeting`) })
    await expectNoSeriousViolations(page)
    await page.context().close()
  })
}

test('on a phone no page of the studio scrolls sideways', async ({ browser }) => {
  const page = await pageOn(browser, 'phone', 'Alice Organiser')
  const pages = [
    ['/meetings', 'meetings', page.getByRole('heading', { name: 'Meetings', level: 1 })],
    ['/my-actions', 'my-actions', page.getByRole('heading', { level: 1 })],
    ['/members', 'members', page.getByRole('heading', { name: 'Members', level: 1 })],
    ['/members/all', 'members-all', page.getByRole('heading', { name: 'Members', level: 1 })],
    ['/members/invites', 'members-invites', page.getByRole('heading', { name: 'Members', level: 1 })],
    ['/members/audit', 'members-audit', page.getByRole('heading', { name: 'Members', level: 1 })],
  ] as const
  for (const [path, name, heading] of pages) {
    await page.goto(path)
    await expect(heading).toBeVisible()
    await expectNoSidewaysScroll(page)
    await page.screenshot({ path: screenshotPath(`devices-phone-${name}`), fullPage: true })
  }
  await expectNoSeriousViolations(page)
  await page.context().close()

  const visitor = await pageOn(browser, 'phone', null)
  for (const [path, name] of [['/sign-in', 'sign-in'], ['/sign-up', 'sign-up']] as const) {
    await visitor.goto(path)
    await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible()
    await expectNoSidewaysScroll(visitor)
    await visitor.screenshot({ path: screenshotPath(`devices-phone-${name}`), fullPage: true })
    await expectNoSeriousViolations(visitor)
  }
  await visitor.context().close()
})
