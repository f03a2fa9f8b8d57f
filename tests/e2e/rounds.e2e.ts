/**
 * Consultation rounds in Chromium (issue 16, point 2): an organiser opens a round from the
 * Rounds page and invites an outside reviewer by email; the reviewer follows the link in the
 * mail (the studio's outbox), sets up their account on a phone, reads the pinned text and
 * comments on a cell, in a frame with no workspace navigation; the organiser gives the comment
 * a disposition and downloads the report, and the reviewer reads the disposition. Each screen
 * is checked with axe-core and photographed on a laptop and a phone (tests/artifacts/screenshots).
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { pageOn, screenshotPath } from './support/people.ts'
import { e2eState } from './support/state.ts'

const reviewerEmail = 'rita.reviewer@outside.example'

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** The invitation link of the newest mail to `email` in the studio's outbox, once it is there. */
async function joinLinkMailedTo(email: string): Promise<string> {
  const outbox = path.join(e2eState().dataDir, 'outbox')
  let link: string | undefined
  await expect.poll(async () => {
    for (const file of (await readdir(outbox).catch(() => [] as string[])).sort().reverse()) {
      const mail = JSON.parse(await readFile(path.join(outbox, file), 'utf8')) as { to: string; text: string }
      link = mail.to === email ? mail.text.match(/https?:\/\/\S+\/review\/join\/[A-Za-z0-9_-]+/)?.[0] : undefined
      if (link) return true
    }
    return false
  }, { message: `an invitation to ${email} in the outbox` }).toBe(true)
  return link!
}

test('an organiser runs a round with an outside reviewer, who comments; the comment gets a disposition and a report', async ({ browser }) => {
  test.setTimeout(120_000)
  const organiser = await pageOn(browser, 'laptop', 'Alice Organiser')
  await organiser.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Rounds' }).click()
  await expect(organiser.getByRole('heading', { level: 1, name: 'Consultation rounds' })).toBeVisible()
  await organiser.getByLabel('Title').fill('Spring review of the draft')
  // One domain and one role, with the terms: the scope a review of one role group has.
  await organiser.getByLabel('The whole framework: every domain and role').uncheck()
  await organiser.getByRole('group', { name: /Domains under review/ }).getByRole('checkbox').first().check()
  await organiser.getByRole('group', { name: /Roles under review/ }).getByRole('checkbox').first().check()
  await organiser.getByLabel('The terms of reference too').check()
  await expectNoViolations(organiser)
  await organiser.screenshot({ path: screenshotPath('rounds-organiser-laptop'), fullPage: true })
  await organiser.getByRole('button', { name: 'Open the round' }).click()
  await expect(organiser.getByRole('heading', { level: 1, name: 'Spring review of the draft' })).toBeVisible()
  await expect(organiser.getByText('Open for comments.')).toBeVisible()

  await organiser.getByLabel('Invite a reviewer by email').fill(reviewerEmail)
  await organiser.getByRole('button', { name: 'Send invitation' }).click()
  await expect(organiser.getByRole('status').filter({ hasText: `Invited ${reviewerEmail}` })).toBeVisible()
  await expect(organiser.getByText('outside reviewer, invitation not accepted yet')).toBeVisible()
  await organiser.getByRole('heading', { name: 'Reviewers' }).scrollIntoViewIfNeeded()
  await organiser.screenshot({ path: screenshotPath('round-organiser-reviewers-laptop') })

  // The reviewer, on a phone, from the mailed link.
  const reviewer = await pageOn(browser, 'phone', null)
  await reviewer.goto(await joinLinkMailedTo(reviewerEmail))
  await expect(reviewer.getByText('Spring review of the draft')).toBeVisible()
  await reviewer.getByLabel('Your name').fill('Rita Reviewer')
  await reviewer.getByLabel('Choose a password').fill('a reviewer password long enough')
  await reviewer.getByRole('radio', { name: 'By my initials' }).check()
  await expectNoViolations(reviewer)
  await reviewer.screenshot({ path: screenshotPath('round-reviewer-join-phone') })
  await reviewer.getByRole('button', { name: 'Set up my account' }).click()
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Your review rounds' })).toBeVisible()
  await expect(reviewer.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0)
  await reviewer.screenshot({ path: screenshotPath('round-reviewer-rounds-phone') })
  await reviewer.getByRole('link', { name: 'Spring review of the draft' }).click()
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Spring review of the draft' })).toBeVisible()
  await expect(reviewer.getByRole('heading', { name: 'Terms of reference under review' })).toBeVisible()
  const firstCell = reviewer.locator('.round-cell').first()
  const cellRole = (await firstCell.locator('.round-cell__role').textContent())!.trim()
  await firstCell.getByRole('button', { name: /^Comment/ }).tap()
  await expect(reviewer.getByText(new RegExp(`On: .+ × ${cellRole}`))).toBeVisible()
  await expect(reviewer.locator('.round-cell')).toHaveCount(await reviewer.locator('.round-competency').count())
  await reviewer.getByLabel('Comment', { exact: true }).fill('This level is too high for someone new to the role.')
  await reviewer.getByRole('button', { name: 'Send comment' }).tap()
  await expect(reviewer.getByRole('status').filter({ hasText: 'is number 1' })).toBeVisible()
  const overflow = await reviewer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expectNoViolations(reviewer)
  await reviewer.screenshot({ path: screenshotPath('round-reviewer-phone') })
  // The workspace is not theirs: its pages send them to the members' sign-in.
  await reviewer.goto('/competency-matrix')
  await expect(reviewer).toHaveURL(/\/sign-in/)

  // The organiser disposes of the comment and downloads the report.
  await organiser.reload()
  await organiser.getByRole('button', { name: 'Give disposition of comment 1' }).click()
  await organiser.getByLabel('Disposition of comment 1').selectOption('partly-accepted')
  await organiser.getByLabel('Response to comment 1').fill('Lowered by one level for new analysts.')
  await organiser.getByRole('button', { name: 'Save disposition' }).click()
  await expect(organiser.locator('.round-comment__badge')).toHaveText('Partly accepted')
  await expectNoViolations(organiser)
  await organiser.getByRole('heading', { name: /Comments and dispositions/ }).scrollIntoViewIfNeeded()
  await organiser.screenshot({ path: screenshotPath('round-organiser-laptop') })
  const [report] = await Promise.all([organiser.waitForEvent('download'), organiser.getByRole('link', { name: 'CSV' }).click()])
  const csv = await readFile((await report.path())!, 'utf8')
  expect(csv).toContain('partly-accepted,Lowered by one level for new analysts.')
  expect(csv).toContain('R. R.')

  await reviewer.goBack()
  await expect(reviewer.getByText('Lowered by one level for new analysts.')).toBeVisible()
  await reviewer.getByRole('heading', { name: /Comments and dispositions/ }).scrollIntoViewIfNeeded()
  await reviewer.screenshot({ path: screenshotPath('round-reviewer-disposition-phone') })

  // On a phone the organiser takes the reviewer off the round: asked once more, then done.
  const organiserPhone = await pageOn(browser, 'phone', 'Alice Organiser')
  await organiserPhone.goto(organiser.url())
  await expect(organiserPhone.getByRole('heading', { level: 1, name: 'Spring review of the draft' })).toBeVisible()
  await organiserPhone.screenshot({ path: screenshotPath('round-organiser-phone') })
  await organiserPhone.getByRole('button', { name: 'Remove Rita Reviewer from this round…' }).tap()
  const removeForGood = organiserPhone.getByRole('button', { name: 'Remove Rita Reviewer', exact: true })
  await expect(removeForGood).toBeVisible()
  const phoneOverflow = await organiserPhone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(phoneOverflow).toBeLessThanOrEqual(0)
  await expectNoViolations(organiserPhone)
  await organiserPhone.getByRole('heading', { name: 'Reviewers' }).scrollIntoViewIfNeeded()
  await organiserPhone.screenshot({ path: screenshotPath('round-organiser-remove-reviewer-phone') })
  await removeForGood.tap()
  await expect(organiserPhone.getByRole('status').filter({ hasText: 'Rita Reviewer can no longer read this round' })).toBeVisible()
  await expect(organiserPhone.getByText('Nobody is invited to review this round.')).toBeVisible()
  await organiserPhone.context().close()

  // The reviewer's next look finds the round gone, and their list empty; their comment stays.
  await reviewer.reload()
  await expect(reviewer.getByText('There is no round with this id that you may see.')).toBeVisible()
  await reviewer.goto('/review')
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Your review rounds' })).toBeVisible()
  await expect(reviewer.getByRole('link', { name: 'Spring review of the draft' })).toHaveCount(0)
  await reviewer.context().close()
  await organiser.reload()
  await expect(organiser.getByText('This level is too high for someone new to the role.')).toBeVisible()
  await organiser.getByRole('heading', { name: 'Reviewers' }).scrollIntoViewIfNeeded()
  await organiser.screenshot({ path: screenshotPath('round-organiser-reviewer-removed-laptop') })
  await organiser.context().close()
})
