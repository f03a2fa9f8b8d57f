/**
 * Catching up in Chromium (issue 14): Bob reads the terms of reference and leaves; Alice adds
 * words while he is away; Bob's What's new lists the terms with Alice's name, and on opening them
 * a banner says when he was last here and what changed; "Show changes" marks Alice's words in
 * place. On a laptop and on a phone with touch. Alice removes her words at the end, so the
 * terms end as they began for the suites after this one.
 */
import { expect, test, type Page } from '@playwright/test'
import { activityPaths, mentionMarkup, type LastSeenResponse, type NotificationsResponse } from '@studio/contract'
import { expectNoSeriousViolations, pageOn, screenshotPath, signedInPage } from './support/people.ts'
import { e2eState, memberNamed } from './support/state.ts'

const termsEditor = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })
const sinceBanner = (page: Page) => page.getByRole('region', { name: 'Since you were here' })
const compareView = (page: Page) => page.getByRole('region', { name: 'An earlier version' })
const whatsNewEntry = (page: Page, title: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: title }) })

async function openTerms(page: Page): Promise<void> {
  await page.goto('/terms-of-reference')
  await untilConnected(page)
}

/** The terms are open and synced: leaving now counts as a visit. */
async function untilConnected(page: Page): Promise<void> {
  await expect(termsEditor(page)).toContainText('Purpose')
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** Writes through the API carry the studio's Origin, as its own pages' requests do. */
const fromStudio = () => ({ origin: new URL(e2eState().baseUrl).origin })

const lastSeenOf = async (page: Page) =>
  ((await (await page.request.get(activityPaths.lastSeen('terms-of-reference'))).json()) as LastSeenResponse).document

test('Bob leaves the terms, Alice adds words, Bob sees them on What\'s new and highlighted on coming back, on a laptop and a phone', async ({ browser }) => {
  test.slow()
  // Signing in lands on What's new; Bob's phone opens the terms and leaves them now, before Alice's edit.
  const phone = await pageOn(browser, 'phone', 'Bob Contributor')
  await expect(phone).toHaveURL(/\/whats-new$/)
  await openTerms(phone)
  const unseen = (await lastSeenOf(phone)).lastSeenAt
  await phone.goto('/meetings')
  await expect.poll(async () => (await lastSeenOf(phone)).lastSeenAt, { timeout: 15_000 }).not.toBe(unseen)

  const bob = await pageOn(browser, 'laptop', 'Bob Contributor')
  await openTerms(bob)
  const before = (await lastSeenOf(bob)).lastSeenAt
  // Leaving the page ends Bob's connection to the terms: his visit is recorded then.
  await bob.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Meetings' }).click()
  await expect.poll(async () => (await lastSeenOf(bob)).lastSeenAt, { timeout: 15_000 }).not.toBe(before)

  const alice = await signedInPage(browser, 'Alice Organiser')
  await openTerms(alice)
  const alicesWords = 'Alice adds this while New York sleeps.'
  const purpose = termsEditor(alice).locator(':is(h2, h3):has-text("Purpose") + p').first()
  const box = (await purpose.boundingBox())!
  await purpose.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await alice.keyboard.type(` ${alicesWords}`, { delay: 10 })
  await expect.poll(async () => (await lastSeenOf(bob)).contributors.map((person) => person.name), { timeout: 15_000 }).toContain('Alice Organiser')
  // And asks Bob about it in a comment that mentions him.
  const mention = await alice.request.post('/api/comments', {
    headers: fromStudio(),
    data: { document: 'terms-of-reference', anchor: 'text', body: `${mentionMarkup('Bob Contributor', memberNamed('Bob Contributor').id)} does this read well in New York?` },
  })
  expect(mention.status()).toBe(201)
  const commentId = ((await mention.json()) as { comment: { id: string } }).comment.id
  const unreadMentions = async () => ((await (await bob.request.get('/api/notifications?unread=true')).json()) as NotificationsResponse).notifications.filter((n) => n.kind === 'mention')
  await expect.poll(async () => (await unreadMentions()).length, { timeout: 15_000 }).toBeGreaterThan(0)

  // What's new lists the terms first, with what changed and who changed it.
  await bob.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'What’s new' }).click()
  await expect(bob.getByRole('heading', { level: 1, name: 'What’s new' })).toBeVisible()
  const entry = whatsNewEntry(bob, 'Terms of reference')
  await expect(entry).toContainText('words added by Alice Organiser')
  await expect(entry).toContainText('Last seen')
  await expect(entry).toContainText('1 new comment')
  await expect(bob.getByRole('region', { name: 'Mentions' }).getByRole('link').first()).toBeVisible()
  await bob.screenshot({ path: screenshotPath('whats-new-laptop') })
  await expectNoSeriousViolations(bob)

  // On a phone, with touch: the same list, then the banner and the changes in place.
  await phone.goto('/whats-new')
  await expect(whatsNewEntry(phone, 'Terms of reference')).toContainText('by Alice Organiser')
  await phone.screenshot({ path: screenshotPath('whats-new-phone') })
  await whatsNewEntry(phone, 'Terms of reference').getByRole('link', { name: 'Terms of reference' }).tap()
  await expect(sinceBanner(phone)).toContainText('by Alice Organiser')
  await phone.screenshot({ path: screenshotPath('since-you-were-here-phone') })
  await sinceBanner(phone).getByRole('button', { name: 'Show changes' }).tap()
  await expect(compareView(phone).locator('ins.history-insertion', { hasText: 'Alice adds this' })).toBeVisible()
  await expect(compareView(phone).getByRole('status')).toBeInViewport()
  await phone.screenshot({ path: screenshotPath('since-you-were-here-changes-phone') })
  await compareView(phone).getByRole('button', { name: 'Back to now' }).tap()
  await expect(termsEditor(phone)).toContainText(alicesWords)

  // Back on the laptop: the entry links to the terms, where the banner says when Bob was last here.
  await entry.getByRole('link', { name: 'Terms of reference' }).click()
  await expect(sinceBanner(bob)).toContainText('Since you were here on')
  await expect(sinceBanner(bob)).toContainText('by Alice Organiser')
  await bob.screenshot({ path: screenshotPath('since-you-were-here-laptop') })
  await expectNoSeriousViolations(bob)
  await sinceBanner(bob).getByRole('button', { name: 'Show changes' }).click()
  const inserted = compareView(bob).locator('ins.history-insertion', { hasText: 'Alice adds this' })
  await expect(inserted).toBeVisible()
  await expect(inserted.first()).toHaveAttribute('title', 'Added by Alice Organiser')
  await inserted.first().scrollIntoViewIfNeeded()
  await bob.screenshot({ path: screenshotPath('since-you-were-here-changes-laptop') })
  await compareView(bob).getByRole('button', { name: 'Back to now' }).click()
  await expect(termsEditor(bob)).toContainText(alicesWords)
  await expect(sinceBanner(bob)).toBeHidden()

  // Alice takes her words out again; her cursor is still at their end. One Backspace a
  // character: a selection grown by Shift+ArrowLeft lives in the browser until the editor reads
  // it, and a redraw meanwhile (another member's cursor arriving) put the editor's older
  // selection back, so part of her words stayed (seen once in CI).
  for (let i = 0; i <= alicesWords.length; i++) await alice.keyboard.press('Backspace')
  for (const page of [alice, bob, phone]) await expect(termsEditor(page)).not.toContainText('Alice adds this')
  // The thread is resolved and the mention read, so later suites find the terms' comments and Bob's notifications as before.
  expect((await alice.request.patch(`/api/comments/${commentId}`, { headers: fromStudio(), data: { resolved: true } })).status()).toBe(200)
  expect((await bob.request.post('/api/notifications/read', { headers: fromStudio(), data: { ids: (await unreadMentions()).map((n) => n.id) } })).status()).toBe(204)
  for (const page of [alice, bob, phone]) await page.context().close()
})
