/**
 * The editor's Link button opens a small dialog, not the browser's prompt(): a labelled
 * address field that refuses anything but web and email addresses, and Remove link for a
 * link that is there.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, screenshotPath, signedInPage } from './support/people.ts'

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })

/** The toolbar's Link, from the More menu when the toolbar has no room for it. */
async function pressLink(page: Page): Promise<void> {
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' })
  if (!(await toolbar.getByRole('button', { name: 'Link' }).isVisible())) await toolbar.getByRole('button', { name: 'More' }).click()
  await toolbar.getByRole('button', { name: 'Link' }).or(toolbar.getByRole('menuitemcheckbox', { name: 'Link' })).click()
}

test('a link is added, refused when unsafe, changed and removed through an accessible dialog', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  await alice.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
  await expect(editorOf(alice)).toContainText('Purpose')
  // Any prompt() would fail the test.
  alice.on('dialog', (dialog) => {
    throw new Error(`The browser showed a ${dialog.type()}: ${dialog.message()}`)
  })

  const paragraph = editorOf(alice).locator(':is(h2, h3, h4):has-text("Purpose") + p')
  // The paragraph's first word selected, as a keyboard user would.
  await paragraph.click({ position: { x: 2, y: 6 } })
  await alice.keyboard.press('Home')
  await alice.keyboard.press('Shift+Control+ArrowRight')
  await pressLink(alice)
  const dialog = alice.getByRole('dialog', { name: 'Add a link' })
  await expect(dialog).toBeVisible()
  const address = dialog.getByLabel('Link address')
  await expect(address).toBeFocused()

  await address.fill('javascript:alert(1)')
  await dialog.getByRole('button', { name: 'Save link' }).click()
  await expect(dialog.getByRole('alert')).toContainText('web addresses (https://…) or email addresses')
  await expect(address).toHaveAttribute('aria-invalid', 'true')
  await alice.screenshot({ path: screenshotPath('editor-link-dialog') })
  await expectNoSeriousViolations(alice)

  await address.fill('example.org/pmo')
  await address.press('Enter')
  await expect(dialog).toBeHidden()
  const link = paragraph.getByRole('link')
  await expect(link).toHaveAttribute('href', 'https://example.org/pmo')
  await expect(link).toHaveText('Create')

  // The caret in the link: the dialog offers the address to change, and Remove link.
  await link.click()
  await pressLink(alice)
  const change = alice.getByRole('dialog', { name: 'Change the link' })
  await expect(change.getByLabel('Link address')).toHaveValue('https://example.org/pmo')
  await change.getByRole('button', { name: 'Remove link' }).click()
  await expect(change).toBeHidden()
  await expect(paragraph.getByRole('link')).toHaveCount(0)
  await expect(paragraph).toContainText('Create a generic')

  // Escape closes it without a change.
  await pressLink(alice)
  await alice.keyboard.press('Escape')
  await expect(alice.getByRole('dialog')).toHaveCount(0)
  await alice.context().close()
})
