/**
 * The two ways past the approval queue, over real HTTP: invite links (role, expiry, number
 * of uses, revocation) and auto-approved email domains, where the applicant is approved
 * only after confirming their address through the mailed link.
 */
import { ErrorCode, type AuditEntry, type Invite, type Member } from '@studio/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { applicantFields, call, cookiePair, errorOf, postSignup, readOutbox, sessionCookie } from '../support/membership.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const tomorrow = () => new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString()

describe.each(storeKinds)('invites and auto-approved domains on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  let olga: TestMember, carl: TestMember
  let organiser: string

  async function setup() {
    store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    ;[olga, carl] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
    ])) as [TestMember, TestMember]
    running = await startStudio(store)
    cleanups.push(() => running.close())
    organiser = await signIn(running.url, olga.email)
  }

  async function createInvite(body: { role: string; maxUses: number; expiresAt?: string }) {
    const response = await call(running, 'POST', '/api/invites', { cookie: organiser, body: { expiresAt: tomorrow(), ...body } })
    expect(response.status, await response.clone().text()).toBe(201)
    const { id, url } = (await response.json()) as { id: string; url: string }
    const token = new URL(url).searchParams.get('invite')!
    return { id, url, token }
  }

  async function listInvites(): Promise<Invite[]> {
    const response = await call(running, 'GET', '/api/invites', { cookie: organiser })
    expect(response.status).toBe(200)
    return ((await response.json()) as { invites: Invite[] }).invites
  }

  async function auditActions(): Promise<AuditEntry[]> {
    const response = await call(running, 'GET', '/api/audit', { cookie: organiser })
    expect(response.status).toBe(200)
    return ((await response.json()) as { entries: AuditEntry[] }).entries
  }

  async function expectInviteInvalid(response: Response) {
    expect(response.status).toBe(400)
    const body = await errorOf(response)
    expect(body.error.code).toBe(ErrorCode.inviteInvalid)
    expect(body.error.field).toBe('invite')
    expect(sessionCookie(response)).toBeUndefined()
  }

  /** Nothing was created: the same email can still apply without the invite, and waits. */
  async function expectCanApplyWithout(email: string) {
    const response = await postSignup(running, applicantFields('Later Applicant', { email }))
    expect(response.status).toBe(201)
    expect(((await response.json()) as { status: string }).status).toBe('pending')
  }

  it('creates invites for organisers only, and refuses a past expiry, zero uses or an unknown role', async () => {
    await setup()
    const body = { role: 'contributor', expiresAt: tomorrow(), maxUses: 3 }
    expect((await call(running, 'POST', '/api/invites', { body })).status).toBe(401)
    expect((await call(running, 'POST', '/api/invites', { cookie: await signIn(running.url, carl.email), body })).status).toBe(403)
    for (const [field, bad] of [
      ['expiresAt', { ...body, expiresAt: new Date(Date.now() - 60_000).toISOString() }],
      ['maxUses', { ...body, maxUses: 0 }],
      ['role', { ...body, role: 'admin' }],
    ] as const) {
      const response = await call(running, 'POST', '/api/invites', { cookie: organiser, body: bad })
      expect(response.status, field).toBe(400)
      expect((await errorOf(response)).errors.map((error) => error.field)).toEqual([field])
    }
    expect(await listInvites()).toEqual([])

    const { id, url, token } = await createInvite(body)
    expect(url.startsWith(`${running.url}/sign-up?invite=`)).toBe(true)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const invites = await listInvites()
    expect(invites).toEqual([expect.objectContaining({ id, role: 'contributor', maxUses: 3, uses: 0, createdBy: olga.id })])
    expect(JSON.stringify(invites)).not.toContain(token)
  })

  it('approves a sign-up through an invite at once with its role, skipping the queue, and audits it', async () => {
    await setup()
    const { id, token } = await createInvite({ role: 'observer', maxUses: 5 })
    const response = await postSignup(running, applicantFields('Ivy Invited', { invite: token }))
    expect(response.status).toBe(201)
    const created = (await response.json()) as { id: string; status: string }
    expect(created.status).toBe('approved')
    const cookie = cookiePair(response)
    const me = ((await (await call(running, 'GET', '/api/me', { cookie })).json()) as { user: Member }).user
    expect(me).toMatchObject({ id: created.id, status: 'approved', role: 'observer' })
    expect((await call(running, 'GET', '/api/people', { cookie })).status).toBe(200)
    const pending = await call(running, 'GET', '/api/members?status=pending', { cookie: organiser })
    expect(((await pending.json()) as { members: Member[] }).members).toEqual([])
    expect((await listInvites()).find((invite) => invite.id === id)!.uses).toBe(1)

    const entries = await auditActions()
    expect(entries.find((entry) => entry.action === 'invite-create')).toMatchObject({ actor: { id: olga.id } })
    expect(entries.find((entry) => entry.action === 'invite-use')).toMatchObject({
      actor: { id: created.id }, target: { id: created.id, name: 'Ivy Invited' }, detail: expect.stringContaining(id),
    })
  })

  it('enforces the number of uses: a second sign-up through a one-use invite is refused and creates nothing', async () => {
    await setup()
    const { id, token } = await createInvite({ role: 'contributor', maxUses: 1 })
    expect((await postSignup(running, applicantFields('First Through', { invite: token }))).status).toBe(201)
    const second = applicantFields('Second Through', { invite: token })
    await expectInviteInvalid(await postSignup(running, second))
    expect((await listInvites()).find((invite) => invite.id === id)!.uses).toBe(1)
    await expectCanApplyWithout(second.email as string)
  })

  it('refuses an expired invite', async () => {
    await setup()
    const { id, token } = await createInvite({ role: 'contributor', maxUses: 10 })
    await running.studio.store.db.updateTable('invites').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', id).execute()
    const fields = applicantFields('Late Larry', { invite: token })
    await expectInviteInvalid(await postSignup(running, fields))
    await expectCanApplyWithout(fields.email as string)
  })

  it('revokes an invite: 204, gone from the list, refused at sign-up, and a second revoke is 404', async () => {
    await setup()
    const kept = await createInvite({ role: 'observer', maxUses: 10 })
    const { id, token } = await createInvite({ role: 'contributor', maxUses: 10 })
    expect((await call(running, 'DELETE', `/api/invites/${id}`, { cookie: await signIn(running.url, carl.email) })).status).toBe(403)
    const revoked = await call(running, 'DELETE', `/api/invites/${id}`, { cookie: organiser })
    expect(revoked.status).toBe(204)
    expect((await listInvites()).map((invite) => invite.id)).toEqual([kept.id])
    const fields = applicantFields('Rev Oked', { invite: token })
    await expectInviteInvalid(await postSignup(running, fields))
    await expectCanApplyWithout(fields.email as string)
    expect((await call(running, 'DELETE', `/api/invites/${id}`, { cookie: organiser })).status).toBe(404)
    expect((await auditActions()).map((entry) => entry.action)).toContain('invite-revoke')
  })

  it('reads and writes the auto-approved domains, organisers only, refusing something that is not a domain', async () => {
    await setup()
    const carlCookie = await signIn(running.url, carl.email)
    expect((await call(running, 'GET', '/api/settings')).status).toBe(401)
    expect((await call(running, 'GET', '/api/settings', { cookie: carlCookie })).status).toBe(403)
    expect((await call(running, 'PUT', '/api/settings', { cookie: carlCookie, body: { autoApproveDomains: ['carl.example'] } })).status).toBe(403)
    expect(await (await call(running, 'GET', '/api/settings', { cookie: organiser })).json()).toEqual({ autoApproveDomains: [] })

    const saved = await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: ['Acme.ORG', 'acme.org', 'globex.example'] } })
    expect(saved.status).toBe(200)
    expect(await saved.json()).toEqual({ autoApproveDomains: ['acme.org', 'globex.example'] })

    const bad = await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: ['ok.example', 'not a domain'] } })
    expect(bad.status).toBe(400)
    expect((await errorOf(bad)).error.field).toBe('autoApproveDomains.1')
    expect(await (await call(running, 'GET', '/api/settings', { cookie: organiser })).json()).toEqual({ autoApproveDomains: ['acme.org', 'globex.example'] })
    expect((await auditActions()).filter((entry) => entry.action === 'settings-change')).toHaveLength(1)
  })

  it('approves a sign-up from an auto-approved domain once the mailed link is confirmed, and only once', async () => {
    await setup()
    expect((await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: ['acme.org'] } })).status).toBe(200)
    const response = await postSignup(running, applicantFields('Ann Acme', { email: 'ann@acme.org' }))
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: string; status: string }
    const cookie = cookiePair(response)
    expect((await call(running, 'GET', '/api/me', { cookie }).then((r) => r.json()) as { user: Member }).user.status).toBe('pending')
    expect((await call(running, 'GET', '/api/people', { cookie })).status).toBe(403)

    const mail = (await readOutbox(running, store)).find((m) => m.to === 'ann@acme.org')
    expect(mail, 'a confirmation mail to the applicant').toBeDefined()
    const token = mail!.text.match(/\/confirm\/([A-Za-z0-9_-]+)/)?.[1]
    expect(mail!.text).toContain(`${running.url}/confirm/${token}`)

    expect((await call(running, 'POST', `/api/confirm/${token}`, { origin: null })).status).toBe(403)
    const confirmed = await call(running, 'POST', `/api/confirm/${token}`)
    expect(confirmed.status).toBe(200)
    expect(((await confirmed.json()) as { user: Member }).user).toMatchObject({ id, status: 'approved', role: 'contributor' })
    expect((await call(running, 'GET', '/api/people', { cookie })).status).toBe(200)

    const again = await call(running, 'POST', `/api/confirm/${token}`)
    expect(again.status).toBe(404)
    expect((await errorOf(again)).error.code).toBe(ErrorCode.confirmationInvalid)
    const forged = await call(running, 'POST', `/api/confirm/${'A'.repeat(43)}`)
    expect((await errorOf(forged)).error.code).toBe(ErrorCode.confirmationInvalid)

    const entries = await auditActions()
    expect(entries.find((entry) => entry.action === 'email-confirm')).toMatchObject({ actor: { id }, target: { id } })
    expect(entries.find((entry) => entry.action === 'auto-approve')).toMatchObject({ actor: null, target: { id, name: 'Ann Acme' }, detail: expect.stringContaining('acme.org') })
  })

  it('sends no confirmation mail to an applicant from another domain, who waits for an organiser', async () => {
    await setup()
    expect((await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: ['acme.org'] } })).status).toBe(200)
    for (const email of ['bob@other.org', 'eve@notacme.org', 'sub@mail.acme.org']) {
      const response = await postSignup(running, applicantFields('Other Applicant', { email }))
      expect(response.status, email).toBe(201)
      expect(((await response.json()) as { status: string }).status).toBe('pending')
    }
    const mails = await readOutbox(running, store)
    expect(mails.filter((mail) => /confirm/i.test(mail.subject) || mail.text.includes('/confirm/'))).toEqual([])
    expect([...new Set(mails.map((mail) => mail.to))]).toEqual([olga.email])
  })

  it('leaves the applicant pending when their domain is removed from the list before they confirm', async () => {
    await setup()
    expect((await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: ['acme.org'] } })).status).toBe(200)
    expect((await postSignup(running, applicantFields('Dan Delayed', { email: 'dan@acme.org' }))).status).toBe(201)
    const token = (await readOutbox(running, store)).find((m) => m.to === 'dan@acme.org')!.text.match(/\/confirm\/([A-Za-z0-9_-]+)/)![1]
    expect((await call(running, 'PUT', '/api/settings', { cookie: organiser, body: { autoApproveDomains: [] } })).status).toBe(200)
    const confirmed = await call(running, 'POST', `/api/confirm/${token}`)
    expect(confirmed.status).toBe(200)
    expect(((await confirmed.json()) as { user: Member }).user.status).toBe('pending')
    expect((await auditActions()).map((entry) => entry.action)).not.toContain('auto-approve')
  })
})
