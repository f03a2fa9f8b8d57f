/**
 * Mail: organisers hear of each new application and applicants of the decision, through
 * SMTP when SMTP_URL is set and otherwise into DATA_DIR/outbox. Mail never blocks or
 * fails the request that caused it.
 */
import { readdir, readFile } from 'node:fs/promises'
import { createServer, type Socket } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn } from '../support/members.ts'
import { startSmtpSink } from '../support/smtp-sink.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { freePort, startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp(env: Record<string, string> = {}): Promise<{ store: StoreTarget; running: RunningStudio; organiserCookie: string }> {
  const store = await freshStore('sqlite')
  cleanups.push(() => store.dispose())
  const running = await startStudio(store, env)
  cleanups.push(() => running.close())
  const [organiser] = await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])
  return { store, running, organiserCookie: await signIn(running.url, organiser!.email) }
}

async function signUp(running: RunningStudio, email: string, extra: Record<string, string> = {}): Promise<{ status: number; id: string }> {
  const form = new FormData()
  for (const [key, value] of Object.entries({ name: 'Ana Applicant', email, password: 'a long enough password', timezone: 'America/New_York', attendance: 'remote', consent: 'yes', ...extra })) {
    form.append(key, value)
  }
  const response = await fetch(`${running.url}/api/signup`, { method: 'POST', body: form, headers: { origin: running.origin } })
  return { status: response.status, id: ((await response.json()) as { id: string }).id }
}

describe('mail', () => {
  it('writes an organiser notice and the applicant’s decision to the outbox without SMTP_URL', async () => {
    const { store, running, organiserCookie } = await setUp()
    const { id } = await signUp(running, 'ana@example.org')
    await fetch(`${running.url}/api/members/${id}/approve`, {
      method: 'POST',
      headers: { cookie: organiserCookie, origin: running.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'contributor' }),
    })
    await running.studio.mailer.idle()
    const outbox = path.join(store.dataDir, 'outbox')
    const mails = await Promise.all((await readdir(outbox)).map(async (file) => JSON.parse(await readFile(path.join(outbox, file), 'utf8'))))
    expect(mails).toContainEqual(expect.objectContaining({ to: 'olga.organiser@example.org', subject: 'New application: Ana Applicant' }))
    expect(mails).toContainEqual(expect.objectContaining({ to: 'ana@example.org', subject: expect.stringMatching(/Welcome/) }))
  })

  it('sends through SMTP when SMTP_URL is set', async () => {
    const sink = await startSmtpSink()
    cleanups.push(() => sink.close())
    const { running } = await setUp({ SMTP_URL: sink.url })
    expect((await signUp(running, 'ana@example.org')).status).toBe(201)
    await waitFor(() => sink.received.length > 0, 5000, 'the organiser notice to reach the SMTP server')
    expect(sink.received[0]!.to.join()).toContain('olga.organiser@example.org')
    expect(sink.received[0]!.data).toContain('New application: Ana Applicant')
  })

  it('tells organisers that someone joined through an invite, never that they applied', async () => {
    const sink = await startSmtpSink()
    cleanups.push(() => sink.close())
    const { running, organiserCookie } = await setUp({ SMTP_URL: sink.url })
    const invite = await fetch(`${running.url}/api/invites`, {
      method: 'POST',
      headers: { cookie: organiserCookie, origin: running.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'observer', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), maxUses: 1 }),
    })
    const token = new URL(((await invite.json()) as { url: string }).url).searchParams.get('invite')!
    expect((await signUp(running, 'ivy@example.org', { invite: token })).status).toBe(201)
    await waitFor(() => sink.received.length > 0, 5000, 'the organiser notice to reach the SMTP server')
    const [mail] = sink.received
    // The body is quoted-printable: its soft line breaks are not part of the text.
    const text = mail!.data.replace(/=\r?\n/g, '')
    expect(mail!.to.join()).toContain('olga.organiser@example.org')
    expect(text).toContain('Subject: Ana Applicant joined through an invite')
    expect(text).toContain('Ana Applicant <ivy@example.org> joined through an invite link, as an observer.')
    expect(text).toContain(`${running.url}/members/all`)
    expect(text).not.toContain('New application')
    expect(text).not.toContain('waiting for a decision')
    // A sign-up without an invite is still an application.
    expect((await signUp(running, 'ana@example.org')).status).toBe(201)
    await waitFor(() => sink.received.length > 1, 5000, 'the second notice')
    expect(sink.received[1]!.data).toContain('New application: Ana Applicant')
  })

  it('answers the sign-up while the SMTP server accepts the connection and never replies', async () => {
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { running } = await setUp({ SMTP_URL: `smtp://127.0.0.1:${(silent.address() as { port: number }).port}` })
    // Registered last so it runs first: the studio's shutdown then sees the connection drop.
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    })
    expect((await signUp(running, 'ana@example.org')).status).toBe(201)
    await waitFor(() => sockets.size > 0, 5000, 'the mailer to connect')
  })

  it('answers the sign-up even when the SMTP server cannot be reached', async () => {
    const closedPort = await freePort()
    const { running } = await setUp({ SMTP_URL: `smtp://127.0.0.1:${closedPort}` })
    expect((await signUp(running, 'ana@example.org')).status).toBe(201)
    // The failure is logged, and waiting for the mailer does not throw.
    await running.studio.mailer.idle()
  })
})
