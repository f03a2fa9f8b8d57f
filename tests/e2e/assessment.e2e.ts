/**
 * Self-assessment in Chromium (issue 17): a member reaches it from the workspace navigation,
 * chooses their roles, rates a few competencies while reading the descriptors, ticks an
 * indicator and writes evidence, then sees the gap analysis with its chart (drawn by the
 * chart library under the studio's Content Security Policy) and its tables; the same
 * assessment opens on their phone, and organisers' Insights page shows aggregates only.
 * Offline on a phone, a rating and evidence changed without a network survive a reload (the
 * framework kept on the device, the ratings in its document copy) and reach the member's
 * laptop once the connection returns.
 * Each screen is photographed on a laptop and a phone; axe-core finds no serious violation
 * (on the laptop: the phone shows the same markup).
 */
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, pageOn, screenshotPath } from './support/people.ts'

/** Fails the test on any Content Security Policy violation the page reports. */
function watchCsp(page: Page): string[] {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (evaluate|execute|load|apply)/i.test(message.text())) violations.push(message.text())
  })
  return violations
}

test('a member rates themselves, sees their gaps charted, and resumes on their phone', async ({ browser }) => {
  test.setTimeout(120_000)
  const organiser = await pageOn(browser, 'laptop', 'Alice Organiser')
  // A release to assess against (the releases scenario may or may not have made one).
  const made = await organiser.request.post('/api/releases', {
    data: { versionId: 'now', name: `Assessment pilot ${Date.now()}` },
    headers: { origin: new URL(organiser.url()).origin },
  })
  expect(made.status()).toBe(201)

  const laptop = await pageOn(browser, 'laptop', 'Bob Contributor')
  const csp = watchCsp(laptop)
  await laptop.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Assessment' }).click()
  await expect(laptop.getByRole('heading', { level: 1, name: 'My self-assessment' })).toBeVisible()
  await laptop.getByLabel('Your current role').selectOption({ label: 'PMO Analyst' })
  await expect(laptop.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
  await laptop.getByLabel('The role you aim for').selectOption({ label: 'PMO Manager' })
  await expect(laptop.getByLabel('The role you aim for')).toHaveValue('pmo-manager')

  const governance = laptop.locator('[data-competency="governance-support"]')
  await governance.getByText('Governance support', { exact: true }).click()
  await governance.getByRole('radio', { name: /^3 Independent/ }).check()
  await governance.getByRole('checkbox', { name: 'Plans the forward agenda of each board for the next quarter.' }).check()
  await governance.getByLabel('Evidence').fill('Ran the programme board cycle for a year.')
  await expect(governance.locator('.assessment-competency__level')).toHaveText('3 Independent')
  const assurance = laptop.locator('[data-competency="assurance-and-health-checks"]')
  await assurance.getByText('Assurance and health checks', { exact: true }).click()
  await assurance.getByRole('radio', { name: /^1 Aware/ }).check()
  await expect(laptop.getByRole('button', { name: /Rate yourself \(2 of \d+\)/ })).toBeVisible()
  await laptop.screenshot({ path: screenshotPath('assessment-rate-laptop') })
  await expectNoSeriousViolations(laptop)

  await laptop.getByRole('button', { name: 'Gap analysis' }).click()
  const table = laptop.getByRole('table', { name: 'Governance and assurance, gaps' })
  const row = table.getByRole('row', { name: /Governance support/ })
  await expect(row).toContainText('3 Independent')
  await expect(row).toContainText('+1')
  await expect(laptop.getByRole('img', { name: /Bar chart of your levels in Governance and assurance/ })).toBeVisible()
  await expect(laptop.getByRole('heading', { name: 'Where to grow first' })).toBeVisible()
  await expect(laptop.getByRole('region', { name: 'Where to grow first' }).getByRole('listitem').filter({ hasText: 'you are at 3 Independent, 4 Advanced is expected' })).toContainText('Next: 4 Advanced')
  await laptop.getByRole('img', { name: /Bar chart of your levels in Governance and assurance/ }).scrollIntoViewIfNeeded()
  await laptop.screenshot({ path: screenshotPath('assessment-gaps-laptop') })
  await expectNoSeriousViolations(laptop)
  expect(csp).toEqual([])

  // The same assessment on the phone, by touch.
  const phone = await pageOn(browser, 'phone', 'Bob Contributor')
  await phone.goto('/self-assessment')
  const onPhone = phone.locator('[data-competency="governance-support"]')
  await expect(onPhone.locator('.assessment-competency__level')).toHaveText('3 Independent')
  await onPhone.getByText('Governance support', { exact: true }).tap()
  await expect(onPhone.getByLabel('Evidence')).toHaveValue('Ran the programme board cycle for a year.')
  await phone.screenshot({ path: screenshotPath('assessment-rate-phone') })
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await phone.getByRole('button', { name: 'Gap analysis' }).tap()
  await expect(phone.getByRole('img', { name: /Bar chart of your levels in Governance and assurance/ })).toBeVisible()
  await phone.getByRole('img', { name: /Bar chart of your levels in Governance and assurance/ }).scrollIntoViewIfNeeded()
  await phone.screenshot({ path: screenshotPath('assessment-gaps-phone') })

  // Organisers see aggregates only: one member's ratings are below the threshold and withheld.
  await organiser.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Releases' }).click()
  await organiser.getByRole('link', { name: 'Insights from self-assessments' }).click()
  await expect(organiser.getByRole('heading', { level: 1, name: 'Insights from self-assessments' })).toBeVisible()
  await expect(organiser.getByText('No competency and role has enough people sharing to show.')).toBeVisible()
  await organiser.screenshot({ path: screenshotPath('insights-laptop') })
  await expectNoSeriousViolations(organiser)
  const organiserPhone = await pageOn(browser, 'phone', 'Alice Organiser')
  await organiserPhone.goto('/insights')
  await expect(organiserPhone.getByRole('heading', { level: 1, name: 'Insights from self-assessments' })).toBeVisible()
  await organiserPhone.screenshot({ path: screenshotPath('insights-phone') })
  expect(await organiserPhone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  for (const page of [organiser, organiserPhone, laptop, phone]) await page.context().close()
})

test('an assessment changed offline on a phone survives a reload and reaches the member\'s other device', async ({ browser }) => {
  test.setTimeout(60_000)
  const phone = await pageOn(browser, 'phone', 'Alice Organiser')
  const made = await phone.request.post('/api/releases', {
    data: { versionId: 'now', name: `Offline assessment ${Date.now()}` },
    headers: { origin: new URL(phone.url()).origin },
  })
  expect(made.status()).toBe(201)
  await phone.goto('/self-assessment')
  const status = phone.getByTestId('connection-status')
  await expect(status).toHaveText('Connected')
  const governance = phone.locator('[data-competency="governance-support"]')
  await governance.getByText('Governance support', { exact: true }).tap()
  await governance.getByRole('radio', { name: /^2 / }).check()
  await governance.getByLabel('Evidence').fill('Wrote the board terms with a connection.')
  // The app shell (the page's own code included) must be kept by the service worker first.
  await phone.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await expect.poll(() => phone.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)

  // The member's other device, open before the phone goes offline: it has the first rating.
  const laptop = await pageOn(browser, 'laptop', 'Alice Organiser')
  await laptop.goto('/self-assessment')
  const onLaptop = laptop.locator('[data-competency="governance-support"]')
  await expect(onLaptop.locator('.assessment-competency__level')).toHaveText(/^2 /)

  await phone.context().setOffline(true)
  await expect(status).toHaveAttribute('data-state', 'offline')
  await governance.getByRole('radio', { name: /^3 / }).check()
  const offlineWords = 'Ran the board cycle for a year, written on the train.'
  await governance.getByLabel('Evidence').fill(offlineWords)
  await expect(status).toHaveText('Offline – unsent changes in 1 document')

  // A reload with no network: the page and its framework from this device, the ratings from its copy.
  await phone.reload()
  await expect(phone.getByTestId('offline-session')).toContainText('Working offline as Alice Organiser')
  await expect(governance.locator('.assessment-competency__level')).toHaveText(/^3 /)
  await phone.screenshot({ path: screenshotPath('assessment-offline-phone-top') })
  await governance.getByText('Governance support', { exact: true }).tap()
  await expect(governance.getByLabel('Evidence')).toHaveValue(offlineWords)
  await expect(governance.getByRole('radio', { name: /^3 / })).toBeEnabled()
  await expect(status).toHaveText('Offline – unsent changes in 1 document')
  await governance.getByLabel('Evidence').scrollIntoViewIfNeeded()
  await phone.screenshot({ path: screenshotPath('assessment-offline-phone') })
  await expect(onLaptop.locator('.assessment-competency__level')).toHaveText(/^2 /)

  // Back online, the change reaches the studio and the other device.
  await phone.context().setOffline(false)
  await expect(status).toHaveText('Connected')
  await expect(onLaptop.locator('.assessment-competency__level')).toHaveText(/^3 /)
  await onLaptop.getByText('Governance support', { exact: true }).click()
  await expect(onLaptop.getByLabel('Evidence')).toHaveValue(offlineWords)
  await expect(phone.getByRole('status').filter({ hasText: 'You are offline' })).toHaveCount(0)
  for (const page of [phone, laptop]) await page.context().close()
})
