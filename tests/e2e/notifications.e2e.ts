/**
 * Notifications in Chromium (issue 14): Bob mentions Alice in a comment; on a phone Alice's
 * header bell shows the unread count, a tap opens the list, the mention is there and links
 * to its page, where the comment shows "@Alice Organiser"; "Mark all read" clears the count.
 * On a laptop Bob picks the mention in the comment box, which shows it by name, and Alice's
 * bell sits in the header beside the rest. Screenshots of both, axe on the list.
 */
import { mentionMarkup, type Person } from '@studio/contract'
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, pageOn, screenshotPath } from './support/people.ts'

async function mention(page: Page, name: string, words: string): Promise<void> {
  const status = await page.evaluate(async ({ name, words }) => {
    const { people } = (await (await fetch('/api/people')).json()) as { people: Person[] }
    const person = people.find((candidate) => candidate.name === name)!
    const body = words.replace('@', `@[${person.name}](member:${person.id})`)
    const response = await fetch('/api/comments', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ document: 'terms-of-reference', anchor: 'text', body }),
    })
    return response.status
  }, { name, words })
  expect(status).toBe(201)
}

test('a phone: the bell shows the count, the list links to the place, mark all read', async ({ browser }) => {
  expect(mentionMarkup('A', 'x')).toBe('@[A](member:x)')
  const bob = await pageOn(browser, 'laptop', 'Bob Contributor')
  await bob.goto('/terms-of-reference')
  await mention(bob, 'Alice Organiser', 'Could @ read the purpose once more?')

  const page = await pageOn(browser, 'phone', 'Alice Organiser')
  await page.goto('/meetings')
  const bell = page.getByRole('link', { name: /^Notifications, \d+ unread$/ })
  await expect(bell).toBeVisible()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(390)
  await page.screenshot({ path: screenshotPath('notifications-phone-header') })
  await bell.tap()
  await expect(page).toHaveURL(/\/notifications$/)
  const item = page.getByRole('link', { name: /Bob Contributor mentioned you on the terms of reference: “Could @Alice Organiser read the purpose once more\?”/ })
  await expect(item).toBeVisible()
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: screenshotPath('notifications-phone'), fullPage: true })

  await page.getByRole('button', { name: 'Mark all read' }).tap()
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()
  await expect(page.getByTestId('notifications-count')).toHaveCount(0)

  await item.tap()
  await expect(page).toHaveURL(/\/terms-of-reference$/)
  await page.context().close()
  await bob.context().close()
})

test('a laptop: a mention picked in the comment box, the bell in the header and the list', async ({ browser }) => {
  const bob = await pageOn(browser, 'laptop', 'Bob Contributor')
  await bob.goto('/terms-of-reference')
  await bob.getByRole('button', { name: /^Comments/ }).click()
  const panel = bob.getByRole('complementary', { name: 'Comments' })
  const box = panel.getByLabel('Start a thread on the terms of reference')
  await box.fill('')
  await panel.getByLabel('Mention someone').first().selectOption({ label: 'Alice Organiser' })
  await expect(box).toBeFocused()
  await box.pressSequentially('please look at the scope section.')
  await panel.getByRole('button', { name: 'Comment', exact: true }).click()
  // Shown by the member's current name, not the stored form.
  await expect(panel.getByText('@Alice Organiser', { exact: true }).first()).toBeVisible()
  await expect(panel).not.toContainText('](member:')
  await bob.screenshot({ path: screenshotPath('notifications-mention-in-comment') })
  const page = await pageOn(browser, 'laptop', 'Alice Organiser')
  await page.goto('/meetings')
  await expect(page.getByRole('link', { name: /^Notifications, \d+ unread$/ })).toBeVisible()
  await page.screenshot({ path: screenshotPath('notifications-laptop-header') })
  await page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).click()
  await expect(page.getByRole('link', { name: /Bob Contributor mentioned you on the terms of reference: “@Alice Organiser please look at the scope section/ })).toBeVisible()
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: screenshotPath('notifications-laptop') })
  await page.context().close()
  await bob.context().close()
})
