/**
 * Membership end to end, two people in two browser contexts: an applicant signs up
 * (first with mistakes, then properly, with an attachment), waits on their status page,
 * and the workspace opens by itself, without a reload, once an organiser approves them
 * from the Members page. Then an approved member's role is changed and they are
 * suspended while they work, and they are told each time. Then invite links, the
 * auto-approved domains and the audit log, as an organiser uses them. Last, a waiting
 * applicant's page in a background tab, and the waiting application on an organiser's phone.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { expectNoSeriousViolations, pageOn, screenshotPath, signedInPage } from './support/people.ts'
import { e2eState } from './support/state.ts'

const applicantPassword = 'a sensible applicant passphrase'

async function applicantPage(browser: Browser, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eState().baseUrl, timezoneId, viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

/**
 * An applicant who signed up through the API and now waits. The page's context made the
 * request and keeps its cookies, so the page is signed in; it has not opened anything yet.
 */
async function waitingApplicant(browser: Browser, applicant: { name: string; email: string; timezone: string; attendance: 'in-person' | 'remote' | 'either' }): Promise<Page> {
  const page = await applicantPage(browser, applicant.timezone)
  const signup = await page.context().request.post('/api/signup', {
    headers: { origin: new URL(e2eState().baseUrl).origin },
    multipart: { ...applicant, password: applicantPassword, consent: 'yes' },
  })
  expect(signup.status()).toBe(201)
  return page
}

/** A small but genuine PDF: the server checks the content, not just the name. */
function smallPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n' +
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
      'trailer << /Root 1 0 R >>\n' +
      '%%EOF\n',
  )
}

// Each test walks a whole journey with several axe scans (seconds each on a small
// machine), so it gets three times the default time.
test.beforeEach(() => test.slow())

function workspaceNav(page: Page) {
  return page.getByRole('navigation', { name: 'Workspace' })
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: 'Terms of reference' })
}

test('an applicant signs up, waits, and the workspace opens by itself once an organiser approves them', async ({ browser }) => {
  const priya = await applicantPage(browser, 'America/New_York')

  // Reached from the sign-in page, as a newcomer would.
  await priya.goto('/sign-in')
  await priya.getByRole('main').getByRole('link', { name: 'Get involved' }).click()
  await expect(priya).toHaveURL(/\/sign-up$/)
  await expect(priya.getByRole('heading', { level: 1, name: 'Get involved' })).toBeVisible()
  // The time zone is filled in from the browser.
  await expect(priya.getByLabel('Time zone')).toHaveValue('America/New_York')
  await expectNoSeriousViolations(priya)

  // First attempt: a name, a broken email, a short password, and nothing else.
  await priya.getByLabel('Full name').fill('Priya Applicant')
  await priya.getByLabel('Email address').fill('priya@')
  await priya.getByLabel('Password').fill('too short')
  await priya.getByLabel('Organisation').fill('Northwind Health')
  await priya.getByRole('button', { name: 'Send application' }).click()

  const summary = priya.getByRole('alert').filter({ hasText: 'There is a problem' })
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText([
    'Enter an email address like name@example.org.',
    'Use at least 12 characters.',
    'Choose whether you can attend in person in London, remotely, or either.',
    'Tick the box to agree to how your details are used.',
  ])
  await expect(priya.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true')
  await expect(priya.getByLabel('Email address')).toHaveAccessibleDescription(/Enter an email address like name@example.org\./)
  await expect(priya.getByLabel('Full name')).not.toHaveAttribute('aria-invalid', 'true')
  // Nothing typed is lost.
  await expect(priya.getByLabel('Full name')).toHaveValue('Priya Applicant')
  await expect(priya.getByLabel('Organisation')).toHaveValue('Northwind Health')
  await expect(priya.getByLabel('Password')).toHaveValue('too short')
  // A summary link takes you to the field.
  await summary.getByRole('link', { name: 'Use at least 12 characters.' }).click()
  await expect(priya.getByLabel('Password')).toBeFocused()

  // A file the studio would refuse is refused in the browser, with the reason.
  const attachment = priya.getByLabel('An example framework or your CV (optional)')
  await attachment.setInputFiles({ name: 'framework.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') })
  await expect(attachment).toHaveAccessibleDescription(/Choose a DOC, DOCX, PDF, TXT, GIF, JPG, JPEG or PNG file\./)

  await summary.evaluate((element) => element.scrollIntoView())
  await priya.screenshot({ path: screenshotPath('sign-up-errors'), fullPage: true })
  await expectNoSeriousViolations(priya)

  // Second attempt: everything, properly.
  await priya.getByLabel('Email address').fill('priya.applicant@example.net')
  await priya.getByLabel('Password').fill(applicantPassword)
  await priya.getByLabel('Job title').fill('Head of PMO')
  await priya.getByLabel('Location').fill('Boston, USA')
  const pmoTypes = priya.getByRole('group', { name: 'Which kinds of PMO have you worked in?' })
  await pmoTypes.getByLabel('Programme office').check()
  await pmoTypes.getByLabel('Portfolio office').check()
  await priya.getByRole('group', { name: /competency framework/ }).getByLabel('Yes').check()
  await priya.getByLabel('How would you like to contribute?').fill('Drafting the portfolio competencies and reviewing the rest.')
  await priya.getByRole('group', { name: /attend the working sessions/ }).getByLabel('Remotely').check()
  await attachment.setInputFiles({ name: 'framework.pdf', mimeType: 'application/pdf', buffer: smallPdf() })
  await expect(attachment).not.toHaveAttribute('aria-invalid', 'true')
  await priya.getByLabel('I agree to my details being used in this way').check()
  await priya.getByRole('button', { name: 'Send application' }).click()

  // Signed in and waiting.
  await expect(priya).toHaveURL(/\/pending$/)
  await expect(priya.getByRole('heading', { level: 1, name: 'Your application is waiting for an organiser' })).toBeVisible()
  await expect(priya.getByText('This page opens the workspace by itself once you are approved.')).toBeVisible()
  await priya.screenshot({ path: screenshotPath('pending'), fullPage: true })
  await expectNoSeriousViolations(priya)
  // Survives only if the page is never reloaded.
  await priya.evaluate(() => Object.assign(window, { studioNoReloadMarker: 'still here' }))

  // The organiser sees the waiting application counted in the navigation.
  const alice = await signedInPage(browser, 'Alice Organiser')
  const membersLink = workspaceNav(alice).getByRole('link', { name: /^Members/ })
  await expect(membersLink).toHaveAccessibleName('Members 1 application waiting')
  await membersLink.click()
  await expect(alice.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()

  const card = alice.getByRole('article', { name: 'Priya Applicant' })
  for (const answer of [
    'priya.applicant@example.net',
    'Northwind Health',
    'Head of PMO',
    'Boston, USA',
    'America/New_York',
    'Programme office, Portfolio office',
    'Drafting the portfolio competencies and reviewing the rest.',
    'Remotely',
  ]) {
    await expect(card).toContainText(answer)
  }
  const attachmentLink = card.getByRole('link', { name: "Download Priya Applicant's attachment" })
  await expect(attachmentLink).toHaveAttribute('download')
  const [download] = await Promise.all([alice.waitForEvent('download'), attachmentLink.click()])
  expect((await readFile((await download.path())!)).subarray(0, 9).toString()).toBe('%PDF-1.4\n')

  await alice.screenshot({ path: screenshotPath('members'), fullPage: true })
  await expectNoSeriousViolations(alice)

  await expect(card.getByLabel('Role for Priya Applicant')).toHaveValue('contributor')
  await card.getByRole('button', { name: 'Approve Priya Applicant' }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Approved Priya Applicant as a contributor.' })).toBeVisible()
  await expect(card).toHaveCount(0)
  await expect(membersLink).toHaveAccessibleName('Members')

  // The applicant's page turns into the workspace by itself.
  await expect(priya.getByRole('heading', { level: 1, name: 'Terms of reference' })).toBeVisible({ timeout: 15_000 })
  await expect(priya).toHaveURL(/\/terms-of-reference$/)
  expect(await priya.evaluate(() => (window as unknown as { studioNoReloadMarker?: string }).studioNoReloadMarker)).toBe('still here')
  await expect(editorOf(priya)).toContainText('Purpose')
  await expect(editorOf(priya)).toHaveAttribute('contenteditable', 'true')

  // The decision is in the audit log: who, what, about whom.
  await alice.getByRole('link', { name: 'Audit log' }).click()
  const approval = alice.getByRole('row').filter({ hasText: 'Approved' }).filter({ hasText: 'Priya Applicant' })
  await expect(approval).toContainText('Alice Organiser')

  await priya.context().close()
  await alice.context().close()
})

test('a member whose role changes keeps working with the new scope, and a suspended member is told why', async ({ browser }) => {
  // Sam applies through the API (the form is the first test's subject).
  const sam = await waitingApplicant(browser, { name: 'Sam Newcomer', email: 'sam.newcomer@example.net', timezone: 'Europe/London', attendance: 'in-person' })

  const alice = await signedInPage(browser, 'Alice Organiser')
  await workspaceNav(alice).getByRole('link', { name: /^Members/ }).click()
  const queued = alice.getByRole('article', { name: 'Sam Newcomer' })
  // Rejecting asks for confirmation; cancelling leaves the application alone.
  await queued.getByRole('button', { name: 'Reject Sam Newcomer' }).click()
  await expect(queued.getByLabel('Reason for rejecting Sam Newcomer')).toBeFocused()
  await queued.getByRole('button', { name: 'Cancel' }).click()
  await queued.getByRole('button', { name: 'Approve Sam Newcomer' }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Approved Sam Newcomer as a contributor.' })).toBeVisible()

  await sam.goto('/terms-of-reference')
  await expect(editorOf(sam)).toHaveAttribute('contenteditable', 'true')
  await expect(sam.getByTestId('connection-status')).toHaveText('Connected')

  // The organiser makes Sam an observer from All members, found with the search box.
  await alice.getByRole('link', { name: 'All members' }).click()
  await alice.getByRole('search', { name: 'Filter members' }).getByRole('searchbox').fill('newcomer')
  await expect(alice).toHaveURL(/\/members\/all\?q=newcomer$/)
  const member = alice.getByRole('article', { name: 'Sam Newcomer' })
  await expect(alice.getByRole('article')).toHaveCount(1)
  await alice.screenshot({ path: screenshotPath('members-all'), fullPage: true })
  await member.getByLabel('Role for Sam Newcomer').selectOption('observer')
  await member.getByRole('button', { name: 'Change role for Sam Newcomer' }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Sam Newcomer is now an observer.' })).toBeVisible()

  // Sam's open page follows without a reload: read-only now, and still connected.
  await expect(sam.getByText('read-only for you')).toBeVisible({ timeout: 15_000 })
  await expect(editorOf(sam)).toHaveAttribute('contenteditable', 'false')
  await expect(sam.getByTestId('connection-status')).toHaveText('Connected')

  // Suspension asks for confirmation, then Sam is told at once.
  await member.getByRole('button', { name: 'Suspend Sam Newcomer' }).click()
  await member.getByRole('button', { name: 'Suspend Sam Newcomer', exact: true }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Suspended Sam Newcomer.' })).toBeVisible()
  await expect(sam.getByRole('alert').filter({ hasText: 'Your access has been suspended.' })).toBeVisible({ timeout: 15_000 })
  await sam.screenshot({ path: screenshotPath('suspended'), fullPage: false })

  await sam.context().close()
  await alice.context().close()
})

test('whoever signs up through an invite link starts in the workspace at once, and organisers keep domains and read the audit log', async ({ browser }) => {
  const alice = await signedInPage(browser, 'Alice Organiser')
  await workspaceNav(alice).getByRole('link', { name: /^Members/ }).click()
  const sections = alice.getByRole('navigation', { name: 'Members sections' })

  // An observer invite for one person.
  await sections.getByRole('link', { name: 'Invites' }).click()
  await alice.getByLabel('Role', { exact: true }).selectOption('observer')
  await alice.getByLabel('Number of uses').fill('1')
  await alice.getByRole('button', { name: 'Create invite link' }).click()
  const newLink = alice.getByRole('textbox', { name: 'New invite link' })
  await expect(newLink).toHaveValue(/\/sign-up\?invite=\S+$/)
  const inviteUrl = await newLink.inputValue()
  const inviteRow = alice.getByRole('row').filter({ hasText: 'Observer' })
  await expect(inviteRow).toContainText('Active')
  await expect(inviteRow).toContainText('0 of 1')
  await alice.screenshot({ path: screenshotPath('members-invites'), fullPage: true })
  await expectNoSeriousViolations(alice)

  const omar = await applicantPage(browser, 'Asia/Tokyo')
  await omar.goto(inviteUrl)
  await expect(omar.getByText('You have been invited: your account will be ready as soon as you sign up.')).toBeVisible()
  await expect(omar.getByLabel('Time zone')).toHaveValue('Asia/Tokyo')
  await omar.getByLabel('Full name').fill('Omar Invited')
  await omar.getByLabel('Email address').fill('omar.invited@example.net')
  await omar.getByLabel('Password').fill(applicantPassword)
  await omar.getByRole('group', { name: /attend the working sessions/ }).getByLabel('Either').check()
  await omar.getByLabel('I agree to my details being used in this way').check()
  await omar.getByRole('button', { name: 'Send application' }).click()
  await expect(omar).toHaveURL(/\/terms-of-reference$/)
  await expect(omar.getByText('read-only for you')).toBeVisible()

  // The link is used up; revoking it asks first, then it is gone.
  await alice.reload()
  await expect(inviteRow).toContainText('Used up')
  await expect(inviteRow).toContainText('1 of 1')
  await inviteRow.getByRole('button', { name: /^Revoke/ }).click()
  await inviteRow.getByRole('button', { name: 'Revoke this invite' }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Revoked the observer invite.' })).toBeVisible()
  await expect(inviteRow).toHaveCount(0)

  // Auto-approved domains: a bad entry is named, good ones are kept.
  await sections.getByRole('link', { name: 'Auto-approved domains' }).click()
  const domains = alice.getByLabel('Domains', { exact: true })
  await domains.fill('partner.example.org\nnot a domain')
  await alice.getByRole('button', { name: 'Save domains' }).click()
  await expect(domains).toHaveAttribute('aria-invalid', 'true')
  await expect(domains).toHaveAccessibleDescription(/not a domain: Give domains like example\.org/)
  await domains.fill('partner.example.org\n@Another.Example')
  await alice.getByRole('button', { name: 'Save domains' }).click()
  await expect(alice.getByRole('status').filter({ hasText: 'Saved 2 domains.' })).toBeVisible()
  await alice.reload()
  await expect(domains).toHaveValue('partner.example.org\nanother.example')
  await expectNoSeriousViolations(alice)

  // Every one of those decisions is in the audit log.
  await sections.getByRole('link', { name: 'Audit log' }).click()
  const log = alice.getByRole('table', { name: /Decisions about membership/ })
  for (const what of ['Created an invite', 'Signed up with an invite', 'Revoked an invite', 'Changed settings']) {
    await expect(log.getByRole('row').filter({ hasText: what }).first()).toBeVisible()
  }
  await expect(log.getByRole('row').filter({ hasText: 'Signed up with an invite' })).toContainText('Omar Invited')
  // In words: no raw ids or ISO timestamps.
  await expect(log.getByRole('row').filter({ hasText: 'Signed up with an invite' })).toContainText('through an invite link')
  await expect(log).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
  await alice.screenshot({ path: screenshotPath('members-audit'), fullPage: true })
  await expectNoSeriousViolations(alice)

  // A confirmation link that does not exist says so.
  await omar.goto('/confirm/not-a-real-token')
  await expect(omar.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible()

  await omar.context().close()
  await alice.context().close()
})

test('a rejected applicant reads the reason the organiser chose to share, and an address already used is refused beside its field', async ({ browser }) => {
  const rita = await waitingApplicant(browser, { name: 'Rita Declined', email: 'rita.declined@example.net', timezone: 'Europe/Paris', attendance: 'either' })
  await rita.goto('/pending')
  await expect(rita.getByRole('heading', { level: 1, name: 'Your application is waiting for an organiser' })).toBeVisible()

  const alice = await signedInPage(browser, 'Alice Organiser')
  await workspaceNav(alice).getByRole('link', { name: /^Members/ }).click()
  const card = alice.getByRole('article', { name: 'Rita Declined' })
  await card.getByRole('button', { name: 'Reject Rita Declined' }).click()
  await card.getByLabel('Reason for rejecting Rita Declined').fill('The group is full until the spring; please apply again then.')
  await card.getByLabel('Tell the applicant the reason').check()
  await card.getByRole('button', { name: "Reject Rita Declined's application" }).click()
  await expect(alice.getByRole('status').filter({ hasText: "Rejected Rita Declined's application and shared the reason with them." })).toBeVisible()

  // Rita's status page changes by itself.
  await expect(rita.getByRole('heading', { level: 1, name: 'Your application was not accepted' })).toBeVisible({ timeout: 15_000 })
  await expect(rita.getByText('The group is full until the spring; please apply again then.')).toBeVisible()
  await rita.screenshot({ path: screenshotPath('pending-rejected') })
  await expectNoSeriousViolations(rita)

  // The audit log keeps the reason.
  await alice.getByRole('navigation', { name: 'Members sections' }).getByRole('link', { name: 'Audit log' }).click()
  await expect(alice.getByRole('row').filter({ hasText: 'Rejected' }).filter({ hasText: 'Rita Declined' })).toContainText('The group is full')

  // Signed out, someone tries to apply again with the same address: the server refuses
  // it, the error sits beside the email field and in the summary, and nothing is lost.
  await rita.getByRole('button', { name: 'Sign out' }).click()
  await rita.goto('/sign-up')
  await rita.getByLabel('Full name').fill('Rita Again')
  await rita.getByLabel('Email address').fill('rita.declined@example.net')
  await rita.getByLabel('Password').fill(applicantPassword)
  await rita.getByRole('group', { name: /attend the working sessions/ }).getByLabel('In person in London').check()
  await rita.getByLabel('I agree to my details being used in this way').check()
  await rita.getByRole('button', { name: 'Send application' }).click()
  const summary = rita.getByRole('alert').filter({ hasText: 'There is a problem' })
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveCount(1)
  await expect(rita.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true')
  await expect(rita.getByLabel('Full name')).toHaveValue('Rita Again')
  await expect(rita.getByLabel('Password')).toHaveValue(applicantPassword)
  await expect(rita.getByRole('group', { name: /attend the working sessions/ }).getByLabel('In person in London')).toBeChecked()
  await expect(rita.getByLabel('I agree to my details being used in this way')).toBeChecked()

  await rita.context().close()
  await alice.context().close()
})

test("an applicant's status page asks nothing while hidden and asks at once when shown; an organiser on a phone sees the application counted and rejects it", async ({ browser }) => {
  const hana = await waitingApplicant(browser, { name: 'Hana Waiting', email: 'hana.waiting@example.net', timezone: 'Asia/Tokyo', attendance: 'remote' })
  // The page's clock is the test's, so hours pass at once; every status check is counted
  // as the page makes it, and the page is hidden and shown as a browser reports it.
  await hana.clock.install()
  await hana.addInitScript(() => {
    const fetchFromPage = window.fetch.bind(window)
    const counted = window as unknown as { statusChecks: number }
    counted.statusChecks = 0
    window.fetch = (input, init) => {
      if (String(input).endsWith('/api/me')) counted.statusChecks++
      return fetchFromPage(input, init)
    }
  })
  const statusChecks = () => hana.evaluate(() => (window as unknown as { statusChecks: number }).statusChecks)
  const show = (shown: boolean) => hana.evaluate((visibility) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
    document.dispatchEvent(new Event('visibilitychange'))
  }, shown ? 'visible' : 'hidden')

  await hana.goto('/pending')
  await expect(hana.getByRole('heading', { level: 1, name: 'Your application is waiting for an organiser' })).toBeVisible()
  // Shown, the page asks every few seconds.
  const shownAt = await statusChecks()
  await expect.poll(async () => {
    await hana.clock.runFor(4_000)
    return statusChecks()
  }).toBeGreaterThanOrEqual(shownAt + 2)

  // A background tab: hours pass and nothing is asked. A check under way when the page was
  // hidden ends in real time between the steps, and must not start another.
  await show(false)
  const hiddenAt = await statusChecks()
  for (let hour = 0; hour < 6; hour++) {
    await hana.clock.runFor(60 * 60_000)
    expect(await statusChecks()).toBe(hiddenAt)
  }

  // Shown again, it asks at once rather than an interval later.
  await show(true)
  await expect.poll(statusChecks).toBe(hiddenAt + 1)
  await hana.context().close()

  // While Hana waits, an organiser on a phone sees the count in the navigation strip, and the
  // strip's hidden words for it do not widen the page; then rejects her there.
  const alice = await pageOn(browser, 'phone', 'Alice Organiser')
  await alice.goto('/competency-matrix')
  const membersLink = workspaceNav(alice).getByRole('link', { name: /^Members \d+ applications? waiting$/ })
  await expect(membersLink).toBeVisible()
  expect(await alice.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
  await membersLink.scrollIntoViewIfNeeded()
  await alice.screenshot({ path: screenshotPath('members-waiting-phone') })
  await membersLink.tap()
  const card = alice.getByRole('article', { name: 'Hana Waiting' })
  await card.getByRole('button', { name: 'Reject Hana Waiting' }).tap()
  await card.getByRole('button', { name: "Reject Hana Waiting's application" }).tap()
  await expect(alice.getByRole('status').filter({ hasText: "Rejected Hana Waiting's application" })).toBeVisible()
  await expect(card).toHaveCount(0)
  await alice.context().close()
})

test('on a phone an organiser creates an invite link, and the table of invites scrolls within the page', async ({ browser }) => {
  const alice = await pageOn(browser, 'phone', 'Alice Organiser')
  await alice.goto('/members/invites')
  await alice.getByLabel('Role', { exact: true }).selectOption('observer')
  await alice.getByRole('button', { name: 'Create invite link' }).tap()
  await expect(alice.getByRole('textbox', { name: 'New invite link' })).toHaveValue(/\/sign-up\?invite=\S+$/)
  // Named as its heading says, apart from the section's "Invite links".
  const table = alice.getByRole('region', { name: 'Invites', exact: true })
  await expect(table.getByRole('row').filter({ hasText: 'Observer' }).first()).toContainText('Active')
  // The table is wider than the phone and scrolls sideways by itself; the page does not.
  expect(await table.evaluate((region) => region.scrollWidth - region.clientWidth)).toBeGreaterThan(0)
  expect(await alice.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
  await alice.screenshot({ path: screenshotPath('members-invites-phone'), fullPage: true })
  await expectNoSeriousViolations(alice)
  await alice.context().close()
})
