/**
 * A new meeting's notes start as a bulleted list with a placeholder, and three people who
 * type into the empty notes at the same moment each get a line of their own, not one
 * run-on paragraph. Three browser contexts are three writers (Bob on two devices).
 */
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, screenshotPath, signedInPage } from './support/people.ts'

const notesOf = (page: Page) => page.getByRole('textbox', { name: 'Notes' })

test('three people typing into an empty meeting’s notes at once each keep a line of their own', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  const bobsPhone = await signedInPage(browser, 'Bob Contributor', 'America/New_York')

  await alice.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Meetings' }).click()
  await alice.getByRole('button', { name: 'Add a meeting' }).click()
  const form = alice.getByRole('form', { name: 'Add a meeting' })
  await form.getByLabel('Title').fill('Three writers at once')
  await form.getByRole('button', { name: 'Add meeting' }).click()
  await alice.getByRole('link', { name: 'Three writers at once', exact: true }).click()
  await expect(alice).toHaveURL(/\/meetings\/three-writers-at-once/)
  const address = new URL(alice.url()).pathname

  for (const page of [bob, bobsPhone]) await page.goto(address)
  for (const page of [alice, bob, bobsPhone]) {
    await expect(notesOf(page)).toHaveAttribute('contenteditable', 'true')
    // The notes start as one empty bullet, with a placeholder saying how they work.
    await expect(notesOf(page).locator('ul > li')).toHaveCount(1)
    await expect(notesOf(page).locator('li p[data-placeholder^="Notes from the meeting"]')).toBeVisible()
  }
  await alice.screenshot({ path: screenshotPath('meeting-notes-empty') })
  await expectNoSeriousViolations(alice)

  const lines = new Map([
    [alice, 'Alice: the room agrees on the scope'],
    [bob, 'Bob: New York wants the PMO types first'],
    [bobsPhone, 'Bob again: the phone can type too'],
  ])
  for (const page of lines.keys()) await notesOf(page).locator('li p').first().click()
  await Promise.all([...lines].map(([page, line]) => page.keyboard.type(line, { delay: 30 })))

  for (const page of lines.keys()) {
    await expect(notesOf(page).locator('ul > li')).toHaveCount(3)
    await expect
      .poll(() =>
        notesOf(page)
          .locator('ul > li > p')
          .evaluateAll((items) =>
            items
              .map((item) => {
                // Without the other writers' named carets drawn inside the lines.
                const copy = item.cloneNode(true) as HTMLElement
                copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
                return copy.textContent ?? ''
              })
              .sort(),
          ),
      )
      .toEqual([...lines.values()].sort())
  }
  await alice.screenshot({ path: screenshotPath('meeting-notes-three-lines') })
  for (const page of lines.keys()) await page.context().close()
})
