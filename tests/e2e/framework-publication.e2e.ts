/**
 * The framework's HTML publication in Chromium: axe-core finds no accessibility violation at
 * all, on the page the studio serves and on one with descriptors, indicators, references and
 * PMO type overrides (the publication fixture, names with markup included); the skip link
 * leads to the framework; and the page is photographed on a laptop and a phone and printed
 * to an A4 PDF for a person to look at (tests/artifacts/screenshots).
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { frameworkToHtml } from '@studio/framework/publication'
import { publicationFixture } from '../../packages/framework/src/publication/publication-fixture.ts'
import path from 'node:path'
import { testPassword } from '../support/members.ts'
import { devices, screenshotDirectory, screenshotPath } from './support/people.ts'
import { e2eState, memberNamed } from './support/state.ts'

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

test('the published HTML page has no accessibility violations, and reads well on a laptop, a phone and A4 paper', async ({ browser }) => {
  // axe-core over two long pages, two screenshots and a PDF: more than the suite's usual minute on a busy machine.
  test.setTimeout(180_000)
  const { baseUrl } = e2eState()
  const context = await browser.newContext({ baseURL: baseUrl, ...devices.laptop })
  const page = await context.newPage()
  // Signed in through the API: the page under test is the download, not the web app.
  const session = await page.request.post('/api/session', { data: { email: memberNamed('Bob Contributor').email, password: testPassword }, headers: { origin: baseUrl } })
  expect(session.status()).toBe(200)
  const served = await page.request.get('/api/export/framework.html')
  expect(served.status()).toBe(200)
  expect(served.headers()['content-security-policy']).toBe('sandbox')
  await page.setContent(await served.text())
  await expectNoViolations(page)

  await page.setContent(frameworkToHtml(publicationFixture(), { generatedOn: '6 December 2026' }))
  await expectNoViolations(page)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PMO Competency Framework')
  await expect(page.getByRole('heading', { name: 'D2.C1 Risk <script>alert("x")</script> & issues' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Expected level of D1.C1 Governance support for each role, and where a PMO type differs' })).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to the framework' })).toBeFocused()
  await page.screenshot({ path: screenshotPath('framework-publication-laptop') })
  await page.getByRole('heading', { name: 'D1.C1 Governance support' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: screenshotPath('framework-publication-laptop-competency') })
  await page.pdf({ path: path.join(screenshotDirectory, 'framework-publication-a4.pdf'), format: 'A4', printBackground: true })
  await context.close()

  const phone = await browser.newContext(devices.phone)
  const phonePage = await phone.newPage()
  await phonePage.setContent(frameworkToHtml(publicationFixture()))
  await phonePage.getByRole('heading', { name: 'D1.C1 Governance support' }).scrollIntoViewIfNeeded()
  await phonePage.screenshot({ path: screenshotPath('framework-publication-phone') })
  // Nothing wider than the phone but the tables, which scroll in their own box.
  const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await phone.close()
})
