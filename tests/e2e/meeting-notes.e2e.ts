/**
 * A new meeting's notes start as a bulleted list with a placeholder, and three people who
 * type into the empty notes at the same moment each get a line of their own, not one
 * run-on paragraph. Three browser contexts are three writers (Bob on two devices).
 */
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, screenshotPath, signedInPage } from './support/people.ts'

const notesOf = (page: Page) => page.getByRole('textbox', { name: 'Notes' })

/** Each bullet's words, without the other writers' named carets drawn inside the lines. */
const linesOf = (page: Page) =>
  notesOf(page)
    .locator('ul > li > p')
    .evaluateAll((items) =>
      items.map((item) => {
        const copy = item.cloneNode(true) as HTMLElement
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
        return copy.textContent ?? ''
      }),
    )

async function newMeeting(page: Page, title: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Meetings' }).click()
  await page.getByRole('button', { name: 'Add a meeting' }).click()
  const form = page.getByRole('form', { name: 'Add a meeting' })
  await form.getByLabel('Title').fill(title)
  await form.getByRole('button', { name: 'Add meeting' }).click()
  await page.getByRole('link', { name: title, exact: true }).click()
  await expect(notesOf(page)).toHaveAttribute('contenteditable', 'true')
  return new URL(page.url()).pathname
}

test('three people typing into an empty meeting’s notes at once each keep a line of their own', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  const bobsPhone = await signedInPage(browser, 'Bob Contributor', 'America/New_York')

  const address = await newMeeting(alice, 'Three writers at once')
  await expect(alice).toHaveURL(/\/meetings\/three-writers-at-once/)

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
    await expect.poll(async () => (await linesOf(page)).sort()).toEqual([...lines.values()].sort())
  }
  await alice.screenshot({ path: screenshotPath('meeting-notes-three-lines') })
  for (const page of lines.keys()) await page.context().close()
})

test('someone whose caret waited in the empty notes while another person wrote the first line still gets a line of their own', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  const address = await newMeeting(alice, 'A caret that waited')
  await bob.goto(address)
  await expect(notesOf(bob)).toHaveAttribute('contenteditable', 'true')

  // Bob's caret waits in the one empty bullet; Alice's first line replaces that bullet.
  await notesOf(bob).locator('li p').first().click()
  await notesOf(alice).locator('li p').first().click()
  await alice.keyboard.type('Alice: the room starts', { delay: 10 })
  await expect.poll(() => linesOf(bob)).toEqual(['Alice: the room starts'])

  // The removal moved Bob's caret into or after Alice's line; typing starts a bullet of his own.
  await bob.keyboard.type('Bob: New York joins', { delay: 10 })
  for (const page of [alice, bob]) {
    await expect.poll(() => linesOf(page)).toEqual(['Alice: the room starts', 'Bob: New York joins'])
  }
  for (const page of [alice, bob]) await page.context().close()
})
