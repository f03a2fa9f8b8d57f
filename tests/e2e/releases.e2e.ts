/**
 * Releases in Chromium (issue 16): an organiser releases the matrix from the Releases page
 * (reached from the workspace navigation) and withdraws a release after a confirmation; the
 * public page opens without signing in, works without JavaScript, has no accessibility
 * violation (axe-core, every impact), fits a phone, and is weighed on a first visit. Each
 * screen is photographed on a laptop and a phone (tests/artifacts/screenshots).
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { devices, pageOn, screenshotPath } from './support/people.ts'
import { e2eState } from './support/state.ts'

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** Bytes a first visit to `path` transfers (bodies and headers of every response), in a fresh context without JavaScript. */
async function firstVisitBytes(page: Page, path: string): Promise<number> {
  const sizes: Array<Promise<number>> = []
  page.on('requestfinished', (request) => sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize)))
  await page.goto(path, { waitUntil: 'networkidle' })
  return (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0)
}

test('an organiser releases the framework, anyone reads it on the public page, and a withdrawn release disappears', async ({ browser }) => {
  test.setTimeout(180_000)
  const organiser = await pageOn(browser, 'laptop', 'Alice Organiser')
  await organiser.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Releases' }).click()
  await expect(organiser.getByRole('heading', { level: 1, name: 'Releases' })).toBeVisible()
  await organiser.getByLabel('Name', { exact: true }).fill('0.1 consultation draft')
  await organiser.getByLabel('Release notes').fill('The first draft for the group\'s consultation.\n\nComments welcome until the end of the month.')
  await organiser.getByRole('button', { name: 'Release', exact: true }).click()
  await expect(organiser.getByRole('status').filter({ hasText: 'Released 0.1 consultation draft' })).toBeVisible()
  await organiser.getByLabel('Name', { exact: true }).fill('0.2 second draft')
  await organiser.getByRole('button', { name: 'Release', exact: true }).click()
  await expect(organiser.getByRole('link', { name: '0.2 second draft' })).toBeVisible()
  await organiser.screenshot({ path: screenshotPath('releases-organiser-laptop'), fullPage: true })

  // Withdrawing asks first.
  await organiser.getByRole('button', { name: /^Withdraw…\s*0\.2 second draft$/ }).click()
  await organiser.screenshot({ path: screenshotPath('releases-organiser-withdraw-laptop') })
  await organiser.getByRole('button', { name: 'Withdraw 0.2 second draft', exact: true }).click()
  await expect(organiser.getByRole('status').filter({ hasText: 'Withdrew 0.2 second draft' })).toBeVisible()
  await expect(organiser.getByRole('link', { name: '0.2 second draft' })).toHaveCount(0)

  const organiserPhone = await pageOn(browser, 'phone', 'Alice Organiser')
  await organiserPhone.goto('/releases')
  await expect(organiserPhone.getByRole('link', { name: '0.1 consultation draft' })).toBeVisible()
  await organiserPhone.screenshot({ path: screenshotPath('releases-organiser-phone'), fullPage: true })
  await organiserPhone.context().close()

  // The public page from the Releases page's link, signed in: the server's page, not the app's.
  await organiser.getByRole('link', { name: 'public framework page' }).click()
  await expect(organiser.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(organiser.getByText('Release 0.1 consultation draft')).toBeVisible()
  await organiser.context().close()

  // Anyone, without signing in and without JavaScript.
  const visitor = await browser.newContext({ baseURL: e2eState().baseUrl, ...devices.laptop, javaScriptEnabled: false })
  const page = await visitor.newPage()
  const bytes = await firstVisitBytes(page, '/framework')
  console.log(`first visit to /framework: ${bytes} bytes transferred`)
  expect(bytes).toBeLessThan(100 * 1024)
  await expect(page.getByText('Release 0.1 consultation draft')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Downloads' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Word document (DOCX)' })).toHaveAttribute('href', '/framework/0-1-consultation-draft/framework.docx')
  await expect(page.getByText('0.2 second draft')).toHaveCount(0)
  await page.screenshot({ path: screenshotPath('framework-public-laptop') })
  await page.getByText(/^Every change/).click()
  await page.getByRole('heading', { name: 'Credits' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: screenshotPath('framework-public-laptop-changes') })
  const download = await page.request.get('/framework/0-1-consultation-draft/framework.xlsx')
  expect(download.status()).toBe(200)
  expect((await page.request.get('/framework/0-2-second-draft')).status()).toBe(404)
  await visitor.close()

  // axe-core runs as a script, so it looks at the same page in a context that allows one.
  const checker = await browser.newContext({ baseURL: e2eState().baseUrl, ...devices.laptop })
  const checked = await checker.newPage()
  await checked.goto('/framework')
  await checked.getByText(/^Every change/).click()
  await expectNoViolations(checked)
  await checker.close()

  const phone = await browser.newContext({ baseURL: e2eState().baseUrl, ...devices.phone })
  const phonePage = await phone.newPage()
  await phonePage.goto('/framework')
  await phonePage.screenshot({ path: screenshotPath('framework-public-phone'), fullPage: true })
  const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expectNoViolations(phonePage)
  await phone.close()
})

test('a member chooses how releases credit them', async ({ browser }) => {
  const page = await pageOn(browser, 'laptop', 'Bob Contributor')
  await page.goto('/account')
  await page.getByRole('radio', { name: 'By my initials' }).check()
  await page.getByRole('button', { name: 'Save your details' }).click()
  await expect(page.getByText('Your account is saved.')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('radio', { name: 'By my initials' })).toBeChecked()
  await page.context().close()
})
