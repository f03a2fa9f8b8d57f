/**
 * Notification mail through a real SMTP server, at chosen instants of the studio's clock:
 * immediate batches of five minutes, daily and weekly digests at the member's hour in their
 * own zone (in the weeks of 2027 when London and New York are four hours apart), exactly
 * once with two studio instances on one PostgreSQL store, a digest that fell due while the
 * studio was down sent at the next start, and the one-click unsubscribe.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, type TestMember } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Setting {
  name: string
  timezone: string
  mail: 'off' | 'immediate' | 'daily' | 'weekly'
  hour?: number
}

describe.each(storeKinds)('notification mail on %s', (kind) => {
  let clock: Date
  const setClock = (iso: string) => (clock = new Date(iso))

  async function setUp(settings: Setting[]): Promise<{ store: StoreTarget; sink: SmtpSink; running: RunningStudio; members: TestMember[] }> {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const sink = await startSmtpSink()
    cleanups.push(() => sink.close())
    const members = await createMembers(store, settings.map((setting) => ({ name: setting.name, role: 'contributor' as const })))
    const running = await start(store, sink)
    for (const [index, setting] of settings.entries()) {
      await running.studio.store.db.updateTable('members')
        .set({ timezone: setting.timezone, email_notifications: setting.mail, digest_hour: setting.hour ?? 8 })
        .where('id', '=', members[index]!.id).execute()
    }
    // The studio runs a pass as it starts. Still running on a busy machine, it was the pass a
    // test's own call joined, with the clock it had read at the start (seen once in CI).
    await running.studio.app.notifications!.runMailPass()
    return { store, sink, running, members }
  }

  async function start(store: StoreTarget, sink: SmtpSink): Promise<RunningStudio> {
    const running = await startStudio(store, { SMTP_URL: sink.url, LOG_LEVEL: 'error' }, { now: () => clock })
    cleanups.push(() => running.close())
    return running
  }

  /** A notification for `member`, written at the clock's present instant. */
  async function notify(running: RunningStudio, member: TestMember, text: string): Promise<void> {
    await running.studio.app.notifications!.record([{
      kind: 'decision', recipientId: member.id, dedupeKey: `test:${text}`, actorId: null, document: 'meeting:kick-off', link: '/meetings/kick-off', text,
    }])
  }

  const pass = (running: RunningStudio) => running.studio.app.notifications!.runMailPass()
  const mailsTo = (sink: SmtpSink, member: TestMember) => sink.received.filter((mail) => mail.to.includes(member.email))

  it('batches immediate mail over five minutes from the first notification', async () => {
    setClock('2027-03-15T10:00:00Z')
    const { sink, running, members: [ivy] } = await setUp([{ name: 'Ivy Immediate', timezone: 'Europe/London', mail: 'immediate' }])
    await notify(running, ivy!, 'First thing')
    setClock('2027-03-15T10:02:00Z')
    await notify(running, ivy!, 'Second thing')
    setClock('2027-03-15T10:04:59Z')
    expect(await pass(running)).toBe(0)
    setClock('2027-03-15T10:05:00Z')
    expect(await pass(running)).toBe(1)
    setClock('2027-03-15T10:06:00Z')
    await notify(running, ivy!, 'Third thing')
    expect(await pass(running)).toBe(0)
    setClock('2027-03-15T10:11:00Z')
    expect(await pass(running)).toBe(1)
    const mails = mailsTo(sink, ivy!)
    expect(mails).toHaveLength(2)
    expect(mails[0]!.subject).toBe('2 notifications from Working Group Studio')
    expect(mails[0]!.text).toContain('- First thing')
    expect(mails[0]!.text).toContain('- Second thing')
    expect(mails[0]!.text).not.toContain('Third thing')
    expect(mails[1]!.subject).toBe('Third thing')
  })

  it('sends daily digests at 08:00 in each member’s zone in the weeks London and New York are four hours apart', async () => {
    setClock('2027-03-15T06:00:00Z')
    const { sink, running, members: [leo, nia, wes] } = await setUp([
      { name: 'Leo London', timezone: 'Europe/London', mail: 'daily' },
      { name: 'Nia New York', timezone: 'America/New_York', mail: 'daily' },
      { name: 'Wes Weekly', timezone: 'America/New_York', mail: 'weekly' },
    ])
    for (const member of [leo!, nia!]) await notify(running, member, `Spring news for ${member.name}`)
    // The US changed clocks on 14 March, the UK not until 28 March: 08:00 in London is 08:00 UTC, in New York 12:00 UTC.
    setClock('2027-03-15T07:59:59Z')
    await pass(running)
    expect(sink.received).toHaveLength(0)
    setClock('2027-03-15T08:00:00Z')
    expect(await pass(running)).toBe(1)
    expect(mailsTo(sink, leo!)).toHaveLength(1)
    setClock('2027-03-15T11:59:59Z')
    expect(await pass(running)).toBe(0)
    setClock('2027-03-15T12:00:00Z')
    expect(await pass(running)).toBe(1)
    const [niaMail] = mailsTo(sink, nia!)
    expect(niaMail!.subject).toBe('Your daily digest: 1 notification')
    expect(niaMail!.messageId).toBe(`<notifications.daily.2027-03-15.${nia!.id}@127.0.0.1>`)
    // Weekly: Monday 22 March at 08:00 in New York, 12:00 UTC.
    setClock('2027-03-16T00:00:00Z')
    await notify(running, wes!, 'News of the week')
    setClock('2027-03-22T11:59:00Z')
    expect(await pass(running)).toBe(0)
    setClock('2027-03-22T12:00:00Z')
    expect(await pass(running)).toBe(1)
    expect(mailsTo(sink, wes!)[0]!.subject).toBe('Your weekly digest: 1 notification')

    // Autumn: the UK changed on 31 October, the US not until 7 November.
    setClock('2027-11-01T06:00:00Z')
    for (const member of [leo!, nia!]) await notify(running, member, `Autumn news for ${member.name}`)
    setClock('2027-11-01T08:00:00Z')
    expect(await pass(running)).toBe(1)
    expect(mailsTo(sink, leo!)[1]!.text).toContain('Autumn news')
    setClock('2027-11-01T11:59:00Z')
    expect(await pass(running)).toBe(0)
    setClock('2027-11-01T12:00:00Z')
    expect(await pass(running)).toBe(1)
    expect(mailsTo(sink, nia!)[1]!.text).toContain('Autumn news')
    // Nothing twice.
    expect(await pass(running)).toBe(0)
    expect(sink.received).toHaveLength(5)
  })

  it('mails nothing that was read in the app, and nothing to a member who chose no mail', async () => {
    setClock('2027-03-15T06:00:00Z')
    const { sink, running, members: [leo, otto] } = await setUp([
      { name: 'Leo London', timezone: 'Europe/London', mail: 'daily' },
      { name: 'Otto Off', timezone: 'Europe/London', mail: 'off' },
    ])
    await notify(running, leo!, 'Already seen')
    await notify(running, otto!, 'Not by mail')
    await running.studio.store.db.updateTable('notifications').set({ read_at: clock.toISOString() }).where('recipient_id', '=', leo!.id).execute()
    setClock('2027-03-15T09:00:00Z')
    expect(await pass(running)).toBe(0)
    expect(sink.received).toHaveLength(0)
  })

  it('carries a one-click unsubscribe, a plain-text and an HTML part; GET only asks, POST turns mail off', async () => {
    setClock('2027-03-15T06:00:00Z')
    const { sink, running, members: [leo] } = await setUp([{ name: 'Leo London', timezone: 'Europe/London', mail: 'daily' }])
    await notify(running, leo!, 'A decision about <scope> & more')
    setClock('2027-03-15T08:00:00Z')
    expect(await pass(running)).toBe(1)
    const [mail] = sink.received
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    const link = /^<(.+)>$/.exec(mail!.headers['list-unsubscribe']!)![1]!
    expect(link).toMatch(new RegExp(`^${running.url}/api/unsubscribe/[A-Za-z0-9_-]{43}$`))
    expect(mail!.text).toContain(`- A decision about <scope> & more\n  ${running.url}/meetings/kick-off`)
    expect(mail!.html).toContain(`<a href="${running.url}/meetings/kick-off">A decision about &lt;scope&gt; &amp; more</a>`)
    expect(mail!.data).toMatch(/Content-Type: multipart\/alternative/i)
    // The link people click opens the web app's page with a button; the header's is for one-click POSTs.
    expect(mail!.text).toContain(`Stop these emails: ${running.url}/unsubscribe/`)

    const path = new URL(link).pathname
    const asked = await call(running, 'GET', path, { origin: null })
    expect(asked.status).toBe(200)
    expect(await asked.json()).toMatchObject({ unsubscribed: false })
    const still = await running.studio.store.db.selectFrom('members').select('email_notifications').where('id', '=', leo!.id).executeTakeFirstOrThrow()
    expect(still.email_notifications).toBe('daily')

    // As a mail provider posts it (RFC 8058): no session, no Origin, a form body.
    const done = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    expect(done.status).toBe(200)
    expect(await done.json()).toMatchObject({ unsubscribed: true })
    const off = await running.studio.store.db.selectFrom('members').select('email_notifications').where('id', '=', leo!.id).executeTakeFirstOrThrow()
    expect(off.email_notifications).toBe('off')

    expect((await call(running, 'POST', `/api/unsubscribe/${'x'.repeat(43)}`, { origin: null })).status).toBe(404)
    expect((await call(running, 'GET', '/api/unsubscribe/short', { origin: null })).status).toBe(400)
  })

  it('sends a digest that fell due while the studio was down at the next start', async () => {
    setClock('2027-03-15T06:00:00Z')
    const { store, sink, running, members: [nia] } = await setUp([{ name: 'Nia New York', timezone: 'America/New_York', mail: 'daily' }])
    await notify(running, nia!, 'Written before the outage')
    await running.close()
    setClock('2027-03-15T15:30:00Z')
    await start(store, sink)
    await waitFor(() => sink.received.length === 1, 10_000, 'the missed digest to be sent at start')
    expect(sink.received[0]!.subject).toBe('Your daily digest: 1 notification')
  })

  it('takes over a digest whose instance died mid-send once its lease runs out, with the same contents and Message-ID', async () => {
    setClock('2027-03-15T06:00:00Z')
    const { sink, running, members: [leo] } = await setUp([{ name: 'Leo London', timezone: 'Europe/London', mail: 'daily' }])
    await notify(running, leo!, 'Claimed by the instance that died')
    const db = running.studio.store.db
    // What an instance leaves when it dies after claiming and binding, before the SMTP server accepted.
    await db.insertInto('notification_mails').values({
      id: 'claim-of-the-dead', member_id: leo!.id, cadence: 'daily', period: '2027-03-15', due_at: '2027-03-15T08:00:00.000Z',
      claimed_by: 'dead-instance', lease_until: '2027-03-15T08:05:00.000Z', sent_at: null, message_id: null,
    }).execute()
    await db.updateTable('notifications').set({ mail_id: 'claim-of-the-dead' }).where('recipient_id', '=', leo!.id).execute()
    setClock('2027-03-15T08:01:00Z')
    expect(await pass(running)).toBe(0)
    setClock('2027-03-15T08:05:01Z')
    expect(await pass(running)).toBe(1)
    expect(await pass(running)).toBe(0)
    expect(sink.received).toHaveLength(1)
    expect(sink.received[0]!.text).toContain('Claimed by the instance that died')
    expect(sink.received[0]!.messageId).toBe(`<notifications.daily.2027-03-15.${leo!.id}@127.0.0.1>`)
    const claim = await db.selectFrom('notification_mails').selectAll().where('id', '=', 'claim-of-the-dead').executeTakeFirstOrThrow()
    expect(claim.sent_at).not.toBeNull()
    expect(claim.attempts).toBe(2)
  })

  it.runIf(kind === 'postgres')('delivers each digest once when two instances on one store run the pass at the same time', async () => {
    setClock('2027-03-15T06:00:00Z')
    const settings: Setting[] = Array.from({ length: 12 }, (_, index) => ({
      name: `Member ${String.fromCharCode(65 + index)}`, timezone: index % 2 ? 'America/New_York' : 'Europe/London', mail: 'daily',
    }))
    const { store, sink, running, members } = await setUp(settings)
    for (const member of members) await notify(running, member, `News for ${member.name}`)
    const other = await start(store, sink)
    setClock('2027-03-15T12:00:00Z')
    const sent = await Promise.all([pass(running), pass(other)])
    expect(sent.reduce((a, b) => a + b, 0)).toBe(members.length)
    expect(sink.received).toHaveLength(members.length)
    for (const member of members) expect(mailsTo(sink, member)).toHaveLength(1)
  })
})
