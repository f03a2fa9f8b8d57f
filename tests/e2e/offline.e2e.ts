/**
 * Working without a connection: the service worker serves the app shell, the device's copy
 * of the terms of reference (y-indexeddb) keeps an edit made offline across a reload, the
 * studio says it is working offline as the last signed-in member instead of asking them to
 * sign in, and the edit reaches another member once the connection returns. A document the
 * device never kept is asked for without waiting for the device's copies to be read.
 */
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousViolations, screenshotPath, signedInPage } from './support/people.ts'

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })

async function openTermsOfReference(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Terms of reference' }).click()
  await expect(editorOf(page)).toContainText('Purpose')
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** The service worker has cached the app shell and serves this page. */
async function expectShellCached(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
}

test('an edit made offline survives a reload and reaches the others when the connection returns', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor', 'America/New_York')
  await openTermsOfReference(alice)
  await openTermsOfReference(bob)
  // The app shell must be cached before the network goes.
  await expectShellCached(alice)

  const words = ' Drafted on the train with no signal.'
  const status = alice.getByTestId('connection-status')
  await alice.context().setOffline(true)
  await expect(status).toHaveAttribute('data-state', 'offline')
  const review = editorOf(alice).locator(':is(h2, h3, h4):has-text("Review") + p')
  const box = (await review.boundingBox())!
  await review.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await alice.keyboard.press('End')
  await alice.keyboard.type(words, { delay: 15 })
  // One sentence is one document with changes waiting, however many updates it took.
  await expect(status).toHaveText('Offline – unsent changes in 1 document')

  // A reload with no network: the shell comes from the service worker, the text from this device.
  await alice.reload()
  await expect(alice.getByTestId('offline-session')).toContainText('Working offline as Alice Organiser')
  await expect(editorOf(alice)).toContainText(words.trim())
  await expect(status).toHaveAttribute('data-state', 'offline')
  // The count of waiting edits is carried across the reload.
  await expect(status).toHaveText('Offline – unsent changes in 1 document')
  await alice.screenshot({ path: screenshotPath('offline-reload') })
  await expect(editorOf(bob)).not.toContainText(words.trim())

  await alice.context().setOffline(false)
  await expect(status).toHaveText('Connected')
  await expect(alice.getByTestId('offline-session')).toHaveCount(0)
  await expect(editorOf(bob)).toContainText(words.trim())
  // And the server kept it: a fresh load elsewhere has it too.
  await bob.reload()
  await expect(editorOf(bob)).toContainText(words.trim())

  await alice.context().close()
  await bob.context().close()
})

test('edits made offline in a document that is no longer open are sent when the connection returns', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  const bob = await signedInPage(browser, 'Bob Contributor')
  await openTermsOfReference(alice)
  await openTermsOfReference(bob)
  const status = alice.getByTestId('connection-status')
  await expectShellCached(alice)

  await alice.context().setOffline(true)
  await expect(status).toHaveAttribute('data-state', 'offline')
  const words = ' Added offline, then the meetings page was opened.'
  const licensing = editorOf(alice).locator(':is(h2, h3, h4):has-text("Licensing") + p')
  const box = (await licensing.boundingBox())!
  await licensing.click({ position: { x: box.width - 2, y: box.height - 6 } })
  await alice.keyboard.press('End')
  await alice.keyboard.type(words, { delay: 15 })

  // Away from the document, its waiting edits are still counted...
  await alice.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Meetings' }).click()
  await expect(alice.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible()
  await expect(status).toHaveText('Offline – unsent changes in 1 document')

  // ...and sent once the connection returns, without reopening it.
  await alice.context().setOffline(false)
  await expect(status).toHaveText('Connected')
  await expect(editorOf(bob)).toContainText(words.trim())
  await alice.context().close()
  await bob.context().close()
})

test('signing out removes the documents this device kept', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  await openTermsOfReference(alice)
  const copies = () =>
    alice.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? '').filter((name) => name.startsWith('studio:')))
  await expect.poll(copies).toContainEqual(expect.stringMatching(/:terms-of-reference$/))
  await alice.getByRole('button', { name: 'Sign out' }).click()
  await expect(alice.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await expect.poll(copies).toEqual([])
  expect(await alice.evaluate(() => localStorage.getItem('studio:last-member'))).toBeNull()
  // Nor the list of which documents it kept.
  expect(await alice.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('studio:held-copies:')))).toEqual([])
  await alice.context().close()
})

test('offline, a document this device has never opened says so and offers nothing to edit', async ({ browser }) => {
  // A new device: only the terms of reference have been opened here with a connection.
  const alice = await signedInPage(browser, 'Alice Organiser')
  await openTermsOfReference(alice)
  await expectShellCached(alice)
  await alice.context().setOffline(true)
  await expect(alice.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline')
  const nav = alice.getByRole('navigation', { name: 'Workspace' })
  const notHere = alice.getByText('not available offline on this device yet')

  await nav.getByRole('link', { name: 'Competency matrix' }).click()
  await expect(alice.getByRole('heading', { name: 'Competency matrix', level: 1 })).toBeVisible()
  await expect(notHere).toBeVisible()
  await expect(alice.getByRole('grid')).toHaveCount(0)
  await expect(alice.getByText(/\d+ competencies/)).toHaveCount(0)
  await expect(alice.getByRole('button', { name: 'Add domain' })).toHaveCount(0)
  await expect(alice.getByRole('button', { name: /^Import/ })).toHaveCount(0)
  await alice.screenshot({ path: screenshotPath('offline-never-opened-matrix') })
  await expectNoSeriousViolations(alice)

  await nav.getByRole('link', { name: 'Meetings' }).click()
  await expect(alice.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible()
  await expect(notHere).toBeVisible()
  await expect(alice.getByRole('button', { name: 'Add a meeting' })).toHaveCount(0)

  await nav.getByRole('link', { name: 'My actions' }).click()
  await expect(alice.getByRole('heading', { name: 'My actions', level: 1 })).toBeVisible()
  await expect(notHere).toBeVisible()

  // A meeting's page, opened by its address (the shell comes from the service worker).
  await alice.goto('/meetings/kick-off')
  await expect(notHere).toBeVisible()
  await expect(alice.getByRole('textbox', { name: 'Notes' })).toHaveCount(0)
  await expect(alice.getByRole('button', { name: /Add (a )?decision/ })).toHaveCount(0)

  // The document this device has is still there to read and edit.
  await nav.getByRole('link', { name: 'Terms of reference' }).click()
  await expect(editorOf(alice)).toContainText('Purpose')
  await expect(notHere).toHaveCount(0)

  // Once connected, the matrix arrives and can be edited.
  await alice.context().setOffline(false)
  await nav.getByRole('link', { name: 'Competency matrix' }).click()
  await expect(alice.getByRole('grid', { name: 'Competency matrix' }).getByRole('gridcell').first()).toBeVisible()
  await expect(alice.getByRole('button', { name: 'Add domain' })).toBeVisible()
  await expect(notHere).toHaveCount(0)
  await alice.context().close()
})

test('a document this device never kept is asked for at once, not after the device’s copies are read', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  // From here on IndexedDB opens a database only after 10 s, far longer than a page waits for
  // its copy (3 s, collab/local-copy.ts), and the page notes when it first asked for one.
  await alice.context().addInitScript(() => {
    const held = window as unknown as { __copyAskedAt?: number }
    const realOpen = IDBFactory.prototype.open
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      held.__copyAskedAt ??= performance.now()
      const standIn = {} as Record<string, unknown>
      setTimeout(() => {
        const request = realOpen.apply(this, args)
        for (const handler of ['onupgradeneeded', 'onsuccess', 'onerror', 'onblocked'] as const) {
          request[handler] = (event: Event) => (standIn[handler] as ((event: Event) => void) | undefined)?.(event)
        }
      }, 10_000)
      return standIn as unknown as IDBOpenDBRequest
    }
  })
  // A page of live documents lists the copies this device holds (none but the meetings list now).
  await alice.goto('/meetings')
  await expect(alice.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible()
  await expect.poll(() => alice.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('studio:held-copies:')))).toBe(true)

  // The terms were never kept here: they arrive while the device's copies still cannot be read.
  await alice.goto('/terms-of-reference')
  const arrivedAt = (await (
    await alice.waitForFunction(() => document.querySelector('[role=textbox][aria-label="Terms of reference"]')?.textContent?.includes('Purpose') && performance.now(), null, { polling: 20 })
  ).jsonValue()) as number
  const askedAt = await alice.evaluate(() => (window as unknown as { __copyAskedAt?: number }).__copyAskedAt)
  expect(askedAt).toBeDefined()
  // Waiting for the copy would have held the document back until the page gave up on it, 3 s.
  expect(arrivedAt - askedAt!).toBeLessThan(3_000)
  await alice.context().close()
})
