/**
 * A competency matrix at its largest expected size (200 competencies × 12 roles, on a
 * studio of its own so the other files keep their small matrix): the grid makes the rows
 * that fill the window first and the rest when the page is idle (MatrixGrid,
 * useProgressiveRows). Its size is announced from the start (aria-rowcount, aria-rowindex),
 * the keyboard reaches rows not made yet, and every row is in the page soon after; the
 * page is looked at on a laptop and a phone, at the top and halfway down.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { competencyCount, gridLineCount, largeFramework, roleCount } from '../bench/large-framework.ts'
import { createMembers, signIn } from '../support/members.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'
import { devices, screenshotPath, type DeviceName } from './support/people.ts'

let store: StoreTarget
let running: RunningStudio
let cookie: string

test.beforeAll(async () => {
  store = await freshStore('sqlite')
  const [alice] = await createMembers(store, [{ name: 'Alice Organiser', role: 'organiser' }])
  running = await startStudio(store, { LOG_LEVEL: 'error' })
  cookie = await signIn(running.url, alice!.email)
  const imported = await fetch(`${running.url}/api/import/framework?mode=replace`, {
    method: 'POST',
    headers: { cookie, origin: running.origin, 'content-type': 'application/json' },
    body: JSON.stringify(largeFramework({ notes: true }).file),
  })
  expect(imported.status).toBe(200)
})

test.afterAll(async () => {
  await running?.close()
  await store?.dispose()
})

/**
 * Alice on the matrix page. With `idleHeldBack`, the page is never idle (its idle callbacks
 * wait until the test releases them), so only the rows made at first are in the grid.
 */
async function matrixOn(browser: Browser, device: DeviceName, options: { idleHeldBack?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: running.url, timezoneId: 'Europe/London', ...devices[device] })
  const [name, value] = cookie.split('=') as [string, string]
  await context.addCookies([{ name, value, url: running.url }])
  const page = await context.newPage()
  if (options.idleHeldBack) {
    await page.addInitScript(() => {
      const held: IdleRequestCallback[] = []
      window.requestIdleCallback = (callback) => held.push(callback)
      window.cancelIdleCallback = (handle) => void (held[handle - 1] = () => {})
      ;(window as unknown as { releaseIdle: () => void }).releaseIdle = () => {
        for (const callback of held.splice(0)) callback({ didTimeout: true, timeRemaining: () => 0 })
      }
    })
  }
  await page.goto('/competency-matrix')
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  return page
}

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const rowsInGrid = (page: Page) => gridOf(page).evaluate((grid) => grid.querySelectorAll('[role=row]').length)
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')

test('the grid makes the rows in view first, announces its full size, and the keyboard reaches the last row and back', async ({ browser }) => {
  const page = await matrixOn(browser, 'laptop', { idleHeldBack: true })
  const grid = gridOf(page)
  await expect(grid).toHaveAttribute('aria-rowcount', String(gridLineCount))
  const madeAtFirst = await rowsInGrid(page)
  expect(madeAtFirst).toBeGreaterThan(10)
  expect(madeAtFirst).toBeLessThan(gridLineCount / 4)
  // The rows not made yet still take their room: the scrollbar has the whole grid's height.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(competencyCount * 50)
  await expect(grid.getByRole('row').last()).toHaveAttribute('aria-rowindex', String(madeAtFirst))

  await grid.getByRole('gridcell', { name: /^Competency 1, Role 1:/ }).focus()
  await page.keyboard.press('Control+End')
  await expect.poll(() => focused(page)).toMatch(new RegExp(`^Competency ${competencyCount}, Role ${roleCount}:`))
  const last = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `Competency ${competencyCount}`, exact: true }) })
  await expect(last).toHaveAttribute('aria-rowindex', String(gridLineCount))
  await expect(last).toBeInViewport()
  expect(await rowsInGrid(page)).toBe(gridLineCount)

  await page.keyboard.press('Control+Home')
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')).toMatch(/^Competency/)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => focused(page)).toMatch(/^Competency 1, Role 1:/)
  await expect(grid.getByRole('gridcell', { name: /^Competency 1, Role 1:/ })).toBeInViewport()
  await page.context().close()
})

test('left alone, the page makes every row soon after the first ones, so find and print see the whole matrix', async ({ browser }) => {
  const page = await matrixOn(browser, 'laptop', { idleHeldBack: true })
  const madeAtFirst = await rowsInGrid(page)
  expect(madeAtFirst).toBeLessThan(gridLineCount)
  // Printing makes the rest at once.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
  await expect.poll(() => rowsInGrid(page)).toBe(gridLineCount)
  await page.context().close()

  const idle = await matrixOn(browser, 'laptop')
  await expect.poll(() => idle.evaluate(() => document.querySelectorAll('[role=gridcell]').length), { timeout: 15_000 }).toBe(competencyCount * roleCount)
  await expect(gridOf(idle).getByRole('row').last()).toHaveAttribute('aria-rowindex', String(gridLineCount))
  await idle.context().close()
})

test('on a laptop and a phone the large matrix reads at the top and halfway down', async ({ browser }) => {
  for (const device of ['laptop', 'phone'] as const) {
    const page = await matrixOn(browser, device)
    await expect.poll(() => rowsInGrid(page), { timeout: 15_000 }).toBe(gridLineCount)
    await page.screenshot({ path: screenshotPath(`matrix-large-${device}-top`) })
    const halfway = gridOf(page).getByRole('rowheader', { name: `Competency ${competencyCount / 2}`, exact: true })
    await halfway.scrollIntoViewIfNeeded()
    await expect(halfway).toBeInViewport()
    await page.screenshot({ path: screenshotPath(`matrix-large-${device}-middle`) })
    await page.context().close()
  }
})
