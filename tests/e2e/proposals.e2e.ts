/**
 * Proposals in Chromium (issue 16): a contributor proposes a cell's level from its editor in
 * the matrix, a competency's new name from its panel, and what one level of a
 * competency looks like; the organiser sees the descriptor old beside new in the competency's
 * panel and on the proposals page, and the cell marked, follows it to the proposal, supports it,
 * sees the contributor's response arrive on the open page, and accepts it, and the contributor's grid shows the new level live, its mark gone. New wording for a passage
 * of the terms of reference is marked in the text and shown old beside new. The close by lazy
 * consensus runs on the studio's clock, which the integration tests drive
 * (tests/integration/proposals-api.test.ts); this studio runs on real time, so the organiser
 * decides early here. Screens on a laptop and a phone, axe-checked.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousViolations, pageOn, screenshotPath } from './support/people.ts'

const gridOf = (page: Page) => page.getByRole('grid', { name: 'Competency matrix' })
const cell = (page: Page, competency: string, role: string) => gridOf(page).getByRole('gridcell', { name: new RegExp(`^${competency}, ${role}:`) })
const termsOf = (page: Page) => page.getByRole('textbox', { name: 'Terms of reference' })

async function openMatrix(page: Page): Promise<void> {
  await page.goto('/competency-matrix')
  await expect(gridOf(page).getByRole('gridcell').first()).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveText('Connected')
}

/** Selects `words` in the editor, as a person dragging across them would. */
async function select(editor: Locator, words: string): Promise<void> {
  await editor.evaluate((element, words) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(words)
      if (at >= 0) return document.getSelection()!.setBaseAndExtent(node, at, node, at + words.length)
    }
    throw new Error(`"${words}" is not in the editor`)
  }, words)
}

test('a proposed cell change is marked for the organiser, supported and accepted, and new wording for the terms shows old beside new', async ({ browser }) => {
  test.setTimeout(120_000)
  const bob = await pageOn(browser, 'laptop', 'Bob Contributor')
  const alice = await pageOn(browser, 'laptop', 'Alice Organiser')

  // Bob proposes "Leading" for a cell, from its editor, instead of setting it.
  await openMatrix(bob)
  await cell(bob, 'Estimating', 'PMO Analyst').focus()
  await bob.keyboard.press('Enter')
  const editor = bob.getByRole('dialog', { name: /^Edit Estimating, PMO Analyst/ })
  await editor.getByRole('button', { name: 'Propose a change…' }).click()
  await editor.getByLabel('Proposed level').selectOption({ label: '5 Leading' })
  await editor.getByLabel('Proposed note').fill('Estimates the whole portfolio.')
  await editor.getByLabel('Why').fill('Analysts here estimate for every programme.')
  await expect(editor.getByLabel('Closes')).not.toHaveValue('')
  await editor.getByRole('button', { name: 'Propose', exact: true }).click()
  await expect(editor.getByRole('status')).toContainText(/Proposed\. Closes .* London time/)
  await expect(editor.getByRole('link', { name: 'Respond' })).toBeVisible()
  await bob.screenshot({ path: screenshotPath('proposals-cell-editor-laptop') })
  await bob.keyboard.press('Escape')
  // And a clearer name for the competency, from its panel.
  await gridOf(bob).getByRole('rowheader', { name: /^Estimating/ }).focus()
  await bob.keyboard.press('Enter')
  const panel = bob.getByRole('dialog', { name: /^Edit competency Estimating/ })
  await panel.getByRole('button', { name: 'Propose a change…' }).click()
  await panel.getByLabel('Proposed name').fill('Estimating and forecasting')
  await panel.getByLabel('Why').fill('Forecasts are half of the work.')
  await panel.getByRole('button', { name: 'Propose', exact: true }).click()
  await expect(panel.getByRole('status')).toContainText('Proposed.')
  await panel.getByRole('status').scrollIntoViewIfNeeded()
  await bob.screenshot({ path: screenshotPath('proposals-competency-panel-laptop') })
  await bob.keyboard.press('Escape')
  // And what level 4 of another competency looks like: its descriptor, started from the one it has.
  await gridOf(bob).getByRole('button', { name: 'Edit Governance support', exact: true }).click()
  const sheet = bob.getByRole('dialog', { name: 'Edit competency Governance support' })
  await sheet.getByRole('button', { name: 'Propose a change…' }).click()
  await sheet.getByLabel('Level descriptor', { exact: true }).selectOption({ label: '4 Advanced' })
  await expect(sheet.getByLabel('Proposed summary')).toHaveValue(/^Designs governance for complex/)
  await sheet.getByLabel('Proposed summary').fill('Designs governance for complex work and reviews it with the sponsor each year.')
  await sheet.getByLabel('Proposed indicators').fill('Writes terms of reference with clear decision rights.\nRetires forums nobody needs.')
  await sheet.getByLabel('Why').fill('Governance that is never reviewed grows.')
  await sheet.getByLabel('Level descriptor', { exact: true }).scrollIntoViewIfNeeded()
  await bob.screenshot({ path: screenshotPath('proposals-descriptor-form-laptop') })
  await sheet.getByRole('button', { name: 'Propose', exact: true }).click()
  await expect(sheet.getByRole('status')).toContainText('Proposed.')
  await expect(sheet.getByRole('insertion')).toContainText('Retires forums nobody needs.')
  await bob.keyboard.press('Escape')

  // Alice sees the cell and the competency marked, opens it, and follows the proposal.
  await openMatrix(alice)
  const marked = cell(alice, 'Estimating', 'PMO Analyst')
  await expect(marked).toHaveClass(/matrix-cell--proposed/)
  await expect(marked).toHaveAttribute('aria-label', /a change proposed/)
  await expect(gridOf(alice).getByRole('rowheader', { name: /^Estimating/ })).toHaveAttribute('aria-label', /a change proposed/)
  // The proposed descriptor, old beside new, in the competency's panel.
  await gridOf(alice).getByRole('button', { name: 'Edit Governance support', exact: true }).click()
  const alicePanel = alice.getByRole('dialog', { name: 'Edit competency Governance support' })
  const proposedLevel = alicePanel.getByRole('region', { name: 'Proposals on this competency' }).getByRole('listitem')
  await expect(proposedLevel.getByRole('term')).toHaveText('Level 4 Advanced')
  await expect(proposedLevel.getByRole('deletion')).toContainText('Designs governance for complex or multi-project work')
  await expect(proposedLevel.getByRole('insertion')).toContainText('• Retires forums nobody needs.')
  await proposedLevel.scrollIntoViewIfNeeded()
  await alice.screenshot({ path: screenshotPath('proposals-descriptor-panel-laptop') })
  await alice.keyboard.press('Escape')
  await marked.scrollIntoViewIfNeeded()
  await alice.screenshot({ path: screenshotPath('proposals-matrix-marked-laptop') })
  await marked.focus()
  await alice.keyboard.press('Enter')
  await alice.getByRole('dialog', { name: /^Edit Estimating, PMO Analyst/ }).getByRole('link', { name: 'Respond' }).click()
  const proposal = alice.getByRole('article', { name: 'Estimating × PMO Analyst' }).first()
  await expect(proposal).toContainText('Proposed by Bob Contributor')
  await expect(proposal.getByRole('definition').filter({ hasText: 'Proposed' }).first()).toContainText('5 Leading')
  await proposal.getByRole('button', { name: 'Support' }).click()
  await expect(proposal).toContainText('1 support · 0 object · 0 abstain')
  await expect(proposal).toContainText('Alice Organiser supports')
  // Bob abstains from elsewhere: Alice's open page shows it without being reloaded, and
  // keeps the reason she is typing meanwhile.
  const reasonField = proposal.getByLabel('Reason')
  await reasonField.fill('Still weighing the wording')
  const proposalId = new URL(alice.url()).pathname.split('/').at(-1)!
  const abstained = await bob.request.post(`/api/proposals/${proposalId}/responses`, {
    data: { stance: 'abstain', reason: '' }, headers: { origin: new URL(alice.url()).origin },
  })
  expect(abstained.status()).toBe(200)
  await expect(proposal).toContainText('1 support · 0 object · 1 abstain', { timeout: 25_000 })
  await expect(proposal).toContainText('Bob Contributor abstains')
  await expect(reasonField).toHaveValue('Still weighing the wording')
  await reasonField.fill('')
  const descriptor = alice.getByRole('article', { name: 'The competency Governance support' })
  await expect(descriptor.getByRole('deletion')).toContainText('Coaches board secretaries')
  await expect(descriptor.getByRole('insertion')).toContainText('reviews it with the sponsor each year.')
  await alice.screenshot({ path: screenshotPath('proposals-page-laptop'), fullPage: true })
  await expectNoSeriousViolations(alice)

  // Alice accepts it now: Bob's grid shows the new level at once.
  await proposal.getByRole('button', { name: 'Accept now' }).click()
  await expect(proposal).toContainText('Accepted by an organiser and applied.')
  await expect(cell(bob, 'Estimating', 'PMO Analyst')).toHaveAttribute('aria-label', /Leading/)
  // And its mark goes at once, not at the page's next minute's poll: the studio signals the change.
  await expect(cell(bob, 'Estimating', 'PMO Analyst')).not.toHaveClass(/matrix-cell--proposed/)
  await expect(gridOf(bob).getByRole('rowheader', { name: /^Estimating/ })).toHaveAttribute('aria-label', /a change proposed/)
  await cell(bob, 'Estimating', 'PMO Analyst').scrollIntoViewIfNeeded()
  await bob.screenshot({ path: screenshotPath('proposals-accepted-mark-gone-laptop') })
  // In the decisions log, with who took part.
  await alice.getByLabel('Show').selectOption({ label: 'Decided (the decisions log)' })
  await expect(alice.getByRole('article', { name: 'Estimating × PMO Analyst' }).last()).toContainText('Alice Organiser supports')

  // Bob proposes new wording for a few words of the terms of reference.
  await bob.goto('/terms-of-reference')
  await expect(termsOf(bob)).toContainText('Purpose')
  await expect(bob.getByTestId('connection-status')).toHaveText('Connected')
  await termsOf(bob).click()
  await select(termsOf(bob), 'generic, freely usable')
  const proposeWording = bob.getByRole('button', { name: 'Propose wording' })
  if (await proposeWording.isVisible()) await proposeWording.click()
  else {
    await bob.getByRole('button', { name: 'More' }).click()
    await bob.getByRole('menuitem', { name: 'Propose wording' }).click()
  }
  const form = bob.getByRole('form', { name: 'Propose new wording' })
  await expect(form).toContainText('generic, freely usable')
  await form.getByLabel('Proposed wording').fill('generic, open')
  await form.getByLabel('Why').fill('Shorter, and says what we mean by free.')
  await form.getByRole('button', { name: 'Propose', exact: true }).click()
  await expect(bob.getByRole('status').filter({ hasText: 'Proposed. Members can respond' })).toBeVisible()

  // Alice, on a phone, sees the passage marked and the wording old beside new.
  const phone = await pageOn(browser, 'phone', 'Alice Organiser')
  await phone.goto('/terms-of-reference')
  const markedWords = termsOf(phone).locator('.passage-highlight--proposed')
  await expect(markedWords).toHaveText('generic, freely usable')
  await markedWords.scrollIntoViewIfNeeded()
  await phone.screenshot({ path: screenshotPath('proposals-terms-passage-phone') })
  const wording = phone.getByRole('article', { name: 'A passage of the terms of reference' })
  await expect(wording.getByRole('deletion')).toHaveText('generic, freely usable')
  await expect(wording.getByRole('insertion')).toHaveText('generic, open')
  await wording.scrollIntoViewIfNeeded()
  await phone.screenshot({ path: screenshotPath('proposals-terms-phone') })
  await phone.goto('/proposals')
  await expect(phone.getByRole('article', { name: 'A passage of the terms of reference' })).toBeVisible()
  await expect(phone.getByRole('article', { name: 'The competency Governance support' }).getByRole('term')).toHaveText('Level 4 Advanced')
  await phone.screenshot({ path: screenshotPath('proposals-page-phone'), fullPage: true })
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
  await expectNoSeriousViolations(phone)
  for (const page of [alice, bob, phone]) await page.context().close()
})
