/**
 * History in Chromium (issue 13): on the terms of reference and on the matrix, a writer names
 * a version, another member edits, the compare shows the edit in place and names who made
 * it, the version opens read-only in the page's own view with a banner and a way back, and a
 * restore brings everyone back to it at once, listed as "Restored from ... by ...". An
 * observer sees the history without Restore. Screenshots on a laptop and a phone.
 *
 * Each test restores the version it named before its own edits, so the documents end as
 * they began for the suites after it.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, matrixGrid, pageOn, screenshotPath, signedInPage } from './support/people.ts'

const historyPanel = (page: Page) => page.getByRole('complementary', { name: 'History' })
/** The version titled `title` (its name, or what made it), not one that merely mentions it. */
const versionItem = (page: Page, title: string) =>
  historyPanel(page).getByRole('listitem').filter({ has: page.locator('.history-version__title strong').getByText(title, { exact: true }) }).first()
const banner = (page: Page) => page.getByRole('region', { name: 'An earlier version' })

async function openHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await expect(historyPanel(page).getByRole('heading', { name: 'History' })).toBeVisible()
}

async function nameVersion(page: Page, name: string): Promise<void> {
  await historyPanel(page).getByLabel('Name this version').fill(name)
  await historyPanel(page).getByRole('button', { name: 'Name', exact: true }).click()
  await expect(versionItem(page, name)).toBeVisible()
}

async function restore(page: Page, title: string): Promise<void> {
  await versionItem(page, title).getByRole('button', { name: 'Restore' }).click()
  await versionItem(page, title).getByRole('button', { name: 'Restore' }).click()
  await expect(historyPanel(page).getByText(`Restored from “${title}” by Alice Organiser`)).toBeVisible()
}

// ---- The terms of reference

const termsEditor = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })

async function openTerms(page: Page): Promise<void> {
  await page.goto('/terms-of-reference')
  await expect(termsEditor(page)).toContainText('Purpose')
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

test('the terms of reference: name a version, compare a later edit with its author, view it, restore it for everyone', async ({ browser }) => {
  // Four people on two devices, each signing in: about 35 s on an idle 2-core machine.
  test.slow()
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  const olive = await signedInPage(browser, 'Olive Observer')
  for (const page of [alice, bob, olive]) await openTerms(page)

  await openHistory(alice)
  await nameVersion(alice, 'Consultation draft 1')

  const bobsWords = 'Bob adds this after the consultation draft.'
  const purpose = termsEditor(bob).locator(':is(h2, h3):has-text("Purpose") + p').first()
  const box = (await purpose.boundingBox())!
  await purpose.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await bob.keyboard.type(` ${bobsWords}`, { delay: 10 })
  await expect(termsEditor(alice)).toContainText(bobsWords)

  // The compare marks Bob's words as inserted, in place, and names him.
  await versionItem(alice, 'Consultation draft 1').getByRole('button', { name: 'Compare with now' }).click()
  await expect(banner(alice)).toContainText('Changes from Consultation draft 1')
  await expect(banner(alice).locator('ins.history-insertion', { hasText: 'Bob adds this' })).toBeVisible()
  await expect(banner(alice).locator('ins.history-insertion', { hasText: 'Bob adds this' }).first()).toHaveAttribute('title', 'Added by Bob Contributor')
  await expect(banner(alice).locator('.history-changes__counts')).toContainText('(Bob Contributor)')
  await alice.setViewportSize({ width: 1366, height: 768 })
  await banner(alice).locator('ins.history-insertion').first().scrollIntoViewIfNeeded()
  await alice.screenshot({ path: screenshotPath('history-terms-compare') })
  await expectNoSeriousViolations(alice)

  // The version itself, read-only, without Bob's words; "Back to now" returns to the editor.
  await versionItem(alice, 'Consultation draft 1').getByRole('button', { name: 'View' }).click()
  await expect(banner(alice)).toContainText('You are looking at Consultation draft 1')
  await expect(banner(alice)).toContainText('Purpose')
  await expect(banner(alice)).not.toContainText(bobsWords)
  await expect(termsEditor(alice)).toBeHidden()
  await banner(alice).getByRole('button', { name: 'Back to now' }).click()
  await expect(termsEditor(alice)).toContainText(bobsWords)

  // An observer sees the history, compares, but has no Restore.
  await openHistory(olive)
  await expect(versionItem(olive, 'Consultation draft 1')).toBeVisible()
  await expect(versionItem(olive, 'Consultation draft 1').getByRole('button', { name: 'Compare with now' })).toBeVisible()
  await expect(historyPanel(olive).getByRole('button', { name: 'Restore' })).toHaveCount(0)

  // The same panel on a phone, with touch.
  const phone = await pageOn(browser, 'phone', 'Bob Contributor')
  await openTerms(phone)
  await phone.getByRole('button', { name: 'History', exact: true }).tap()
  await expect(versionItem(phone, 'Consultation draft 1')).toBeVisible()
  await versionItem(phone, 'Consultation draft 1').getByRole('button', { name: 'Compare with now' }).tap()
  await expect(banner(phone)).toContainText('Changes from Consultation draft 1')
  // The compare opens below the list on a phone: it scrolls into view by itself.
  await expect(banner(phone).getByRole('status')).toBeFocused()
  await expect(banner(phone).getByRole('status')).toBeInViewport()
  await expect(banner(phone).locator('ins.history-insertion', { hasText: 'Bob adds this' })).toBeVisible()
  await phone.screenshot({ path: screenshotPath('history-terms-phone') })
  await banner(phone).getByRole('button', { name: 'Back to now' }).tap()

  // Alice restores: Bob's editor loses the words without a reload; they stay in the history.
  await restore(alice, 'Consultation draft 1')
  for (const page of [alice, bob, olive, phone]) await expect(termsEditor(page)).not.toContainText(bobsWords)
  // Bob's words are credited to him in the version that first held them: the before-restore one, or
  // the one captured when one of his pages left the terms (what he saw, for "since you were here").
  await expect(historyPanel(alice).getByRole('listitem').filter({ hasText: 'Bob Contributor' }).first()).toBeVisible()
  for (const page of [alice, bob, olive, phone]) await page.context().close()
})

// ---- The competency matrix

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const competency = 'Governance support'
const role = 'PMO Administrator'
const theCell = (page: Page) => gridOf(page).getByRole('gridcell', { name: new RegExp(`^${competency}, ${role}:`) })

async function openMatrix(page: Page): Promise<void> {
  await page.goto('/competency-matrix')
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

test('the matrix: name a version, compare a changed cell with its author, view it in the grid, restore it for everyone', async ({ browser }) => {
  test.slow()
  const alice = await pageOn(browser, 'laptop', 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  for (const page of [alice, bob]) await openMatrix(page)

  await openHistory(alice)
  await nameVersion(alice, 'Matrix draft')
  const before = (await theCell(alice).getAttribute('aria-label'))!

  // Bob sets another level on the cell.
  await theCell(bob).click()
  await bob.keyboard.press(before.includes(': Leading') ? '1' : '5')
  await expect(theCell(alice)).not.toHaveAttribute('aria-label', before)
  const after = (await theCell(alice).getAttribute('aria-label'))!

  // The compare lists the cell, before and after, and names Bob.
  await versionItem(alice, 'Matrix draft').getByRole('button', { name: 'Compare with now' }).click()
  const changedCells = banner(alice).getByRole('table', { name: 'Changed cells' })
  const row = changedCells.getByRole('row').filter({ hasText: competency })
  await expect(row).toContainText(role)
  await expect(row).toContainText('Bob Contributor')
  await alice.screenshot({ path: screenshotPath('history-matrix-compare') })
  await expectNoSeriousViolations(alice, { exclude: matrixGrid })

  // The version opens in the same grid, read-only, with the level the cell had then.
  await versionItem(alice, 'Matrix draft').getByRole('button', { name: 'View' }).click()
  await expect(banner(alice)).toContainText('You are looking at Matrix draft')
  await expect(theCell(alice)).toHaveAttribute('aria-label', before)
  await theCell(alice).click()
  await alice.keyboard.press('2')
  await expect(theCell(alice)).toHaveAttribute('aria-label', before)
  await alice.screenshot({ path: screenshotPath('history-matrix-version') })
  await banner(alice).getByRole('button', { name: 'Back to now' }).click()
  await expect(theCell(alice)).toHaveAttribute('aria-label', after)

  // The restore reaches Bob's grid at once.
  await restore(alice, 'Matrix draft')
  for (const page of [alice, bob]) await expect(theCell(page)).toHaveAttribute('aria-label', before)

  // A phone shows the version in its one-role grid.
  const phone = await pageOn(browser, 'phone', 'Bob Contributor')
  await openMatrix(phone)
  await phone.getByRole('button', { name: 'History', exact: true }).tap()
  await versionItem(phone, 'Matrix draft').getByRole('button', { name: 'View' }).tap()
  await expect(banner(phone)).toContainText('You are looking at Matrix draft')
  await expect(gridOf(phone).getByRole('gridcell').first()).toBeVisible()
  await expect(banner(phone).getByRole('status')).toBeInViewport()
  await phone.screenshot({ path: screenshotPath('history-matrix-phone') })
  for (const page of [alice, bob, phone]) await page.context().close()
})
