/**
 * @mentions in Chromium (issue 14). On a laptop Alice types "@Bo" in the terms of reference,
 * chooses Bob with the keyboard and sees the chip; Bob is told once; Bob renames himself
 * and Alice's chip shows the new name when she comes back to the page, without a reload.
 * The comment box opens the same popup. On a phone, the popups fit the screen and a tap
 * chooses. Screenshots of each popup at both sizes.
 */
import type { NotificationsResponse } from '@studio/contract'
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, pageOn, screenshotPath } from './support/people.ts'

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })
const popupOf = (page: Page) => page.getByRole('listbox', { name: 'Members to mention' })

/** Every test member is offered; others may be too, as the worker's studio is shared with other suites. */
async function expectEveryoneOffered(page: Page): Promise<void> {
  for (const name of ['Alice Organiser', 'Bob Contributor', 'Olive Observer']) {
    await expect(popupOf(page).getByRole('option', { name: new RegExp(name) })).toBeAttached()
  }
}

/** Puts the caret at the end of the document, on a new line of its own. */
async function startNewLine(page: Page): Promise<void> {
  const editor = editorOf(page)
  await expect(editor).toContainText('Purpose')
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
  const last = editor.locator(':scope > *').last()
  await last.scrollIntoViewIfNeeded()
  const box = (await last.boundingBox())!
  await last.click({ position: { x: Math.max(2, box.width - 4), y: box.height - 4 } })
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
}

async function rename(page: Page, name: string): Promise<void> {
  const status = await page.evaluate(async (name) => {
    const response = await fetch('/api/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) })
    return response.status
  }, name)
  expect(status).toBe(200)
}

async function mentionsOf(page: Page): Promise<NotificationsResponse['notifications']> {
  return page.evaluate(async () => {
    const response = await fetch('/api/notifications')
    return ((await response.json()) as NotificationsResponse).notifications.filter((n) => n.kind === 'mention')
  })
}

/**
 * The popup lies wholly within the viewport, once placed: it is placed again (flipped above
 * the caret, its height capped so that a long list scrolls) a frame after the members arrive.
 */
async function expectOnScreen(page: Page): Promise<void> {
  await expect(async () => {
    // The popup's box, which scrolls its list when the members do not all fit.
    const box = await popupOf(page).evaluate((list) => {
      const { x, y, width, height } = (list.closest('.mention-list') ?? list).getBoundingClientRect()
      return { x, y, width, height }
    })
    const viewport = page.viewportSize()!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width)
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
  }).toPass({ timeout: 5000 })
}

test('a laptop: "@Bo" chosen with the keyboard becomes a chip, Bob is told once, and a rename shows in the chip', async ({ browser }) => {
  const alice = await pageOn(browser, 'laptop', 'Alice Organiser')
  const bob = await pageOn(browser, 'laptop', 'Bob Contributor')
  try {
    await bob.goto('/notifications')
    const before = (await mentionsOf(bob)).length
    await alice.goto('/terms-of-reference')
    await startNewLine(alice)
    await alice.keyboard.type('Roles need a second reader: @', { delay: 20 })
    await expectEveryoneOffered(alice)
    await alice.keyboard.type('Bo', { delay: 40 })
    await expect(popupOf(alice).getByRole('option')).toHaveCount(1)
    await expect(popupOf(alice).getByRole('option', { name: /Bob Contributor/ })).toHaveAttribute('aria-selected', 'true')
    await expectOnScreen(alice)
    await alice.screenshot({ path: screenshotPath('mentions-editor-laptop') })
    await alice.keyboard.press('ArrowDown')
    await alice.keyboard.press('Enter')
    await expect(popupOf(alice)).toHaveCount(0)
    // The last: on a retry, the first try's chip is still in the shared document.
    const chip = editorOf(alice).locator('.mention', { hasText: '@Bob Contributor' }).last()
    await expect(chip).toBeVisible()
    await alice.keyboard.type('can you look?', { delay: 15 })
    await expect(editorOf(alice)).toContainText('@Bob Contributor can you look?')

    await expect.poll(async () => (await mentionsOf(bob)).length, { timeout: 15_000 }).toBe(before + 1)
    const [told] = await mentionsOf(bob)
    expect(told!.text).toContain('Alice Organiser mentioned you in the terms of reference: “Roles need a second reader: @Bob Contributor can you look?')
    // A later edit keeps the mention and tells nobody again.
    await alice.keyboard.type(' Thanks.', { delay: 15 })
    await expect(editorOf(alice)).toContainText('can you look? Thanks.')

    // Bob renames himself; Alice comes back to her page and the chip has his new name.
    await rename(bob, 'Bob Okafor')
    await alice.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect(editorOf(alice).locator('.mention', { hasText: '@Bob Okafor' }).last()).toBeVisible()
    await expect(editorOf(alice)).not.toContainText('@Bob Contributor')
    expect((await mentionsOf(bob)).length).toBe(before + 1)

    // The comment box opens the same popup; Escape closes it and keeps the words.
    await alice.getByRole('button', { name: /^Comments/ }).click()
    const panel = alice.getByRole('complementary', { name: 'Comments' })
    const box = panel.getByLabel('Start a thread on the terms of reference')
    await box.click()
    await box.pressSequentially('Agreed with @ok', { delay: 20 })
    await expect(popupOf(alice).getByRole('option', { name: /Bob Okafor/ })).toBeVisible()
    await expectOnScreen(alice)
    await alice.screenshot({ path: screenshotPath('mentions-comment-laptop') })
    await alice.keyboard.press('Escape')
    await expect(popupOf(alice)).toHaveCount(0)
    await expect(box).toHaveValue('Agreed with @ok')
    await expect(panel).toBeVisible()
    await box.press('Backspace')
    await box.press('Backspace')
    await box.pressSequentially('Bo', { delay: 20 })
    await box.press('Enter')
    await expect(box).toHaveValue(/^Agreed with @\[Bob Okafor\]\(member:[\w-]+\) $/)
    await expectNoSeriousViolations(alice)
  } finally {
    await rename(bob, 'Bob Contributor')
    await alice.context().close()
    await bob.context().close()
  }
})

test('a phone: the popups fit the screen and a tap chooses, in the editor and in the comment box', async ({ browser }) => {
  const page = await pageOn(browser, 'phone', 'Bob Contributor')
  await page.goto('/terms-of-reference')
  await startNewLine(page)
  await page.keyboard.type('Ask @', { delay: 20 })
  await expectEveryoneOffered(page)
  await expectOnScreen(page)
  await page.screenshot({ path: screenshotPath('mentions-editor-phone') })
  await popupOf(page).getByRole('option', { name: /Olive Observer/ }).tap()
  await expect(editorOf(page).locator('.mention', { hasText: '@Olive Observer' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

  await page.getByRole('button', { name: /^Comments/ }).tap()
  const panel = page.getByRole('complementary', { name: 'Comments' })
  const box = panel.getByLabel('Start a thread on the terms of reference')
  await box.tap()
  await box.pressSequentially('Over to @Al', { delay: 20 })
  await expect(popupOf(page).getByRole('option', { name: /Alice Organiser/ })).toBeVisible()
  await expectOnScreen(page)
  await page.screenshot({ path: screenshotPath('mentions-comment-phone') })
  await popupOf(page).getByRole('option', { name: /Alice Organiser/ }).tap()
  await expect(box).toHaveValue(/^Over to @\[Alice Organiser\]\(member:[\w-]+\) $/)
  await expect(box).toBeFocused()
  await page.context().close()
})
