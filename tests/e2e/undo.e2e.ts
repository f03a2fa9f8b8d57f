/**
 * Undo is yours: in the terms of reference and in the matrix, Undo takes back the person's
 * own last word or step, never what someone else is typing at the same moment, and Redo
 * brings it back. Two browser contexts are two people.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { signedInPage } from './support/people.ts'

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })
const sectionText = (page: Page, heading: string) => editorOf(page).locator(`:is(h2, h3, h4):has-text("${heading}") + p`)

async function openTermsOfReference(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
  await expect(editorOf(page)).toContainText('Purpose')
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** A paragraph's text without the named carets of other members drawn inside it. */
function textWithoutCarets(paragraph: Locator): Promise<string> {
  return paragraph.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
    return copy.textContent ?? ''
  })
}

/** Puts the caret at the end of the paragraph under `heading`. */
async function caretAtEndOf(page: Page, heading: string): Promise<Locator> {
  const paragraph = sectionText(page, heading)
  const box = (await paragraph.boundingBox())!
  await paragraph.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await page.keyboard.press('End')
  return paragraph
}

test("undo takes back Alice's whole last word while Bob keeps typing, and none of Bob's text; redo brings it back", async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  await openTermsOfReference(alice)
  await openTermsOfReference(bob)

  const alicesParagraph = await caretAtEndOf(alice, 'Purpose')
  const before = (await alicesParagraph.textContent()) ?? ''
  await caretAtEndOf(bob, 'Commitment')
  const bobsWords = ' Bob writes on without stopping while Alice works above him.'
  // Bob types all the way through Alice's typing and her undo.
  const bobTyping = bob.keyboard.type(bobsWords, { delay: 45 })

  await alice.keyboard.type(' Quorum rules', { delay: 90 })
  await expect(alicesParagraph).toHaveText(`${before} Quorum rules`)
  await alice.keyboard.press('Control+z')
  await expect(alicesParagraph).toHaveText(`${before} Quorum `)
  // The toolbar's button does the same: the word before goes whole.
  await alice.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Undo' }).click()
  await expect(alicesParagraph).toHaveText(`${before} `)

  await bobTyping
  // Every character Bob typed is still there, for both of them.
  for (const page of [alice, bob]) await expect(sectionText(page, 'Commitment')).toContainText(bobsWords.trim())
  await expect.poll(() => textWithoutCarets(sectionText(bob, 'Purpose'))).toBe(`${before} `)

  await alice.keyboard.press('Control+Shift+z')
  await alice.keyboard.press('Control+y')
  await expect(alicesParagraph).toHaveText(`${before} Quorum rules`)
  await expect.poll(() => textWithoutCarets(sectionText(bob, 'Purpose'))).toBe(`${before} Quorum rules`)
  await expect(sectionText(bob, 'Commitment')).toContainText(bobsWords.trim())

  await alice.context().close()
  await bob.context().close()
})

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const cell = (page: Page, competency: string, role: string) => gridOf(page).getByRole('gridcell', { name: new RegExp(`^${competency}, ${role}:`) })

async function openMatrix(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Competency matrix' }).click()
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

test("in the matrix, undo takes back Alice's own level and note, not the level Bob set meanwhile", async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor')
  await openMatrix(alice)
  await openMatrix(bob)
  const undoButton = alice.getByRole('button', { name: 'Undo', exact: true })
  const redoButton = alice.getByRole('button', { name: 'Redo', exact: true })
  await expect(undoButton).toBeDisabled()

  const alicesCell = cell(alice, 'Capacity planning', 'PMO Analyst')
  const bobsCell = cell(bob, 'Capacity planning', 'PMO Manager')
  // Whatever the cell held before (a rerun), Alice sets another level and a note of her own.
  const [key, level] = /: Leading\./.test((await alicesCell.getAttribute('aria-label')) ?? '') ? ['4', 'Advanced'] : ['5', 'Leading']
  const alicesLevel = new RegExp(`: ${level}\\.`)
  const words = `Quarterly review ${Date.now() % 100_000}`
  await alicesCell.click()
  await alice.keyboard.press(key)
  await expect(alicesCell).toHaveAccessibleName(alicesLevel)
  await bobsCell.click()
  await bob.keyboard.press('1')
  await expect(cell(alice, 'Capacity planning', 'PMO Manager')).toHaveAccessibleName(/: Aware\./)

  await alicesCell.focus()
  await alice.keyboard.press('Enter')
  const note = alice.getByRole('textbox', { name: 'Note', exact: true })
  await expect(note).toBeFocused()
  await alice.keyboard.press('ControlOrMeta+End')
  await alice.keyboard.type(words)
  await alice.keyboard.press('Escape')
  await expect(alicesCell).toHaveAccessibleName(new RegExp(`: ${level}\\. Note: .*${words}\\.`))

  // Ctrl+Z on the grid takes back the note, the button the level; Bob's level stays.
  await alicesCell.focus()
  await alice.keyboard.press('Control+z')
  await expect(alicesCell).not.toHaveAccessibleName(new RegExp(words))
  await expect(alicesCell).toHaveAccessibleName(alicesLevel)
  await undoButton.click()
  await expect(alicesCell).not.toHaveAccessibleName(alicesLevel)
  await expect(cell(bob, 'Capacity planning', 'PMO Analyst')).not.toHaveAccessibleName(alicesLevel)
  await expect(cell(alice, 'Capacity planning', 'PMO Manager')).toHaveAccessibleName(/: Aware\./)

  await redoButton.click()
  await redoButton.click()
  await expect(cell(bob, 'Capacity planning', 'PMO Analyst')).toHaveAccessibleName(new RegExp(`: ${level}\\. Note: .*${words}\\.`))
  await expect(redoButton).toBeDisabled()

  await alice.context().close()
  await bob.context().close()
})
