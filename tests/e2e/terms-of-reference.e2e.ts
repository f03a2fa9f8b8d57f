/**
 * Two members in two browser contexts edit the terms of reference at once: each sees the
 * other's words and named caret, and a reload keeps everything.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, screenshotPath, signedInPage } from './support/people.ts'
import { testPassword } from '../support/members.ts'
import { e2eState, memberNamed } from './support/state.ts'

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: 'Terms of reference' })
}

async function typeAtEndOfSection(page: Page, heading: string, words: string): Promise<void> {
  // Click just right of the last line of the paragraph after a heading, as a person
  // would to continue it, and type there.
  const paragraph = editorOf(page).locator(`:is(h2, h3, h4):has-text("${heading}") + p`).first()
  const box = (await paragraph.boundingBox())!
  await paragraph.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await page.keyboard.type(words, { delay: 15 })
}

test('the sign-in page has no serious accessibility violations', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: e2eState().baseUrl })
  const page = await context.newPage()
  await page.goto('/terms-of-reference')
  // Signed out, the workspace sends people to sign in and back again afterwards.
  await expect(page).toHaveURL(/\/sign-in\?next=/)
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await page.screenshot({ path: screenshotPath('sign-in'), fullPage: true })
  await expectNoSeriousViolations(page)
  // Sent from a page of the workspace, signing in returns there rather than to What's new.
  await page.getByLabel('Email').fill(memberNamed('Olive Observer').email)
  await page.getByLabel('Password').fill(testPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/terms-of-reference$/)
  await expect(editorOf(page)).toContainText('Purpose')
  await context.close()
})

test('two members write the terms of reference together, see each other, and a reload keeps it all', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  for (const page of [alice, bob]) {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
    await expect(editorOf(page)).toContainText('Deliverables and milestones')
    await expect(page.getByTestId('connection-status')).toHaveText('Connected')
  }
  // The seeded table arrived intact.
  await expect(editorOf(alice).locator('table')).toContainText('Draft competency matrix')

  await typeAtEndOfSection(alice, 'Purpose', ' Alice adds a sentence from London.')
  await typeAtEndOfSection(bob, 'Commitment', ' Bob adds one from New York.')

  for (const page of [alice, bob]) {
    await expect(editorOf(page)).toContainText('Alice adds a sentence from London.')
    await expect(editorOf(page)).toContainText('Bob adds one from New York.')
  }
  // Each sees the other's named caret.
  const bobsCaret = alice.locator('.collaboration-carets__caret', { hasText: 'Bob Contributor' })
  const alicesCaret = bob.locator('.collaboration-carets__caret', { hasText: 'Alice Organiser' })
  await expect(bobsCaret).toBeVisible()
  await expect(alicesCaret).toBeVisible()
  await bobsCaret.scrollIntoViewIfNeeded()
  await alicesCaret.scrollIntoViewIfNeeded()

  await alice.screenshot({ path: screenshotPath('terms-of-reference-alice'), fullPage: false })
  await bob.screenshot({ path: screenshotPath('terms-of-reference-bob'), fullPage: false })
  await expectNoSeriousViolations(alice)

  for (const page of [alice, bob]) {
    await page.reload()
    await expect(editorOf(page)).toContainText('Alice adds a sentence from London.')
    await expect(editorOf(page)).toContainText('Bob adds one from New York.')
  }
  await alice.context().close()
  await bob.context().close()
})

test('an observer reads the terms of reference but cannot edit them', async ({ browser }) => {
  const olive = await signedInPage(browser, 'Olive Observer')
  await olive.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
  await expect(editorOf(olive)).toContainText('Purpose')
  await expect(editorOf(olive)).toHaveAttribute('contenteditable', 'false')
  await expect(olive.getByText('read-only for you')).toBeVisible()
  await olive.screenshot({ path: screenshotPath('terms-of-reference-observer') })
  await olive.context().close()
})

test('the connection indicator counts edits made offline, and they reach others once back online', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor')
  for (const page of [alice, bob]) {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
    await expect(editorOf(page)).toContainText('Purpose')
  }
  const status = alice.getByTestId('connection-status')
  await expect(status).toHaveText('Connected')

  await alice.context().setOffline(true)
  await typeAtEndOfSection(alice, 'Background', ' Written on the train.')
  await expect(status).toHaveAttribute('data-state', 'offline')
  await expect(status).toHaveText('Offline – unsent changes in 1 document')
  await alice.screenshot({ path: screenshotPath('connection-offline'), clip: { x: 0, y: 0, width: 1280, height: 120 } })
  await expect(editorOf(bob)).not.toContainText('Written on the train.')

  await alice.context().setOffline(false)
  await expect(status).toHaveText('Connected')
  await expect(editorOf(bob)).toContainText('Written on the train.')
  await alice.context().close()
  await bob.context().close()
})
