/**
 * The organisers' health page and its warning banner (issue 18), on a laptop and a phone.
 * The test runs a studio of its own in this process, on a clock it moves (StudioOptions.now),
 * so a backup can be taken and then fall overdue without waiting a day.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import type { StudioOptions } from '@studio/server'
import { createMembers, testPassword, type TestMember } from '../support/members.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'
import { devices, expectNoSeriousViolations, screenshotPath, type DeviceName } from './support/people.ts'

const hour = 3_600_000
const start = new Date('2027-03-01T09:00:00Z')
let clock = start
let store: StoreTarget
let running: RunningStudio
let members: TestMember[]

test.beforeAll(async () => {
  store = await freshStore('sqlite')
  members = await createMembers(store, [
    { name: 'Alice Organiser', role: 'organiser' },
    { name: 'Bob Contributor', role: 'contributor' },
  ])
  const options: StudioOptions = { now: () => clock }
  running = await startStudio(store, { LOG_LEVEL: 'error' }, options)
})

test.afterAll(async () => {
  await running?.close()
  await store?.dispose()
})

async function signedIn(browser: Browser, device: DeviceName, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: running.url, timezoneId: 'Europe/London', ...devices[device] })
  const page = await context.newPage()
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(members.find((member) => member.name === name)!.email)
  await page.getByLabel('Password').fill(testPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible()
  return page
}

const banner = (page: Page) => page.getByTestId('health-banner')

test('organisers open the health page from the navigation and read it on a laptop and a phone', async ({ browser }) => {
  clock = new Date(start.getTime() + 10 * 60_000)
  expect(await running.studio.app.backups.runDailyBackup()).not.toBeNull()
  clock = new Date(start.getTime() + 3 * hour)
  for (const device of ['laptop', 'phone'] as const) {
    const page = await signedIn(browser, device, 'Alice Organiser')
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /health/i }).click()
    await expect(page).toHaveURL(/\/studio-health$/)
    await expect(page.getByRole('heading', { name: 'Studio health', level: 1 })).toBeVisible()
    const backups = page.getByTestId('health-backups')
    await expect(backups).toContainText('Up to date')
    await expect(backups).toContainText(/studio-backup-2027-03-01T09-10-00Z\.ndjson\.gz/)
    await expect(page.getByTestId('health-store')).toContainText('Taking writes')
    await expect(page.getByTestId('health-store')).toContainText('SQLite')
    await expect(page.getByTestId('health-disk')).toContainText('Room to spare')
    await expect(page.getByTestId('health-mail')).toContainText('No failures')
    await expect(page.getByTestId('health-studio')).toContainText('3 hours')
    // The organiser's own socket is live on this page (read again until it has connected).
    await expect(async () => {
      await page.getByRole('button', { name: 'Check again' }).click()
      await expect(page.getByTestId('health-activity')).toContainText(/People online\s*1 \(1 connection\)/, { timeout: 1000 })
    }).toPass({ timeout: 15_000 })
    await expect(banner(page)).toHaveCount(0)
    await page.screenshot({ path: screenshotPath(`studio-health-${device}`), fullPage: true })
    await expectNoSeriousViolations(page)
    await page.context().close()
  }
})

test('an overdue backup puts a warning on every organiser\'s page, and nobody else sees the page', async ({ browser }) => {
  clock = new Date(start.getTime() + 10 * 60_000 + 27 * hour)
  for (const device of ['laptop', 'phone'] as const) {
    const page = await signedIn(browser, device, 'Alice Organiser')
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Terms/ }).click()
    await expect(banner(page)).toContainText('The last backup is more than 26 hours old')
    await expect(page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /health/i })).toContainText('1 warning')
    await page.screenshot({ path: screenshotPath(`studio-health-banner-${device}`) })
    await banner(page).getByRole('link', { name: 'Open the studio\'s health page' }).click()
    await expect(page).toHaveURL(/\/studio-health$/)
    await expect(page.getByTestId('health-backups')).toContainText('Overdue')
    await page.screenshot({ path: screenshotPath(`studio-health-overdue-${device}`), fullPage: true })
    await expectNoSeriousViolations(page)
    await page.context().close()
  }

  const bob = await signedIn(browser, 'laptop', 'Bob Contributor')
  await expect(bob.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /health/i })).toHaveCount(0)
  await expect(banner(bob)).toHaveCount(0)
  await bob.goto('/studio-health')
  await expect(bob).not.toHaveURL(/\/studio-health$/)
  await bob.context().close()
})
