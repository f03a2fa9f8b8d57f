/**
 * Search in Chromium (issue 14): on a laptop a member types in the header's search field and,
 * without pressing anything, lands on the results, the typed word (a prefix) marked in a
 * result that says where it is; following it opens the terms of reference. On a phone the
 * header's Search link opens the page, whose own field finds words in any order with a tap
 * to follow. Screenshots of both, and axe on the results.
 */
import { expect, test } from '@playwright/test'
import { expectNoSeriousViolations, pageOn, screenshotPath } from './support/people.ts'

test('a laptop: type in the header, see a result with the match marked, follow it', async ({ browser }) => {
  const page = await pageOn(browser, 'laptop', 'Alice Organiser')
  await page.goto('/meetings')
  const header = page.getByRole('search', { name: 'Search the studio' })
  await expect(header).toBeVisible()
  await page.screenshot({ path: screenshotPath('search-laptop-header') })
  await header.getByRole('searchbox', { name: 'Search the studio' }).pressSequentially('purpo', { delay: 40 })
  await expect(page).toHaveURL(/\/search\?q=purpo$/)
  const result = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Terms of reference › Purpose', exact: true }) })
  await expect(result).toBeVisible()
  await expect(result.locator('mark').first()).toHaveText(/^purpo/i)
  await expect(page.locator('#search-status')).toContainText('for “purpo”')
  // The results page has its own field, holding what was typed; the header's steps aside.
  await expect(page.getByRole('searchbox', { name: 'Words to find' })).toHaveValue('purpo')
  await expect(header).toHaveCount(0)
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: screenshotPath('search-laptop') })

  await result.getByRole('link').click()
  await expect(page).toHaveURL(/\/terms-of-reference$/)
  await expect(page.getByRole('textbox', { name: 'Terms of reference' })).toContainText('Purpose')
  await page.context().close()
})

test('a laptop: keys pressed while the results page loads are kept', async ({ browser }) => {
  const page = await pageOn(browser, 'laptop', 'Alice Organiser')
  // The results page's code is held back, as on a slow connection or machine, so the member
  // is still typing in the header's field when the pause in typing opens the results page.
  let release = (): void => {}
  const held = new Promise<void>((resolve) => { release = resolve })
  await page.route(/\/assets\/SearchPage-[^/]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/meetings')
  const header = page.getByRole('search', { name: 'Search the studio' }).getByRole('searchbox', { name: 'Search the studio' })
  const loading = page.waitForRequest(/\/assets\/SearchPage-[^/]+\.js$/)
  await header.pressSequentially('pur')
  await loading
  await header.pressSequentially('po')
  release()
  await expect(page).toHaveURL(/\/search\?q=purpo$/)
  await expect(page.getByRole('searchbox', { name: 'Words to find' })).toHaveValue('purpo')
  await expect(page.locator('#search-status')).toContainText('for “purpo”')
  await page.context().close()
})

test('a phone: the Search link, words in any order, a tap on the result', async ({ browser }) => {
  const page = await pageOn(browser, 'phone', 'Bob Contributor')
  await page.goto('/meetings')
  const searchLink = page.getByRole('link', { name: 'Search', exact: true })
  await expect(searchLink).toBeVisible()
  await page.screenshot({ path: screenshotPath('search-phone-header') })
  await searchLink.tap()
  await expect(page).toHaveURL(/\/search$/)
  const field = page.getByRole('searchbox', { name: 'Words to find' })
  await expect(field).toBeFocused()
  await field.pressSequentially('making decision', { delay: 30 })
  const link = page.getByRole('link', { name: 'Terms of reference › Decision-making', exact: true })
  await expect(link).toBeVisible()
  await expect(page).toHaveURL(/\/search\?q=making(\+|%20)decision$/)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(390)
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: screenshotPath('search-phone') })

  // Nothing to find says so.
  await field.fill('zzqxv')
  await expect(page.locator('#search-status')).toHaveText('Nothing found for “zzqxv”.')
  await field.fill('decision making')
  await expect(link).toBeVisible()
  await link.tap()
  await expect(page).toHaveURL(/\/terms-of-reference$/)
  await page.context().close()
})
