/**
 * Your own account over real HTTP: reading and changing it (GET/PATCH /api/me), changing
 * the password (other sessions end, this one stays), and the "forgot password" link mailed
 * through a real SMTP server: one use, one hour, the same answer for unknown addresses,
 * rate limited, never a way back in for a suspended or rejected member.
 */
import { ErrorCode, type Account, type AccountResponse, type AuditEntry, type ErrorBody } from '@studio/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, testPassword } from '../support/members.ts'
import { call, errorOf } from '../support/membership.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const newPassword = 'a brand new password for the studio'

/** The reset link in a mail as the SMTP server received it (quoted-printable soft breaks undone). */
function resetLinkIn(data: string): string {
  const link = data.replace(/=\r?\n/g, '').match(/https?:\/\/[^\s]+\/reset-password\/[A-Za-z0-9_-]+/)?.[0]
  if (!link) throw new Error(`No reset link in the mail:\n${data}`)
  return link
}

const tokenOf = (link: string) => link.split('/reset-password/')[1]!

async function accountOf(response: Response): Promise<Account> {
  expect(response.status).toBe(200)
  return ((await response.json()) as AccountResponse).user
}

describe.each(storeKinds)('your account on %s', (kind) => {
  let sink: SmtpSink

  async function setUp(env: Record<string, string> = {}, extra: Parameters<typeof createMembers>[1] = []) {
    sink = await startSmtpSink()
    cleanups.push(() => sink.close())
    const store: StoreTarget = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [ada, ...others] = await createMembers(store, [{ name: 'Ada Account', role: 'contributor' }, ...extra])
    const running = await startStudio(store, { SMTP_URL: sink.url, ...env })
    cleanups.push(() => running.close())
    return { running, ada: ada!, others, cookie: await signIn(running.url, ada!.email) }
  }

  const me = (running: RunningStudio, cookie?: string) => call(running, 'GET', '/api/me', cookie ? { cookie } : {})
  const patchMe = (running: RunningStudio, cookie: string | undefined, body: unknown) =>
    call(running, 'PATCH', '/api/me', { ...(cookie ? { cookie } : {}), body })
  const changePassword = (running: RunningStudio, cookie: string | undefined, body: unknown) =>
    call(running, 'POST', '/api/me/password', { ...(cookie ? { cookie } : {}), body })
  const askForReset = (running: RunningStudio, email: string) => call(running, 'POST', '/api/password-reset', { body: { email } })
  const reset = (running: RunningStudio, token: string, password = newPassword) =>
    call(running, 'POST', `/api/password-reset/${token}`, { body: { password } })
  const signInStatus = async (running: RunningStudio, email: string, password: string) =>
    (await call(running, 'POST', '/api/session', { body: { email, password } })).status

  async function mailedLink(running: RunningStudio, to: string, count = 1): Promise<string> {
    await waitFor(() => sink.received.filter((mail) => mail.to.join().includes(to)).length >= count, 5000, `reset mail ${count} to ${to}`)
    return resetLinkIn(sink.received.filter((mail) => mail.to.join().includes(to))[count - 1]!.data)
  }

  it('answers 401 to anyone signed out, before looking at what they sent', async () => {
    const { running } = await setUp()
    for (const response of [
      await me(running),
      await patchMe(running, undefined, { timezone: 'Not/AZone' }),
      await changePassword(running, undefined, { currentPassword: '', newPassword: 'short' }),
    ]) {
      expect(response.status).toBe(401)
      expect((await errorOf(response)).error.code).toBe(ErrorCode.unauthenticated)
    }
  })

  it('shows the member their notification choices and email sharing, with the defaults of a new account', async () => {
    const { running, ada, cookie } = await setUp()
    const account = await accountOf(await me(running, cookie))
    expect(account).toMatchObject({ id: ada.id, name: 'Ada Account', email: ada.email, timezone: 'Europe/London', location: null })
    expect(account.notifications).toEqual({ email: 'daily', digestHour: 8 })
    expect(account.shareEmail).toBe(false)
  })

  it('changes name, time zone, location, notifications and email sharing, any subset at a time', async () => {
    const { running, cookie } = await setUp()
    const changed = await accountOf(await patchMe(running, cookie, {
      name: '  Ada Lovelace ', timezone: 'America/New_York', location: 'New York', notifications: { email: 'weekly', digestHour: 6 }, shareEmail: true,
    }))
    expect(changed).toMatchObject({ name: 'Ada Lovelace', timezone: 'America/New_York', location: 'New York', notifications: { email: 'weekly', digestHour: 6 }, shareEmail: true })
    // One field leaves the others as they were, digest hour included.
    const partly = await accountOf(await patchMe(running, cookie, { notifications: { email: 'off' } }))
    expect(partly).toMatchObject({ name: 'Ada Lovelace', timezone: 'America/New_York', notifications: { email: 'off', digestHour: 6 }, shareEmail: true })
    // An empty location clears it; the next read is what was stored.
    await accountOf(await patchMe(running, cookie, { location: '  ' }))
    expect(await accountOf(await me(running, cookie))).toMatchObject({ name: 'Ada Lovelace', location: null, notifications: { email: 'off', digestHour: 6 } })
    // The sign-in answer carries the new name too.
    const signedIn = await call(running, 'POST', '/api/session', { body: { email: changed.email, password: testPassword } })
    expect(((await signedIn.json()) as AccountResponse).user.name).toBe('Ada Lovelace')
  })

  it('refuses bad values with a 400 naming each field and what to do, and writes nothing of that request', async () => {
    const { running, cookie } = await setUp()
    const response = await patchMe(running, cookie, {
      name: '', timezone: 'Mars/Olympus_Mons', location: 'x'.repeat(201), notifications: { email: 'hourly', digestHour: 24 }, shareEmail: 'yes',
    })
    expect(response.status).toBe(400)
    const body = await errorOf(response)
    expect(body.error.code).toBe(ErrorCode.invalid)
    const byField = Object.fromEntries(body.errors.map((error) => [error.field, error.message]))
    expect(byField).toMatchObject({
      name: 'Enter your name.',
      timezone: expect.stringContaining('Europe/London'),
      location: expect.stringContaining('200 characters'),
      'notifications.email': expect.stringContaining('off, immediate, daily, weekly'),
      'notifications.digestHour': expect.stringContaining('0 to 23'),
      shareEmail: expect.stringContaining('true or false'),
    })
    // A good field beside a bad one is not written either.
    expect((await patchMe(running, cookie, { name: 'Ada Changed', notifications: { digestHour: -1 } })).status).toBe(400)
    for (const digestHour of [7.5, '8']) expect((await patchMe(running, cookie, { notifications: { digestHour } })).status).toBe(400)
    expect(await accountOf(await me(running, cookie))).toMatchObject({ name: 'Ada Account', notifications: { email: 'daily', digestHour: 8 } })
  })

  it('refuses fields the account form does not own (email, role) by name', async () => {
    const { running, cookie } = await setUp()
    const response = await patchMe(running, cookie, { name: 'Ada', role: 'organiser', email: 'other@example.org' })
    expect(response.status).toBe(400)
    expect((await errorOf(response)).errors[0]!.message).toMatch(/not role, email/)
    expect(await accountOf(await me(running, cookie))).toMatchObject({ name: 'Ada Account', role: 'contributor' })
  })

  it('lets a rejected member read their account but change nothing', async () => {
    const { running, others: [rita] } = await setUp({}, [{ name: 'Rita Rejected', role: 'contributor', status: 'rejected' }])
    const cookie = await signIn(running.url, rita!.email)
    expect((await me(running, cookie)).status).toBe(200)
    expect((await patchMe(running, cookie, { name: 'Rita Returns' })).status).toBe(403)
    expect((await changePassword(running, cookie, { currentPassword: testPassword, newPassword })).status).toBe(403)
  })

  it('changes the password only with the current one, ends every other session and keeps this one', async () => {
    const { running, ada, cookie } = await setUp()
    const otherDevice = await signIn(running.url, ada.email)

    const wrong = await changePassword(running, cookie, { currentPassword: 'not my password at all', newPassword })
    expect(wrong.status).toBe(400)
    expect((await errorOf(wrong)).errors).toEqual([{ field: 'currentPassword', message: expect.stringContaining('not your current password') }])
    const tooShort = await changePassword(running, cookie, { currentPassword: testPassword, newPassword: 'short' })
    expect(tooShort.status).toBe(400)
    expect((await errorOf(tooShort)).errors).toEqual([{ field: 'newPassword', message: 'Use at least 12 characters.' }])
    // Neither refusal changed anything.
    expect((await me(running, otherDevice)).status).toBe(200)
    expect(await signInStatus(running, ada.email, testPassword)).toBe(200)

    expect((await changePassword(running, cookie, { currentPassword: testPassword, newPassword })).status).toBe(204)
    expect((await me(running, cookie)).status).toBe(200)
    expect((await me(running, otherDevice)).status).toBe(401)
    expect(await signInStatus(running, ada.email, testPassword)).toBe(401)
    expect(await signInStatus(running, ada.email, newPassword)).toBe(200)
  })

  it('mails a one-time reset link through SMTP that sets the new password and ends every session', async () => {
    const { running, ada, cookie } = await setUp()
    const ask = await askForReset(running, ada.email.toUpperCase())
    expect(ask.status).toBe(202)
    const link = await mailedLink(running, ada.email)
    expect(link.startsWith(`${running.url}/reset-password/`)).toBe(true)
    const mail = sink.received[0]!.data.replace(/=\r?\n/g, '')
    expect(mail).toContain('Subject: Choose a new password for Working Group Studio')
    expect(mail).toContain('60 minutes')
    // Only the token's hash is stored.
    const stored = await running.studio.store.db.selectFrom('password_resets').selectAll().execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]!.token_hash).not.toBe(tokenOf(link))
    expect(JSON.stringify(stored)).not.toContain(tokenOf(link))

    const short = await reset(running, tokenOf(link), 'short')
    expect(short.status).toBe(400)
    expect((await errorOf(short)).errors).toEqual([{ field: 'password', message: 'Use at least 12 characters.' }])

    expect((await reset(running, tokenOf(link))).status).toBe(204)
    expect((await me(running, cookie)).status).toBe(401)
    expect(await signInStatus(running, ada.email, testPassword)).toBe(401)
    expect(await signInStatus(running, ada.email, newPassword)).toBe(200)

    const again = await reset(running, tokenOf(link), 'yet another password here')
    expect(again.status).toBe(404)
    expect((await errorOf(again)).error).toMatchObject({ code: ErrorCode.resetLinkInvalid, message: expect.stringContaining('already used') })
    expect(await signInStatus(running, ada.email, newPassword)).toBe(200)
  })

  it('writes a password change and a reset to the audit log, with the member as actor and no secret', async () => {
    const { running, ada, others, cookie } = await setUp({}, [{ name: 'Olga Organiser', role: 'organiser' }])
    const organiser = await signIn(running.url, others[0]!.email)
    const audit = async () => ((await (await call(running, 'GET', '/api/audit', { cookie: organiser })).json()) as { entries: AuditEntry[] }).entries

    // A refused change is not a change.
    expect((await changePassword(running, cookie, { currentPassword: 'not my password at all', newPassword })).status).toBe(400)
    expect((await audit()).filter((entry) => entry.action.startsWith('password-'))).toEqual([])

    expect((await changePassword(running, cookie, { currentPassword: testPassword, newPassword })).status).toBe(204)
    expect(await askForReset(running, ada.email)).toHaveProperty('status', 202)
    const token = tokenOf(await mailedLink(running, ada.email))
    const resetTo = 'the password chosen from the link'
    expect((await reset(running, token, resetTo)).status).toBe(204)

    const entries = (await audit()).filter((entry) => entry.action.startsWith('password-'))
    const adaRef = { id: ada.id, name: 'Ada Account' }
    expect(entries).toEqual([
      expect.objectContaining({ action: 'password-reset', actor: adaRef, target: adaRef }),
      expect.objectContaining({ action: 'password-change', actor: adaRef, target: adaRef }),
    ])
    const stored = JSON.stringify(await running.studio.store.db.selectFrom('audit_log').selectAll().execute())
    for (const secret of [testPassword, newPassword, resetTo, token]) expect(stored).not.toContain(secret)
  })

  it('spends every earlier link once one is used', async () => {
    const { running, ada } = await setUp()
    expect((await askForReset(running, ada.email)).status).toBe(202)
    const first = await mailedLink(running, ada.email, 1)
    expect((await askForReset(running, ada.email)).status).toBe(202)
    const second = await mailedLink(running, ada.email, 2)
    expect(first).not.toBe(second)
    expect((await reset(running, tokenOf(second))).status).toBe(204)
    expect((await reset(running, tokenOf(first), 'a later password for me')).status).toBe(404)
  })

  it('says clearly when a link has expired after its hour, or was never sent', async () => {
    const { running, ada } = await setUp()
    expect((await askForReset(running, ada.email)).status).toBe(202)
    const token = tokenOf(await mailedLink(running, ada.email))
    // The hour passes: the stored expiry moves into the past rather than the test waiting.
    await running.studio.store.db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute()
    const expired = await reset(running, token)
    expect(expired.status).toBe(404)
    expect((await errorOf(expired)).error).toMatchObject({ code: ErrorCode.resetLinkInvalid, message: expect.stringContaining('expired') })
    const unknown = await reset(running, 'x'.repeat(43))
    expect(unknown.status).toBe(404)
    expect((await errorOf(unknown)).error).toMatchObject({ code: ErrorCode.resetLinkInvalid, message: expect.stringContaining('not one the studio sent') })
    expect(await signInStatus(running, ada.email, testPassword)).toBe(200)
  })

  it('answers an unknown address exactly as a known one, and mails nobody', async () => {
    const { running, ada } = await setUp()
    const unknown = await askForReset(running, 'nobody.here@example.org')
    const known = await askForReset(running, ada.email)
    expect(unknown.status).toBe(202)
    expect(known.status).toBe(202)
    expect(await unknown.text()).toBe(await known.text())
    await mailedLink(running, ada.email)
    await running.studio.mailer.idle()
    expect(sink.received.map((mail) => mail.to.join())).toEqual([expect.stringContaining(ada.email)])
  })

  it('never lets a suspended or rejected member back in through a reset, while a waiting applicant may reset', async () => {
    const { running, others: [sam, rita, pat] } = await setUp({}, [
      { name: 'Sam Suspended', role: 'contributor', status: 'suspended' },
      { name: 'Rita Rejected', role: 'contributor', status: 'rejected' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ])
    for (const member of [sam!, rita!, pat!]) expect((await askForReset(running, member.email)).status).toBe(202)
    await mailedLink(running, pat!.email)
    await running.studio.mailer.idle()
    expect(sink.received.map((mail) => mail.to.join())).toEqual([expect.stringContaining(pat!.email)])

    // Suspended after the link was sent: the link no longer works.
    const token = tokenOf(await mailedLink(running, pat!.email))
    await running.studio.store.db.updateTable('members').set({ status: 'suspended', suspended_from: 'pending' }).where('id', '=', pat!.id).execute()
    const refused = await reset(running, token)
    expect(refused.status).toBe(404)
    expect((await errorOf(refused)).error.message).toContain('can no longer be signed in to')
  })

  it('limits reset requests per address typed and per client address, answering 429', async () => {
    const { running, ada } = await setUp()
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await askForReset(running, ada.email)).status, `request ${attempt}`).toBe(202)
    const limited = await askForReset(running, ada.email)
    expect(limited.status).toBe(429)
    expect((await errorOf(limited)).error.code).toBe(ErrorCode.rateLimited)
    await waitFor(() => sink.received.length === 5, 5000, 'five mails')
    // Other addresses from the same client, up to 30 requests in all from it.
    for (let attempt = 1; attempt <= 24; attempt += 1) expect((await askForReset(running, `guess${attempt}@example.org`)).status, `guess ${attempt}`).toBe(202)
    expect((await askForReset(running, 'one.more@example.org')).status).toBe(429)
    await running.studio.mailer.idle()
    expect(sink.received).toHaveLength(5)
  })

  it('limits wrong current passwords like failed sign-ins', async () => {
    const { running, cookie } = await setUp({ RATE_LIMIT_SIGNIN: '3,1000' })
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect((await changePassword(running, cookie, { currentPassword: `guess number ${attempt}`, newPassword })).status).toBe(400)
    }
    const limited = await changePassword(running, cookie, { currentPassword: testPassword, newPassword })
    expect(limited.status).toBe(429)
    expect(((await limited.json()) as ErrorBody).error.code).toBe(ErrorCode.rateLimited)
  })
})
