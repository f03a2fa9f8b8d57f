/**
 * A meeting across time zones: an organiser in the London room dates the kick-off, and a
 * remote contributor in New York sees it in both zones; both write the meeting's notes,
 * decisions and actions at once and see each other's edits and presence live; the owner
 * finds their action under My actions; the calendar file downloads. The list, a meeting
 * page and My actions pass axe-core; each view is screenshotted.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { expectNoSeriousViolations, screenshotPath, signedInPage } from './support/people.ts'

const kickOff = (page: Page) => page.locator('[data-meeting-id="kick-off"]')
const notesOf = (page: Page) => page.getByRole('textbox', { name: 'Notes' })
const agendaOf = (page: Page) => page.getByRole('textbox', { name: 'Agenda' })
const presenceOf = (page: Page) => page.getByTestId('presence-list')
const decisionsOf = (page: Page) => page.getByRole('region', { name: 'Decisions' })
const actionsOf = (page: Page) => page.getByRole('region', { name: 'Actions' })

function personIn(page: Page, name: string): Locator {
  return presenceOf(page).getByRole('listitem').filter({ hasText: name })
}

async function openMeetings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Meetings' }).click()
  await expect(page.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible()
  await expect(kickOff(page)).toBeVisible()
}

/** A full-page screenshot from the top, so sticky toolbars and sidebars sit where a reader first sees them. */
async function screenshotFromTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}

async function typeInto(page: Page, editor: Locator, words: string): Promise<void> {
  await editor.click()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type(words, { delay: 10 })
}

test('an organiser in London and a contributor in New York run the kick-off meeting together', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser', 'Europe/London')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')

  // The seeded kick-off meeting is there, undated, for both.
  for (const page of [alice, bob]) {
    await openMeetings(page)
    const card = kickOff(page)
    await expect(card.getByRole('heading', { name: 'Kick-off meeting' })).toBeVisible()
    await expect(card.getByTestId('meeting-when')).toHaveText('Not yet dated; planned for 13:00 to 17:00 London time')
    await expect(card).toContainText('Angel, Islington')
    await expect(card).toContainText('In person and remote')
    await expect(card).toContainText('Europe/London')
    await expect(card).toContainText('4 hours')
  }
  // Only organisers change meetings.
  await expect(bob.getByRole('button', { name: /Change details/ })).toHaveCount(0)
  await expect(bob.getByRole('button', { name: 'Add a meeting' })).toHaveCount(0)

  // The organiser dates it; a mistake is explained beside its field first.
  await kickOff(alice).getByRole('button', { name: /Change details/ }).click()
  const form = alice.getByRole('form', { name: 'Change “Kick-off meeting”' })
  await form.getByLabel('Title').fill('')
  await form.getByLabel('Date and start time').fill('2026-07-23T13:00')
  await expect(form.getByTestId('start-preview')).toHaveText('That is Thursday 23 July, 13:00 to 17:00 London.')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused()
  await expect(form.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('Give the meeting a title.').first()).toBeVisible()
  await form.getByLabel('Title').fill('Kick-off meeting')
  await form.getByLabel('Join link').fill('https://meet.example.org/kick-off')
  await form.getByRole('button', { name: 'Save changes' }).click()
  await expect(form).toHaveCount(0)

  // Each sees the time in the meeting's zone, and Bob in his own too.
  await expect(kickOff(alice).getByTestId('meeting-when')).toHaveText('Thursday 23 July, 13:00 to 17:00 London')
  await expect(kickOff(bob).getByTestId('meeting-when')).toHaveText(
    'Thursday 23 July, 13:00 to 17:00 London; 08:00 to 12:00 your time',
  )
  await expect(kickOff(bob).getByRole('link', { name: /meet\.example\.org/ })).toBeVisible()
  await screenshotFromTop(bob, 'meetings')
  await expectNoSeriousViolations(bob)

  // The calendar file downloads, with the start as a UTC instant (13:00 BST is 12:00 UTC).
  const [download] = await Promise.all([
    bob.waitForEvent('download'),
    kickOff(bob).getByRole('link', { name: /Download for your calendar/ }).click(),
  ])
  expect(download.suggestedFilename()).toBe('meeting-kick-off.ics')
  const calendar = await readFile((await download.path())!, 'utf8')
  expect(calendar).toContain('BEGIN:VCALENDAR')
  expect(calendar).toMatch(/DTSTART(;[^:]*)?:20260723T120000Z/)

  // Both open the meeting and say where they are.
  for (const page of [alice, bob]) {
    await kickOff(page).getByRole('link', { name: 'Kick-off meeting', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Kick-off meeting', level: 1 })).toBeVisible()
    await expect(page.getByTestId('connection-status')).toHaveText('Connected')
    await expect(notesOf(page)).toBeVisible()
  }
  await alice.getByRole('group', { name: 'Where are you for this meeting?' }).getByLabel('In the room').check()
  await bob.getByRole('group', { name: 'Where are you for this meeting?' }).getByLabel('Remote').check()

  // Presence: each sees the other, with their local time and where they are, in words.
  await expect(personIn(alice, 'Bob Contributor')).toContainText('Remote')
  await expect(personIn(alice, 'Bob Contributor')).toContainText(/\d{2}:\d{2} in New York/)
  await expect(personIn(alice, 'Bob Contributor')).toContainText('Active')
  await expect(personIn(bob, 'Alice Organiser')).toContainText('In the room')
  await expect(personIn(bob, 'Alice Organiser')).toContainText(/\d{2}:\d{2} in London/)
  await expect(personIn(bob, 'Bob Contributor')).toContainText('(you)')

  // Bob switches to another tab: he shows as idle until he is back.
  const setVisibility = (state: 'hidden' | 'visible') =>
    bob.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { value, configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    }, state)
  await setVisibility('hidden')
  await expect(personIn(alice, 'Bob Contributor')).toContainText('Idle')
  await setVisibility('visible')
  await expect(personIn(alice, 'Bob Contributor')).toContainText('Active')

  // They write the agenda and notes at the same time and see each other's words.
  await typeInto(alice, agendaOf(alice), 'Welcome and purpose. ')
  await typeInto(alice, notesOf(alice), 'Alice notes from the room. ')
  await typeInto(bob, notesOf(bob), 'Bob notes from New York. ')
  for (const page of [alice, bob]) {
    await expect(agendaOf(page)).toContainText('Welcome and purpose.')
    await expect(notesOf(page)).toContainText('Alice notes from the room.')
    await expect(notesOf(page)).toContainText('Bob notes from New York.')
  }

  // Decisions from both sides.
  await decisionsOf(alice).getByLabel('New decision').fill('Meet on the fourth Thursday of each month.')
  await decisionsOf(alice).getByRole('button', { name: 'Add decision' }).click()
  await decisionsOf(bob).getByLabel('New decision').fill('Remote contributors review drafts within a week.')
  await decisionsOf(bob).getByRole('button', { name: 'Add decision' }).click()
  for (const page of [alice, bob]) {
    await expect(decisionsOf(page).getByRole('listitem')).toHaveCount(2)
    await expect(decisionsOf(page)).toContainText('Meet on the fourth Thursday of each month.')
    await expect(decisionsOf(page)).toContainText('Remote contributors review drafts within a week.')
  }

  // Actions with owners chosen from the members; an empty action is explained, not added.
  await actionsOf(alice).getByRole('button', { name: 'Add action' }).click()
  await expect(actionsOf(alice).getByText('Say what needs doing.')).toBeVisible()
  await actionsOf(alice).getByLabel('What needs doing').fill('Circulate the draft competency matrix')
  await actionsOf(alice).getByLabel('Owner', { exact: true }).selectOption({ label: 'Bob Contributor' })
  await actionsOf(alice).getByLabel('Due date').fill('2026-08-06')
  await actionsOf(alice).getByRole('button', { name: 'Add action' }).click()
  await actionsOf(bob).getByLabel('What needs doing').fill('Book the room for August')
  await actionsOf(bob).getByLabel('Owner', { exact: true }).selectOption({ label: 'Alice Organiser' })
  await actionsOf(bob).getByRole('button', { name: 'Add action' }).click()

  const bobsAction = (page: Page) => actionsOf(page).getByRole('listitem').filter({ hasText: 'Circulate the draft competency matrix' })
  const alicesAction = (page: Page) => actionsOf(page).getByRole('listitem').filter({ hasText: 'Book the room for August' })
  for (const page of [alice, bob]) {
    await expect(bobsAction(page).getByLabel(/^Owner/)).toHaveValue(/.+/)
    await expect(bobsAction(page).getByLabel(/^Owner/).locator('option:checked')).toHaveText('Bob Contributor')
    await expect(bobsAction(page).getByLabel(/^Due/)).toHaveValue('2026-08-06')
    await expect(alicesAction(page).getByLabel(/^Owner/).locator('option:checked')).toHaveText('Alice Organiser')
  }
  // Alice finishes hers in the room; Bob sees it done at once.
  await alicesAction(alice).getByRole('checkbox', { name: 'Book the room for August' }).check()
  await expect(alicesAction(bob).getByRole('checkbox', { name: 'Book the room for August' })).toBeChecked()
  await expect(alicesAction(bob)).toContainText('Done')

  // Bob, catching up from New York, leaves a comment on the meeting; Alice sees it come in.
  const commentsButton = (page: Page) => page.getByRole('button', { name: /^Comments/ })
  const commentsPanel = (page: Page) => page.getByRole('complementary', { name: 'Comments' })
  await commentsButton(bob).click()
  await commentsPanel(bob).getByLabel('Start a thread on this meeting').fill('Could the notes say who was in the room?')
  await commentsPanel(bob).getByRole('button', { name: 'Comment', exact: true }).click()
  await expect(commentsButton(alice)).toContainText('1 open comment')
  await commentsButton(alice).click()
  await expect(commentsPanel(alice).getByRole('article', { name: 'Thread by Bob Contributor' })).toContainText('who was in the room')
  await screenshotFromTop(bob, 'meeting-comments')
  await commentsButton(alice).click()
  await commentsButton(bob).click()

  await expect(personIn(alice, 'Bob Contributor')).toContainText('Remote')
  await screenshotFromTop(alice, 'meeting')
  await screenshotFromTop(bob, 'meeting-remote')
  await expectNoSeriousViolations(alice)

  // A reload keeps everything, and the member's attendance for this meeting.
  await bob.reload()
  await expect(notesOf(bob)).toContainText('Alice notes from the room.')
  await expect(bob.getByRole('group', { name: 'Where are you for this meeting?' }).getByLabel('Remote')).toBeChecked()
  await expect(personIn(alice, 'Bob Contributor')).toContainText('Remote')

  // My actions: Bob's open action, linking back to the meeting; Alice's done one is not listed.
  await bob.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'My actions' }).click()
  const mine = bob.getByTestId('my-actions')
  await expect(mine.getByRole('listitem')).toHaveCount(1)
  await expect(mine).toContainText('Circulate the draft competency matrix')
  await expect(mine).toContainText(/Due 6 August( 2026)?/)
  await screenshotFromTop(bob, 'my-actions')
  await expectNoSeriousViolations(bob)
  await alice.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'My actions' }).click()
  await expect(alice.getByText('You have no open actions.')).toBeVisible()
  // Bob ticks his action done right here; it is written to the meeting, where Alice sees it.
  await alice.goto('/meetings/kick-off')
  await mine.getByRole('checkbox', { name: 'Done: Circulate the draft competency matrix' }).check()
  await expect(bobsAction(alice).getByRole('checkbox', { name: 'Circulate the draft competency matrix' })).toBeChecked()
  await mine.getByRole('checkbox', { name: 'Done: Circulate the draft competency matrix' }).uncheck()
  await expect(bobsAction(alice).getByRole('checkbox', { name: 'Circulate the draft competency matrix' })).not.toBeChecked()
  await mine.getByRole('link', { name: 'Kick-off meeting' }).click()
  await expect(bob).toHaveURL(/\/meetings\/kick-off$/)
  await expect(bob.getByRole('heading', { name: 'Kick-off meeting', level: 1 })).toBeVisible()

  await alice.context().close()
  await bob.context().close()
})

test('an organiser adds a meeting in another zone, and an observer reads meetings without changing them', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser', 'Europe/London')
  const olive = await signedInPage(browser, 'Olive Observer', 'America/New_York')
  await openMeetings(alice)
  await openMeetings(olive)

  await alice.getByRole('button', { name: 'Add a meeting' }).click()
  const form = alice.getByRole('form', { name: 'Add a meeting' })
  await expect(form.getByLabel('Title')).toBeFocused()
  await form.getByLabel('Title').fill('Review with the US practitioners')
  await form.getByLabel('Time zone of the meeting').fill('America/New_York')
  await form.getByLabel('Date and start time').fill('2026-09-10T10:00')
  await form.getByLabel('End time').fill('11:30')
  await form.getByLabel('Remote', { exact: true }).check()
  await form.getByLabel('Join link').fill('not a link')
  await form.getByRole('button', { name: 'Add meeting' }).click()
  await expect(form.getByText('Use a full web address starting with https://, or leave the link empty.').first()).toBeVisible()
  await form.getByLabel('Join link').fill('https://meet.example.org/review')
  await form.getByRole('button', { name: 'Add meeting' }).click()

  const review = (page: Page) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Review with the US practitioners' }) })
  await expect(review(alice).getByTestId('meeting-when')).toHaveText(
    'Thursday 10 September, 10:00 to 11:30 New York; 15:00 to 16:30 your time',
  )
  await expect(review(olive).getByTestId('meeting-when')).toHaveText('Thursday 10 September, 10:00 to 11:30 New York')
  await expect(olive.getByRole('button', { name: 'Add a meeting' })).toHaveCount(0)

  // The observer reads the meeting page but cannot write in it.
  await review(olive).getByRole('link', { name: 'Review with the US practitioners', exact: true }).click()
  await expect(olive.getByText('read-only for you')).toBeVisible()
  await expect(notesOf(olive)).toHaveAttribute('contenteditable', 'false')
  await expect(olive.getByRole('button', { name: 'Add decision' })).toHaveCount(0)
  await expect(olive.getByRole('button', { name: 'Add action' })).toHaveCount(0)

  await alice.context().close()
  await olive.context().close()
})

test('the terms of reference have a live outline whose links move to their heading', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const olive = await signedInPage(browser, 'Olive Observer')
  for (const page of [alice, olive]) {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
    await expect(page.getByRole('textbox', { name: 'Terms of reference' })).toContainText('Purpose')
  }
  const outlineOf = (page: Page) => page.getByRole('navigation', { name: 'Outline of the terms of reference' })
  await expect(outlineOf(alice).getByRole('link', { name: 'Purpose' })).toBeVisible()

  // An observer's link moves focus onto the heading itself.
  await outlineOf(olive).getByRole('link', { name: 'Deliverables and milestones' }).click()
  const heading = olive.getByRole('textbox', { name: 'Terms of reference' }).getByRole('heading', { name: 'Deliverables and milestones' })
  await expect(heading).toBeFocused()
  await expect(heading).toBeInViewport()

  // An editor's link puts the caret in the heading itself.
  await outlineOf(alice).getByRole('link', { name: 'Purpose' }).click()
  await expect(alice.getByRole('textbox', { name: 'Terms of reference' })).toBeFocused()
  const caretIn = await alice.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('h2, h3, h4')?.textContent)
  expect(caretIn).toBe('Purpose')

  // A heading added at the end appears in everyone's outline.
  // Put the caret at the document's end through the editor itself: Ctrl+End or a click right
  // after the outline link's smooth scroll sometimes left it in "Purpose".
  const editor = alice.getByRole('textbox', { name: 'Terms of reference' })
  await editor.evaluate((element) => (element as HTMLElement & { editor?: { commands: { focus(at: 'end'): void } } }).editor?.commands.focus('end'))
  await expect(editor).toBeFocused()
  await alice.keyboard.press('Enter')
  // On a narrow toolbar Heading 3 waits in the More menu.
  const toolbar = alice.getByRole('toolbar', { name: 'Formatting' })
  if (!(await toolbar.getByRole('button', { name: 'Heading 3' }).isVisible())) await toolbar.getByRole('button', { name: 'More' }).click()
  await toolbar.getByRole('button', { name: 'Heading 3' }).or(toolbar.getByRole('menuitemcheckbox', { name: 'Heading 3' })).click()
  await alice.keyboard.type('Outline check', { delay: 10 })
  await expect(outlineOf(olive).getByRole('link', { name: 'Outline check' })).toBeVisible()
  await expect(outlineOf(alice).getByRole('link', { name: 'Outline check' })).toBeVisible()
  await expect(olive.getByTestId('presence-list')).toContainText('Alice Organiser')

  await alice.screenshot({ path: screenshotPath('terms-of-reference-outline') })
  await expectNoSeriousViolations(alice)
  await alice.context().close()
  await olive.context().close()
})
