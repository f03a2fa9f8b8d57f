/**
 * Comments on a passage (issue 14), in Chromium. On a laptop Alice selects words of the terms
 * of reference, presses Comment and sends; the words are highlighted for her and, live, for
 * Bob in another browser; clicking the highlight opens its thread with the quoted words. While
 * Bob types before and inside the passage the highlight follows the words; when he deletes
 * them, the thread says so and keeps its quote. The same in a meeting's notes. On a phone, an
 * observer (observers may comment: packages/contract comment-permissions.ts) selects words in
 * the read-only text, and the Comment button under the selection stays clear of it and of the
 * screen's edges. Threads are resolved at the end, so other suites on this studio count none.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousViolations, pageOn, screenshotPath, type DeviceName } from './support/people.ts'

const termsOf = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })
const notesOf = (page: Page) => page.getByRole('textbox', { name: 'Notes' })
const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Comments' })
const commentButtonOf = (page: Page) => page.getByRole('button', { name: 'Comment on the selected passage' })
const threadBy = (page: Page, author: string) => panelOf(page).getByRole('article', { name: `Thread by ${author}` })
const deletedNote = 'The passage this comment was on has been deleted.'

/** The highlighted words in `editor`, without other members' named carets drawn among them. */
function highlightedWords(editor: Locator): Promise<string> {
  return editor.evaluate((element) =>
    Array.from(element.querySelectorAll('.passage-highlight'))
      .map((span) => {
        const copy = span.cloneNode(true) as HTMLElement
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
        return copy.textContent ?? ''
      })
      .join(''),
  )
}

declare global {
  interface Window {
    /**
     * The range of `words` (or of its characters `from` to `to`) in `root`'s text, across text
     * nodes, leaving out other members' named carets.
     */
    wordsRange: (root: Element, words: string, from?: number, to?: number) => Range
    /** `root`'s text without other members' named carets. */
    plainText: (root: Element) => string
  }
}

/** Installed in every page before its scripts run (page.addInitScript), for the helpers below. */
function installWordsRange(): void {
  const textNodes = (root: Element): Text[] => {
    const nodes: Text[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('.collaboration-carets__caret')) nodes.push(node as Text)
    }
    return nodes
  }
  window.plainText = (root) => textNodes(root).map((node) => node.data).join('')
  window.wordsRange = (root, words, from = 0, to = words.length) => {
    const nodes = textNodes(root)
    const at = nodes.map((node) => node.data).join('').indexOf(words)
    if (at < 0) throw new Error(`"${words}" is not in the text`)
    const place = (offset: number, leaning: 'start' | 'end'): [Text, number] => {
      let seen = 0
      for (const node of nodes) {
        const inside = leaning === 'start' ? offset < seen + node.length : offset <= seen + node.length
        if (inside) return [node, offset - seen]
        seen += node.length
      }
      throw new Error('past the end of the text')
    }
    const range = document.createRange()
    range.setStart(...place(at + from, 'start'))
    range.setEnd(...place(at + to, from === to ? 'start' : 'end'))
    return range
  }
}

/** A member on a device, with the helpers installed. */
async function memberOn(browser: Browser, device: DeviceName, name: string): Promise<Page> {
  const page = await pageOn(browser, device, name)
  await page.addInitScript(installWordsRange)
  return page
}

/** Where `words` are on screen in `editor`: the first and last line's boxes. */
async function wordsBox(editor: Locator, words: string) {
  return editor.evaluate((element, words) => {
    const rects = Array.from(window.wordsRange(element, words).getClientRects()).filter((rect) => rect.width > 0)
    const first = rects[0]!
    const last = rects[rects.length - 1]!
    return { left: first.left, top: first.top, right: last.right, bottom: Math.max(...rects.map((rect) => rect.bottom)), firstHeight: first.height, lastTop: last.top, lastHeight: last.height }
  }, words)
}

/** Drags the mouse over `words`, as a person selects text on a laptop. */
async function dragOver(page: Page, editor: Locator, words: string): Promise<void> {
  const box = await wordsBox(editor, words)
  await page.mouse.move(box.left + 1, box.top + box.firstHeight / 2)
  await page.mouse.down()
  await page.mouse.move(box.right - 1, box.lastTop + box.lastHeight / 2, { steps: 8 })
  await page.mouse.up()
}

/**
 * Selects `words` as a long press and the handles do on a phone: Playwright cannot drive the
 * phone's own selection gestures, so the browser's selection is set where they would put it.
 */
async function selectOnPhone(editor: Locator, words: string): Promise<void> {
  await editor.evaluate((element, words) => {
    const range = window.wordsRange(element, words)
    document.getSelection()!.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset)
  }, words)
}

/** Puts the caret `at` characters into `words`, in an editor that has focus. */
async function caretIn(editor: Locator, words: string, at: number): Promise<void> {
  await editor.evaluate(
    (element, { words, at }) => {
      const range = window.wordsRange(element, words, at, at)
      document.getSelection()!.collapse(range.startContainer, range.startOffset)
    },
    { words, at },
  )
}

/** The editor's text, without other members' named carets drawn in it. */
const plainText = (editor: Locator) => editor.evaluate((element) => window.plainText(element))

async function openTerms(page: Page): Promise<void> {
  await page.goto('/terms-of-reference')
  await expect(termsOf(page)).toContainText('Purpose')
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** Types `line` as a paragraph of its own at the end of the terms of reference. */
async function addLine(page: Page, line: string): Promise<void> {
  const last = termsOf(page).locator(':scope > *').last()
  await last.scrollIntoViewIfNeeded()
  const box = (await last.boundingBox())!
  await last.click({ position: { x: Math.max(2, box.width - 4), y: box.height - 4 } })
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type(line, { delay: 10 })
}

/** Comments on the selected words: the button under the selection, the panel with the quote, send. */
async function commentOnSelection(page: Page, quote: string, body: string): Promise<void> {
  await expect(commentButtonOf(page)).toBeVisible()
  await commentButtonOf(page).click()
  await expect(panelOf(page).locator('.comments-panel__quote')).toHaveText(quote)
  // The box for the new thread takes focus: the person is about to write.
  await expect(panelOf(page).getByLabel('Start a thread on this passage')).toBeFocused()
  await panelOf(page).getByLabel('Start a thread on this passage').fill(body)
  await panelOf(page).getByRole('button', { name: 'Comment', exact: true }).click()
  await expect(panelOf(page).getByRole('status')).toHaveText('Your comment was added.')
}

async function resolveThread(page: Page, author: string): Promise<void> {
  await panelOf(page).getByRole('button', { name: `Resolve ${author}'s thread` }).click()
  await expect(panelOf(page).getByText(/^Resolved threads/)).toBeVisible()
}

test('a laptop: a passage of the terms of reference is commented on, highlighted live for another member, follows their typing, and its deletion is told', async ({ browser }) => {
  const alice = await memberOn(browser, 'laptop', 'Alice Organiser')
  const bob = await memberOn(browser, 'laptop', 'Bob Contributor')
  try {
    for (const page of [alice, bob]) await openTerms(page)
    const line = `Sponsors review the draft matrix every quarter (${Date.now()}).`
    await addLine(alice, line)
    await expect(termsOf(bob)).toContainText(line)

    await dragOver(alice, termsOf(alice), 'review the draft matrix')
    // The button sits under the selection, clear of the words.
    const words = await wordsBox(termsOf(alice), 'review the draft matrix')
    const button = (await commentButtonOf(alice).boundingBox())!
    expect(button.y).toBeGreaterThanOrEqual(words.bottom)
    await alice.screenshot({ path: screenshotPath('passage-comments-laptop-button') })
    await commentOnSelection(alice, 'review the draft matrix', 'Quarterly is too often for volunteers.')
    await expect(threadBy(alice, 'Alice Organiser').locator('blockquote')).toHaveText('review the draft matrix')
    await expect.poll(() => highlightedWords(termsOf(alice))).toBe('review the draft matrix')

    // Bob sees the highlight without reloading; clicking it opens the thread with the quote.
    await expect.poll(() => highlightedWords(termsOf(bob))).toBe('review the draft matrix')
    await expect(bob.getByRole('button', { name: /^Comments/ })).toContainText(/\d+ open comments?/)
    await termsOf(bob).locator('.passage-highlight').first().click()
    await expect(threadBy(bob, 'Alice Organiser')).toBeVisible()
    await expect(threadBy(bob, 'Alice Organiser').locator('blockquote')).toHaveText('review the draft matrix')
    await expect(threadBy(bob, 'Alice Organiser')).toContainText('Quarterly is too often for volunteers.')

    // Bob types just before the passage (outside it) and inside it; both highlights follow the words.
    await termsOf(bob).focus()
    await caretIn(termsOf(bob), 'review the draft matrix', 0)
    await bob.keyboard.type('then ', { delay: 20 })
    await caretIn(termsOf(bob), 'draft matrix', 'draft'.length)
    await bob.keyboard.type(' competency', { delay: 20 })
    for (const page of [alice, bob]) {
      await expect.poll(() => plainText(termsOf(page))).toContain('Sponsors then review the draft competency matrix every quarter')
      await expect.poll(() => highlightedWords(termsOf(page))).toBe('review the draft competency matrix')
    }
    await alice.screenshot({ path: screenshotPath('passage-comments-laptop-highlight') })
    await expectNoSeriousViolations(alice)

    // Alice's "Show the passage" marks it in the text.
    await threadBy(alice, 'Alice Organiser').getByRole('button', { name: 'Show the passage in the text' }).click()
    await expect(termsOf(alice).locator('.passage-highlight--shown').first()).toBeVisible()

    // Bob deletes the passage's words: the thread says so, keeps its quote, and nothing is highlighted.
    await dragOver(bob, termsOf(bob), 'review the draft competency matrix ')
    await bob.keyboard.press('Backspace')
    await expect.poll(() => plainText(termsOf(alice))).toContain('Sponsors then every quarter')
    for (const page of [alice, bob]) {
      await expect(threadBy(page, 'Alice Organiser')).toContainText(deletedNote)
      await expect(threadBy(page, 'Alice Organiser').locator('blockquote')).toHaveText('review the draft matrix')
      await expect(termsOf(page).locator('.passage-highlight')).toHaveCount(0)
    }
    // Nobody starts a new thread on words that are gone.
    await expect(panelOf(alice).getByLabel('Start a thread on this passage')).toHaveCount(0)
    await alice.screenshot({ path: screenshotPath('passage-comments-laptop-deleted') })

    // Undo brings the words back as new text, which Yjs places before the deleted words: each copy
    // of the document finds the same part of them again (docs/decisions.md, "undone deletion").
    await bob.keyboard.press('Control+z')
    await expect.poll(() => plainText(termsOf(alice))).toContain('Sponsors then review the draft competency matrix every quarter')
    await expect.poll(async () => (await highlightedWords(termsOf(alice))) === (await highlightedWords(termsOf(bob)))).toBe(true)
    await resolveThread(alice, 'Alice Organiser')
    await expect(termsOf(bob).locator('.passage-highlight')).toHaveCount(0)
  } finally {
    for (const page of [alice, bob]) await page.context().close()
  }
})

test('a laptop: a passage of a meeting’s notes is commented on, highlighted for another member, and deleted', async ({ browser }) => {
  const alice = await memberOn(browser, 'laptop', 'Alice Organiser')
  const bob = await memberOn(browser, 'laptop', 'Bob Contributor')
  try {
    await alice.goto('/meetings')
    await alice.getByRole('button', { name: 'Add a meeting' }).click()
    const title = `Passage comments ${Date.now()}`
    const form = alice.getByRole('form', { name: 'Add a meeting' })
    await form.getByLabel('Title').fill(title)
    await form.getByRole('button', { name: 'Add meeting' }).click()
    await alice.getByRole('link', { name: title, exact: true }).click()
    await expect(alice).toHaveURL(/\/meetings\//)
    await bob.goto(new URL(alice.url()).pathname)
    for (const page of [alice, bob]) await expect(notesOf(page)).toHaveAttribute('contenteditable', 'true')

    await notesOf(alice).locator('li p').first().click()
    await alice.keyboard.type('Alice: the sponsor wants monthly reports on progress', { delay: 10 })
    await expect(notesOf(bob)).toContainText('monthly reports on progress')
    await dragOver(alice, notesOf(alice), 'monthly reports')
    await commentOnSelection(alice, 'monthly reports', 'Monthly, or after each meeting?')
    await expect.poll(() => highlightedWords(notesOf(alice))).toBe('monthly reports')
    await expect.poll(() => highlightedWords(notesOf(bob))).toBe('monthly reports')

    await notesOf(bob).locator('.passage-highlight').first().click()
    await expect(threadBy(bob, 'Alice Organiser').locator('blockquote')).toHaveText('monthly reports')
    // Ctrl+Alt+M comments on words selected with the keyboard.
    await notesOf(bob).focus()
    await caretIn(notesOf(bob), 'on progress', 0)
    for (let step = 0; step < 'on progress'.length; step++) await bob.keyboard.press('Shift+ArrowRight')
    // The editor reads the browser's selection on its next selectionchange, as a person's next key would find it.
    await expect.poll(() => bob.evaluate(() => document.getSelection()!.toString())).toBe('on progress')
    await bob.evaluate(() => new Promise(requestAnimationFrame))
    await bob.keyboard.press('Control+Alt+m')
    await expect(panelOf(bob).locator('.comments-panel__quote')).toHaveText('on progress')
    await expect(panelOf(bob).getByLabel('Start a thread on this passage')).toBeFocused()
    await alice.screenshot({ path: screenshotPath('passage-comments-meeting-laptop') })
    // Bob changes his mind: Escape closes the panel, nothing is sent.
    await bob.keyboard.press('Escape')
    await expect(panelOf(bob)).toBeHidden()

    await dragOver(bob, notesOf(bob), 'monthly reports ')
    await bob.keyboard.press('Backspace')
    await expect.poll(() => plainText(notesOf(alice))).toContain('the sponsor wants on progress')
    await expect(threadBy(alice, 'Alice Organiser')).toContainText(deletedNote)
    await expect(threadBy(alice, 'Alice Organiser').locator('blockquote')).toHaveText('monthly reports')
    // With no highlight left to click, Bob finds the thread among all open threads.
    await bob.getByRole('button', { name: /^Comments/ }).click()
    await panelOf(bob).getByRole('button', { name: 'Show all open threads (1)' }).click()
    await expect(threadBy(bob, 'Alice Organiser')).toContainText(deletedNote)
    await expect(threadBy(bob, 'Alice Organiser').locator('blockquote')).toHaveText('monthly reports')
    await expect(notesOf(alice).locator('.passage-highlight')).toHaveCount(0)
    await alice.screenshot({ path: screenshotPath('passage-comments-meeting-deleted') })
    await resolveThread(alice, 'Alice Organiser')
  } finally {
    for (const page of [alice, bob]) await page.context().close()
  }
})

test('a phone: an observer selects words of the read-only terms of reference, comments, and the button stays clear of the selection', async ({ browser }) => {
  const olive = await memberOn(browser, 'phone', 'Olive Observer')
  const alice = await memberOn(browser, 'laptop', 'Alice Organiser')
  try {
    for (const page of [olive, alice]) await openTerms(page)
    await expect(termsOf(olive)).toHaveAttribute('contenteditable', 'false')
    const passage = termsOf(olive).locator('p', { hasText: 'freely usable' }).first()
    await passage.scrollIntoViewIfNeeded()
    await passage.tap()
    await selectOnPhone(termsOf(olive), 'freely usable competency framework')

    await expect(commentButtonOf(olive)).toBeVisible()
    const words = await wordsBox(termsOf(olive), 'freely usable competency framework')
    const button = (await commentButtonOf(olive).boundingBox())!
    const viewport = olive.viewportSize()!
    // Under the words with room for the selection handles, a full finger's height, on the screen.
    expect(button.y).toBeGreaterThanOrEqual(words.bottom + 20)
    expect(button.height).toBeGreaterThanOrEqual(44)
    expect(button.x).toBeGreaterThanOrEqual(0)
    expect(button.x + button.width).toBeLessThanOrEqual(viewport.width)
    expect(button.y + button.height).toBeLessThanOrEqual(viewport.height)
    await olive.screenshot({ path: screenshotPath('passage-comments-phone-button') })

    await commentButtonOf(olive).tap()
    await expect(panelOf(olive).locator('.comments-panel__quote')).toHaveText('freely usable competency framework')
    await panelOf(olive).getByLabel('Start a thread on this passage').fill('Free for whom: members, or anyone?')
    await panelOf(olive).getByRole('button', { name: 'Comment', exact: true }).tap()
    await expect(panelOf(olive).getByRole('status')).toHaveText('Your comment was added.')
    await expect(threadBy(olive, 'Olive Observer').locator('blockquote')).toHaveText('freely usable competency framework')
    await olive.screenshot({ path: screenshotPath('passage-comments-phone-thread') })
    await expect.poll(() => highlightedWords(termsOf(olive))).toBe('freely usable competency framework')
    await expect.poll(() => highlightedWords(termsOf(alice))).toBe('freely usable competency framework')

    // Tapping the highlight, with the panel closed, opens the thread.
    await panelOf(olive).getByRole('button', { name: 'Close comments' }).tap()
    await termsOf(olive).locator('.passage-highlight').first().scrollIntoViewIfNeeded()
    await olive.screenshot({ path: screenshotPath('passage-comments-phone-highlight') })
    await termsOf(olive).locator('.passage-highlight').first().tap()
    await expect(threadBy(olive, 'Olive Observer')).toBeInViewport()
    await expectNoSeriousViolations(olive)
    // An observer may resolve a thread of their own.
    await resolveThread(olive, 'Olive Observer')
    await expect(termsOf(alice).locator('.passage-highlight')).toHaveCount(0)
  } finally {
    for (const page of [olive, alice]) await page.context().close()
  }
})

test('a phone: a contributor selects words of the terms of reference and comments from the toolbar’s More menu', async ({ browser }) => {
  const bob = await memberOn(browser, 'phone', 'Bob Contributor')
  try {
    await openTerms(bob)
    const line = `Print the matrix for the sponsor (${Date.now()}).`
    await addLine(bob, line)
    await selectOnPhone(termsOf(bob), 'Print the matrix')

    // With the selection the toolbar's More menu offers Comment (and the button under the words too).
    const toolbar = bob.getByRole('toolbar', { name: 'Formatting' })
    await expect(commentButtonOf(bob)).toBeVisible()
    await toolbar.getByRole('button', { name: 'More' }).tap()
    const comment = bob.getByRole('menuitem', { name: 'Comment' })
    await expect(comment).toBeVisible()
    await expect(comment).not.toHaveAttribute('aria-disabled', 'true')
    await bob.screenshot({ path: screenshotPath('passage-comments-phone-more') })
    await comment.tap()
    await expect(panelOf(bob).locator('.comments-panel__quote')).toHaveText('Print the matrix')
    await expect(panelOf(bob).getByLabel('Start a thread on this passage')).toBeInViewport()
    await bob.screenshot({ path: screenshotPath('passage-comments-phone-new-thread') })

    // Without a selection, Comment in the menu has nothing to do.
    await panelOf(bob).getByRole('button', { name: 'Close comments' }).tap()
    await termsOf(bob).locator('p', { hasText: line }).tap()
    await toolbar.getByRole('button', { name: 'More' }).tap()
    await expect(bob.getByRole('menuitem', { name: 'Comment' })).toHaveAttribute('aria-disabled', 'true')
  } finally {
    await bob.context().close()
  }
})
