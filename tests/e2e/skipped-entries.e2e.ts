/**
 * The notice about skipped entries, in Chromium: a meeting whose log holds an entry written
 * before the server checked the document's model (put in the store directly, as an old studio
 * would have) tells an organiser how many entries are hidden and, on opening, which; a
 * contributor sees the meeting as usual and no notice. On a laptop and on a phone with touch.
 * The server refuses such an update from any client today, so the test writes it into the
 * studio's SQLite file while nobody has the meeting open: the studio reads it from the log
 * when the meeting is next opened.
 */
import { expect, test, type Page } from '@playwright/test'
import { addDecision, meetingDocumentName } from '@studio/framework'
import { sqliteFilename } from '@studio/server/store/database'
import { DatabaseSync } from 'node:sqlite'
import * as Y from 'yjs'
import { expectNoSeriousViolations, pageOn, screenshotPath } from './support/people.ts'
import { e2eState } from './support/state.ts'

const title = 'Skipped entries review'
const readableDecision = 'Reports go out monthly.'
/** Under 30 characters, so the listing quotes it whole. */
const oldDecision = 'Meet every second Tuesday'
const oldDecisionId = 'decision-from-an-old-studio'
const expectedLine = `decisions.${oldDecisionId}: expected a map, found the text "${oldDecision}"`

const noticeOf = (page: Page) => page.getByRole('status').filter({ hasText: 'could not be read' })
const decisionsOf = (page: Page) => page.getByRole('region', { name: 'Decisions' })

/** Adds a meeting from the meetings list (meetings are written through their documents, not over HTTP), without opening it; returns its id. */
async function addMeeting(page: Page): Promise<string> {
  await page.goto('/meetings')
  await page.getByRole('button', { name: 'Add a meeting' }).click()
  const form = page.getByRole('form', { name: 'Add a meeting' })
  await form.getByLabel('Title').fill(title)
  await form.getByRole('button', { name: 'Add meeting' }).click()
  await expect(form).toHaveCount(0)
  const card = page.locator('[data-meeting-id]').filter({ has: page.getByRole('link', { name: title, exact: true }) })
  await expect(card).toHaveCount(1)
  return (await card.getAttribute('data-meeting-id'))!
}

/**
 * Appends to the meeting's log, as an old studio would have, one update holding a readable
 * decision and one the model does not allow: a decision stored as a bare string instead of
 * a map of fields. The update is made on top of what the store holds for the meeting.
 */
function writeAsAnOldStudio(meetingId: string): void {
  const name = meetingDocumentName(meetingId)
  const database = new DatabaseSync(sqliteFilename(e2eState().dataDir))
  try {
    // The studio holds the file too: wait for its lock rather than fail.
    database.exec('PRAGMA busy_timeout = 5000')
    const doc = new Y.Doc()
    const stored = database.prepare('SELECT state FROM documents WHERE name = ?').get(name) as { state: Uint8Array } | undefined
    if (stored) Y.applyUpdate(doc, stored.state)
    const logged = database.prepare('SELECT payload FROM document_updates WHERE document = ? ORDER BY id').all(name) as Array<{ payload: Uint8Array }>
    for (const { payload } of logged) Y.applyUpdate(doc, payload)
    const before = Y.encodeStateVector(doc)
    doc.transact(() => {
      addDecision(doc, { text: readableDecision, id: 'decision-readable' })
      doc.getMap('decisions').set(oldDecisionId, oldDecision)
    })
    const update = Y.encodeStateAsUpdate(doc, before)
    doc.destroy()
    database
      .prepare('INSERT INTO document_updates (document, payload, author_id, created_at) VALUES (?, ?, NULL, ?)')
      .run(name, update, new Date().toISOString())
  } finally {
    database.close()
  }
}

/** The meeting is open and synced: its readable content is shown and the page is connected. */
async function openMeeting(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}`)
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
  await expect(decisionsOf(page)).toContainText(readableDecision)
  // The entry that breaks the model is not shown as a decision (only an organiser's notice quotes it).
  await expect(decisionsOf(page)).not.toContainText(oldDecision)
}

/**
 * Resolves once the page has been idle three times over: an organiser's notice waits for an
 * idle moment, fetches its code, and reads the document at the next idle moment.
 */
async function untilIdle(page: Page): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 5000 })))
  }
}

/** No part of the page is wider than the screen. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
}

test('an organiser is told of a meeting’s entry written before the model was checked, and a contributor is not, on a laptop and a phone', async ({ browser }) => {
  test.slow()
  const alice = await pageOn(browser, 'laptop', 'Alice Organiser')
  // Adding the meeting writes the meetings list only: nobody has opened the meeting's own document,
  // so the studio has not loaded it and reads the log afresh when someone opens it.
  const meetingId = await addMeeting(alice)
  writeAsAnOldStudio(meetingId)

  // The organiser on a laptop: the notice, folded, then the entry and what to do about it.
  await openMeeting(alice, meetingId)
  const notice = noticeOf(alice)
  // It waits for the page to be idle (up to 5 s) and then fetches its code.
  await expect(notice).toBeVisible({ timeout: 20_000 })
  await expect(notice).toContainText('1 entry of this meeting could not be read and is left out, here and in downloads.')
  const line = notice.getByRole('listitem').filter({ hasText: expectedLine })
  await expect(line).toBeHidden()
  await notice.getByText('Which entries, and how to repair them').click()
  await expect(line).toBeVisible()
  await expect(notice).toContainText('They were written before the studio checked every edit; everything else is shown as usual.')
  await expect(notice.getByRole('listitem')).toHaveCount(1)
  await alice.evaluate(() => window.scrollTo(0, 0))
  await alice.screenshot({ path: screenshotPath('skipped-entries-laptop') })
  await expectNoSeriousViolations(alice)

  // A contributor sees the same meeting, its readable decision, and no notice once the page has been idle.
  const bob = await pageOn(browser, 'laptop', 'Bob Contributor')
  await openMeeting(bob, meetingId)
  await untilIdle(bob)
  await expect(decisionsOf(bob)).toContainText(readableDecision)
  await expect(noticeOf(bob)).toHaveCount(0)
  await expect(bob.getByText('Which entries, and how to repair them')).toHaveCount(0)

  // The organiser on a phone, with touch: the notice fits the screen, folded and open.
  const phone = await pageOn(browser, 'phone', 'Alice Organiser')
  await openMeeting(phone, meetingId)
  const phoneNotice = noticeOf(phone)
  await expect(phoneNotice).toBeVisible({ timeout: 20_000 })
  await expect(phoneNotice).toContainText('1 entry of this meeting could not be read and is left out')
  await expect(phoneNotice).toBeInViewport()
  await expectNoSidewaysScroll(phone)
  await phoneNotice.getByText('Which entries, and how to repair them').tap()
  await expect(phoneNotice.getByRole('listitem').filter({ hasText: expectedLine })).toBeVisible()
  await expectNoSidewaysScroll(phone)
  await phone.evaluate(() => window.scrollTo(0, 0))
  await phone.screenshot({ path: screenshotPath('skipped-entries-phone') })

  for (const page of [alice, bob, phone]) await page.context().close()
})
