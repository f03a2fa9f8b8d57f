/**
 * Comments between people in separate browsers: a thread on the terms of reference appears
 * live for the others, who reply (an observer too); its author edits it; a contributor
 * resolves it and it folds away for everyone. On the matrix, C on a cell opens its comments and
 * the cell shows the count. The panel passes axe-core and is screenshotted.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, screenshotPath, signedInPage } from './support/people.ts'

function panelOf(page: Page) {
  return page.getByRole('complementary', { name: 'Comments' })
}

async function openComments(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
  await page.getByRole('button', { name: /^Comments/ }).click()
  await expect(panelOf(page)).toBeVisible()
  // Opening moves focus into the panel, to its heading.
  await expect(panelOf(page).getByRole('heading', { name: 'Comments', level: 2 })).toBeFocused()
}

function threadBy(page: Page, author: string) {
  return panelOf(page).getByRole('article', { name: `Thread by ${author}` })
}

test('three people comment on the terms of reference live: a thread, replies, an edit, and resolving it', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  const olive = await signedInPage(browser, 'Olive Observer')
  for (const page of [alice, bob, olive]) await openComments(page)

  const aliceThreadText = 'Should the purpose name the sponsoring body?'
  await panelOf(alice).getByLabel('Start a thread on the terms of reference').fill(aliceThreadText)
  await panelOf(alice).getByRole('button', { name: 'Comment', exact: true }).click()
  await expect(panelOf(alice).getByRole('status')).toHaveText('Your comment was added.')

  // Bob and Olive see it without reloading, and the count on the button follows.
  for (const page of [bob, olive]) {
    await expect(threadBy(page, 'Alice Organiser')).toContainText(aliceThreadText)
    await expect(page.getByRole('button', { name: /^Comments/ })).toContainText('1 open comment')
  }

  await threadBy(bob, 'Alice Organiser').getByRole('button', { name: "Reply to Alice Organiser's thread" }).click()
  await bob.getByLabel("Reply to Alice Organiser's thread").fill('Yes, and the date it was set up.')
  await bob.getByRole('button', { name: 'Reply', exact: true }).click()
  await expect(threadBy(alice, 'Alice Organiser')).toContainText('Yes, and the date it was set up.')

  // Observers comment too, but cannot resolve someone else's thread.
  await expect(threadBy(olive, 'Alice Organiser').getByRole('button', { name: /^Resolve/ })).toHaveCount(0)
  await threadBy(olive, 'Alice Organiser').getByRole('button', { name: "Reply to Alice Organiser's thread" }).click()
  await olive.getByLabel("Reply to Alice Organiser's thread").fill('An observer agrees.')
  await olive.getByRole('button', { name: 'Reply', exact: true }).click()
  await expect(threadBy(alice, 'Alice Organiser')).toContainText('An observer agrees.')

  // Only the author edits a comment: Alice sees Edit on hers, not on Bob's.
  const aliceThread = threadBy(alice, 'Alice Organiser')
  await expect(aliceThread.getByRole('button', { name: 'Edit your comment' })).toHaveCount(1)
  await aliceThread.getByRole('button', { name: 'Edit your comment' }).click()
  await alice.getByLabel('Edit your comment').fill(`${aliceThreadText} Or only the working group?`)
  await alice.getByRole('button', { name: 'Save' }).click()
  await expect(threadBy(bob, 'Alice Organiser')).toContainText('Or only the working group?')
  await expect(threadBy(bob, 'Alice Organiser')).toContainText('(edited)')

  // An empty reply is refused in place, and the refusal is announced.
  await threadBy(alice, 'Alice Organiser').getByRole('button', { name: "Reply to Alice Organiser's thread" }).click()
  await alice.getByRole('button', { name: 'Reply', exact: true }).click()
  await expect(panelOf(alice).getByRole('alert')).toHaveText('Write a comment before sending it.')
  await expect(alice.getByLabel("Reply to Alice Organiser's thread")).toBeFocused()
  await alice.getByRole('button', { name: 'Cancel' }).click()

  await alice.evaluate(() => window.scrollTo(0, 0))
  await alice.screenshot({ path: screenshotPath('comments'), fullPage: false })
  await expectNoSeriousViolations(alice)

  // Bob resolves it: it folds under "Resolved threads" for everyone, and can be reopened.
  await threadBy(bob, 'Alice Organiser').getByRole('button', { name: "Resolve Alice Organiser's thread" }).click()
  for (const page of [alice, bob, olive]) {
    await expect(panelOf(page).getByText('Resolved threads (1)')).toBeVisible()
    await expect(threadBy(page, 'Alice Organiser')).toBeHidden()
    await expect(page.getByRole('button', { name: /^Comments/ })).not.toContainText('open comment')
  }
  await panelOf(alice).getByText('Resolved threads (1)').click()
  await expect(threadBy(alice, 'Alice Organiser')).toContainText('Resolved by Bob Contributor')
  await alice.evaluate(() => window.scrollTo(0, 0))
  await alice.screenshot({ path: screenshotPath('comments-resolved'), fullPage: false })
  await threadBy(alice, 'Alice Organiser').getByRole('button', { name: "Reopen Alice Organiser's thread" }).click()
  await expect(threadBy(olive, 'Alice Organiser')).toBeVisible()
  await expect(panelOf(olive).getByText(/Resolved threads/)).toHaveCount(0)

  // Escape closes the panel and puts focus back on the button that opened it.
  await panelOf(bob).getByRole('heading', { name: 'Comments', level: 2 }).focus()
  await bob.keyboard.press('Escape')
  await expect(panelOf(bob)).toBeHidden()
  await expect(bob.getByRole('button', { name: /^Comments/ })).toBeFocused()

  // A reload keeps everything: the list comes from the server.
  await olive.reload()
  await olive.getByRole('button', { name: /^Comments/ }).click()
  await expect(threadBy(olive, 'Alice Organiser')).toContainText('An observer agrees.')

  for (const page of [alice, bob, olive]) await page.context().close()
})

test('a comment on a matrix cell shows as a count on that cell for everyone, and opens with C', async ({ browser }) => {
  const bob = await signedInPage(browser, 'Bob Contributor')
  const alice = await signedInPage(browser, 'Alice Organiser')
  for (const page of [bob, alice]) {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Competency matrix' }).click()
    await expect(page.getByRole('gridcell').first()).toBeVisible()
  }
  const cellOf = (page: Page) => page.getByRole('gridcell').first()
  // The panel names the place as the grid does: "<competency>, <role>".
  const [competency, role] = (await cellOf(bob).getAttribute('aria-label'))!.split(':')[0]!.split(', ')

  await cellOf(bob).focus()
  await bob.keyboard.press('c')
  await expect(panelOf(bob).getByRole('heading', { name: 'Comments', level: 2 })).toBeFocused()
  await panelOf(bob).getByLabel(`Start a thread on ${competency}, ${role}`).fill('Level 3 looks high for this role.')
  await panelOf(bob).getByRole('button', { name: 'Comment', exact: true }).click()
  await expect(threadBy(bob, 'Bob Contributor')).toContainText('Level 3 looks high')

  // Alice's grid counts it on the cell, in the cell's name and as a badge.
  await expect(cellOf(alice)).toHaveAttribute('aria-label', /1 comment\./)
  await expect(cellOf(alice).locator('.matrix-count')).toHaveText(/1/)
  await cellOf(alice).focus()
  await alice.keyboard.press('c')
  await threadBy(alice, 'Bob Contributor').getByRole('button', { name: "Reply to Bob Contributor's thread" }).click()
  await alice.getByLabel("Reply to Bob Contributor's thread").fill('Agreed: 2 is enough for a first-line role.')
  await alice.getByRole('button', { name: 'Reply', exact: true }).click()
  await expect(threadBy(bob, 'Bob Contributor')).toContainText('Agreed: 2 is enough')

  await bob.screenshot({ path: screenshotPath('comments-matrix'), fullPage: false })
  const results = await new AxeBuilder({ page: bob }).include('#comments-panel').analyze()
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])

  // Closing returns focus to the cell it was opened from.
  await bob.keyboard.press('Escape')
  await expect(panelOf(bob)).toBeHidden()
  await expect(cellOf(bob)).toBeFocused()

  // Resolving the thread clears the count.
  await threadBy(alice, 'Bob Contributor').getByRole('button', { name: "Resolve Bob Contributor's thread" }).click()
  await expect(cellOf(bob).locator('.matrix-count')).toHaveCount(0)
  for (const page of [alice, bob]) await page.context().close()
})
