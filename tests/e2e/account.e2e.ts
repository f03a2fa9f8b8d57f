/**
 * Your account and the people directory in Chromium, on members made for these tests (the
 * shared test members keep their passwords): changing your name and zone shows in the
 * header at once; a forgotten password is reset through the mailed link, read from the
 * studio's outbox, and the new one signs in; the people directory on a laptop and a phone
 * shows each person's time now.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { testPassword } from '../support/members.ts'
import { expectNoSeriousViolations, pageOn, screenshotPath, type DeviceName } from './support/people.ts'
import { e2eState, memberNamed } from './support/state.ts'

const ownPassword = 'my own account password'

interface OwnMember {
  name: string
  email: string
}

async function post(urlPath: string, body: unknown, cookie?: string): Promise<Response> {
  const { baseUrl } = e2eState()
  return fetch(`${baseUrl}${urlPath}`, {
    method: 'POST',
    headers: { origin: new URL(baseUrl).origin, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })
}

/** A member of this test's own: applies through the sign-up API and is approved by Alice. */
async function ownMember(name: string, fields: Record<string, string> = {}): Promise<OwnMember> {
  const { baseUrl } = e2eState()
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.org`
  const form = new FormData()
  for (const [key, value] of Object.entries({ name, email, password: ownPassword, timezone: 'Europe/London', attendance: 'remote', consent: 'yes', ...fields })) form.append(key, value)
  const signup = await fetch(`${baseUrl}/api/signup`, { method: 'POST', body: form, headers: { origin: new URL(baseUrl).origin } })
  expect(signup.status).toBe(201)
  const { id } = (await signup.json()) as { id: string }
  const signedIn = await post('/api/session', { email: memberNamed('Alice Organiser').email, password: testPassword })
  const alice = signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith('studio_session='))!.split(';')[0]!
  expect((await post(`/api/members/${id}/approve`, { role: 'contributor' }, alice)).status).toBe(200)
  return { name, email }
}

async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible()
}

async function ownPage(browser: Browser, device: DeviceName, member: OwnMember, password = ownPassword): Promise<Page> {
  const page = await pageOn(browser, device, null)
  await signInAs(page, member.email, password)
  return page
}

/** The reset link of the newest mail to `email` in the studio's outbox, once it is there. */
async function resetLinkMailedTo(email: string): Promise<string> {
  const outbox = path.join(e2eState().dataDir, 'outbox')
  let link: string | undefined
  await expect.poll(async () => {
    const files = (await readdir(outbox).catch(() => [] as string[])).sort()
    for (const file of files.reverse()) {
      const mail = JSON.parse(await readFile(path.join(outbox, file), 'utf8')) as { to: string; text: string }
      if (mail.to !== email) continue
      link = mail.text.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/)?.[0]
      if (link) return true
    }
    return false
  }, { message: `a reset mail to ${email} in the outbox` }).toBe(true)
  return link!
}

function header(page: Page) {
  return page.getByRole('banner')
}

// A control that never appears fails the step in seconds, saying which, rather than at the test's timeout.
test.use({ actionTimeout: 15_000 })
test.beforeEach(() => test.slow())

test('a member changes their name, time zone and notifications on the account page, and the header shows the new name', async ({ browser }) => {
  const member = await ownMember('Ada Account')
  const page = await ownPage(browser, 'laptop', member)

  await header(page).getByRole('link', { name: /Ada Account/ }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Ada Account')
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/London')
  await expect(page.getByLabel('A daily digest')).toBeChecked()
  // Releases name members by their name unless they choose otherwise.
  await expect(page.getByRole('radio', { name: 'By my name' })).toBeChecked()

  // A mistake first: the form says what to fix beside the field.
  await page.getByLabel('Name', { exact: true }).fill('   ')
  await page.getByRole('button', { name: 'Save your details' }).click()
  await expect(page.getByRole('alert')).toContainText('Check the highlighted fields')
  await expect(page.getByText('Enter your name.')).toBeVisible()

  await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace')
  await page.getByLabel('Time zone').selectOption('America/New_York')
  await page.getByLabel('Location').fill('New York')
  await page.getByLabel('Show my email address to the group').check()
  await page.getByLabel('A weekly digest').check()
  await page.getByLabel('Digest hour').selectOption({ label: '07:00' })
  await page.getByRole('button', { name: 'Save your details' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your account is saved.' })).toBeVisible()
  await expect(header(page).getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: screenshotPath('account-laptop'), fullPage: true })

  // What was saved is what the studio has: a reload shows it.
  await page.reload()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Ada Lovelace')
  await expect(page.getByLabel('Time zone')).toHaveValue('America/New_York')
  await expect(page.getByLabel('Location')).toHaveValue('New York')
  await expect(page.getByLabel('A weekly digest')).toBeChecked()
  await expect(page.getByLabel('Digest hour')).toHaveValue('7')
  await expect(page.getByLabel('Show my email address to the group')).toBeChecked()

  // The password: the current one is needed; another device is signed out, this one stays.
  const otherDevice = await ownPage(browser, 'phone', member)
  await page.getByLabel('Current password').fill('not the password')
  await page.getByLabel('New password', { exact: true }).fill('a new password for ada')
  await page.getByLabel('New password again').fill('a new password for ada')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('That is not your current password.')).toBeVisible()
  await page.getByLabel('Current password').fill(ownPassword)
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Your password is changed.' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  await otherDevice.goto('/account')
  await expect(otherDevice).toHaveURL(/\/sign-in/)
  await signInAs(otherDevice, member.email, 'a new password for ada')
  await otherDevice.goto('/account')
  await expect(otherDevice.getByLabel('Name', { exact: true })).toHaveValue('Ada Lovelace')
  // On a phone the header keeps a short way to the account.
  await expect(header(otherDevice).getByRole('link', { name: 'Account' })).toBeVisible()
  await otherDevice.screenshot({ path: screenshotPath('account-phone'), fullPage: true })
  await otherDevice.context().close()
  await page.context().close()
})

test('a member who forgot their password resets it through the mailed link and signs in with the new one', async ({ browser }) => {
  const member = await ownMember('Fergus Forgetful')
  const page = await pageOn(browser, 'phone', null)
  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible()
  await page.getByLabel('Email').fill(member.email)
  await page.getByRole('button', { name: 'Mail me a link' }).click()
  await expect(page.getByRole('status')).toContainText(`If ${member.email} has an account, a link to choose a new password is on its way`)
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: screenshotPath('forgot-password-phone'), fullPage: true })

  // An address without an account gets the very same answer.
  await page.getByRole('button', { name: 'try again' }).click()
  await page.getByLabel('Email').fill('nobody.at.all@example.org')
  await page.getByRole('button', { name: 'Mail me a link' }).click()
  await expect(page.getByRole('status')).toContainText('If nobody.at.all@example.org has an account, a link to choose a new password is on its way')

  const link = await resetLinkMailedTo(member.email)
  const linkPath = new URL(link).pathname
  await page.goto(linkPath)
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible()
  await page.getByLabel('New password', { exact: true }).fill('fergus remembers this one')
  await page.getByLabel('New password again').fill('fergus remembers another')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByText('Type the same new password twice.')).toBeVisible()
  await page.getByLabel('New password again').fill('fergus remembers this one')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your new password is set' })).toBeVisible()
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: screenshotPath('reset-password-phone'), fullPage: true })

  await page.getByRole('link', { name: 'Sign in' }).last().click()
  await page.getByLabel('Email').fill(member.email)
  await page.getByLabel('Password', { exact: true }).fill(ownPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('That email and password do not match an account.')
  await page.getByLabel('Password', { exact: true }).fill('fergus remembers this one')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toBeVisible()

  // The link worked once.
  await page.goto(linkPath)
  await page.getByLabel('New password', { exact: true }).fill('a third password try')
  await page.getByLabel('New password again').fill('a third password try')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('already used')
  await page.context().close()
})

for (const device of ['laptop', 'phone'] as const) {
  test(`the people directory shows the group and each person's time now on a ${device}`, async ({ browser }) => {
    const remote = await ownMember(`Nora ${device === 'laptop' ? 'Newyork' : 'Nyc'}`, { organisation: 'Northwind Health', location: 'Brooklyn', timezone: 'America/New_York' })
    // Nora lets the group see her email.
    const nora = await ownPage(browser, 'laptop', remote)
    await nora.goto('/account')
    await nora.getByLabel('Show my email address to the group').check()
    await nora.getByRole('button', { name: 'Save your details' }).click()
    await expect(nora.getByRole('status').filter({ hasText: 'Your account is saved.' })).toBeVisible()
    await nora.context().close()

    const page = await pageOn(browser, device, 'Bob Contributor')
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'People' }).click()
    await expect(page).toHaveURL(/\/people$/)
    const list = page.getByRole('list', { name: 'People in the group' })
    for (const name of ['Alice Organiser', 'Bob Contributor', 'Olive Observer', remote.name]) {
      await expect(list.getByRole('heading', { name: new RegExp(name) })).toBeVisible()
    }
    const card = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: remote.name }) })
    const newYorkNow = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    // The minute may turn over between the page's clock and this one.
    const expected = [new Date(), new Date(Date.now() + 60_000)].map((date) => newYorkNow.format(date))
    await expect(card.getByTestId('local-time')).toHaveText(new RegExp(`(${expected.join('|')})$`))
    await expect(card).toContainText('America/New York')
    await expect(card).toContainText('behind you')
    await expect(card).toContainText('Northwind Health · Brooklyn')
    await expect(card).toContainText('Remotely')
    await expect(card.getByRole('link', { name: remote.email })).toHaveAttribute('href', `mailto:${remote.email}`)
    // Nobody else shares an address.
    await expect(list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Alice Organiser' }) }).getByRole('link')).toHaveCount(0)
    await expect(list.getByRole('heading', { name: /Bob Contributor \(you\)/ })).toBeVisible()
    await expectNoSeriousViolations(page)
    await page.screenshot({ path: screenshotPath(`people-${device}`), fullPage: true })
    await page.context().close()
  })
}
