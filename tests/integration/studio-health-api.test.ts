/**
 * The organisers' health page's API (issue 18), GET /api/studio-health, on each store:
 * organisers only; the figures come from the real parts (a daily backup taken into the
 * backup directory, a live collaboration socket, statfs on DATA_DIR, a mail the SMTP
 * server refused, Redis killed and started again); and the warnings turn on when a backup
 * is overdue on the studio's clock (StudioOptions.now, moved by the test) or the disk counts
 * as nearly full.
 */
import { StudioHealth } from '@studio/contract'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { privateRedis } from '../support/private-redis.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { freePort, repositoryRoot, startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const hour = 3_600_000
const serverVersion = (JSON.parse(readFileSync(path.join(repositoryRoot, 'apps/server/package.json'), 'utf8')) as { version: string }).version

async function healthOf(running: RunningStudio, cookie: string): Promise<StudioHealth> {
  const response = await fetch(`${running.url}/api/studio-health`, { headers: { cookie } })
  expect(response.status).toBe(200)
  expect(response.headers.get('cache-control')).toBe('no-store')
  // The answer is exactly the contract's shape.
  return StudioHealth.parse(await response.json())
}

describe.each(storeKinds)('the studio health API on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  const start = new Date('2027-03-01T09:00:00Z')
  let clock = start
  const cookies: Record<'organiser' | 'contributor' | 'observer', string> = { organiser: '', contributor: '', observer: '' }
  const cleanups: Array<() => Promise<unknown> | unknown> = []

  beforeAll(async () => {
    store = await freshStore(kind)
    const [organiser, contributor, observer] = (await createMembers(store, [
      { name: 'Olga Organiser', role: 'organiser' },
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Oscar Observer', role: 'observer' },
    ])) as [TestMember, TestMember, TestMember]
    // A mail server nobody listens on: every message fails, as when the real one is down.
    const smtpPort = await freePort()
    running = await startStudio(store, { LOG_LEVEL: 'silent', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }, { now: () => clock })
    cookies.organiser = await signIn(running.url, organiser.email)
    cookies.contributor = await signIn(running.url, contributor.email)
    cookies.observer = await signIn(running.url, observer.email)
  })

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  it('answers organisers only: 401 signed out, 403 for contributors and observers', async () => {
    expect((await fetch(`${running.url}/api/studio-health`)).status).toBe(401)
    for (const role of ['contributor', 'observer'] as const) {
      const response = await fetch(`${running.url}/api/studio-health`, { headers: { cookie: cookies[role] } })
      expect(response.status).toBe(403)
      expect(JSON.stringify(await response.json())).not.toContain('backup')
    }
    await healthOf(running, cookies.organiser)
  })

  it('reports the version, the store, activity, the disk under DATA_DIR and mail that could not be sent', async () => {
    const health = await healthOf(running, cookies.organiser)
    expect(health.version).toBe(serverVersion)
    expect(health.startedAt).toBe(start.toISOString())
    expect(health.store).toEqual({ kind, writable: true, reason: null })
    expect(health.redis).toBeNull()
    expect(health.disk).toMatchObject({ directory: store.dataDir, low: false })
    expect(health.disk!.freeBytes).toBeGreaterThan(0)
    expect(health.disk!.totalBytes).toBeGreaterThanOrEqual(health.disk!.freeBytes)
    expect(health.mail).toMatchObject({ transport: 'smtp', failuresSinceStart: 0, lastFailureAt: null })

    // One member with a document open over a real socket.
    const provider = connectProvider({ baseUrl: running.url, cookie: cookies.contributor, document: 'terms-of-reference' })
    cleanups.push(() => destroyProvider(provider))
    // The socket counts once it is open, the document once it has loaded: wait for both.
    await waitFor(async () => {
      const { activity } = await healthOf(running, cookies.organiser)
      return activity.peopleOnline === 1 && activity.documentsOpen >= 1
    }, 10_000, 'the contributor to count as online with the document open')
    expect((await healthOf(running, cookies.organiser)).activity.connections).toBe(1)

    running.studio.mailer.send({ to: 'someone@example.org', subject: 'Will not arrive', text: 'The mail server is down.' })
    await waitFor(async () => (await healthOf(running, cookies.organiser)).mail.failuresSinceStart === 1, 15_000, 'the failed mail to be counted')
    expect((await healthOf(running, cookies.organiser)).mail.lastFailureAt).not.toBeNull()
  })

  it('warns once a backup is overdue on the studio\'s clock, and stops once one is taken', async () => {
    // Just started, no backup yet: not overdue, the first pass has not come.
    clock = new Date(start.getTime() + 10 * 60_000)
    let health = await healthOf(running, cookies.organiser)
    expect(health.backup).toMatchObject({ last: null, lastDailyAt: null, overdue: false, keep: 14, directory: path.join(store.dataDir, 'backups') })
    expect(health.warnings).toEqual([])

    // Two hours up and still none: overdue.
    clock = new Date(start.getTime() + 2 * hour)
    health = await healthOf(running, cookies.organiser)
    expect(health.uptimeSeconds).toBe(2 * 3600)
    expect(health.backup.overdue).toBe(true)
    expect(health.warnings.map((warning) => warning.kind)).toEqual(['backup-overdue'])
    expect(health.warnings[0]!.message).toContain('not taken a backup yet')

    const written = await running.studio.app.backups.runDailyBackup()
    expect(written).not.toBeNull()
    health = await healthOf(running, cookies.organiser)
    expect(health.backup.last).toMatchObject({ at: clock.toISOString(), file: path.basename(written!.file) })
    expect(health.backup.last!.bytes).toBeGreaterThan(0)
    expect(health.backup.lastDailyAt).toBe(clock.toISOString())
    expect(health.backup.overdue).toBe(false)
    expect(health.warnings).toEqual([])

    // 25 hours later the backup is still recent enough; 27 hours later it is overdue.
    const backupAt = clock.getTime()
    clock = new Date(backupAt + 25 * hour)
    expect((await healthOf(running, cookies.organiser)).backup.overdue).toBe(false)
    clock = new Date(backupAt + 27 * hour)
    health = await healthOf(running, cookies.organiser)
    expect(health.backup.overdue).toBe(true)
    expect(health.warnings.map((warning) => warning.kind)).toEqual(['backup-overdue'])
    expect(health.warnings[0]!.message).toContain('more than 26 hours old')

    // The next day's backup puts it right.
    expect(await running.studio.app.backups.runDailyBackup()).not.toBeNull()
    health = await healthOf(running, cookies.organiser)
    expect(health.backup.last!.at).toBe(clock.toISOString())
    expect(health.warnings).toEqual([])
  })
})

describe('the studio health API\'s disk and Redis figures', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function organiserStudio(env: Record<string, string>, options: Parameters<typeof startStudio>[2] = {}) {
    const store = await freshStore('sqlite')
    cleanups.push(() => store.dispose())
    const [organiser] = (await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])) as [TestMember]
    const running = await startStudio(store, { LOG_LEVEL: 'silent', ...env }, options)
    cleanups.push(() => running.close())
    return { running, cookie: await signIn(running.url, organiser.email) }
  }

  it('warns when the disk under DATA_DIR is nearly full', async () => {
    // The line moved above any real disk's free space: the real statfs figures fall below it.
    const { running, cookie } = await organiserStudio({}, { diskLow: { minFreeBytes: Number.MAX_SAFE_INTEGER, minFreeRatio: 0 } })
    const health = await healthOf(running, cookie)
    expect(health.disk!.low).toBe(true)
    expect(health.warnings.map((warning) => warning.kind)).toEqual(['disk-low'])
  })

  it('says whether Redis answers', async () => {
    const redis = await privateRedis()
    cleanups.push(() => redis.kill())
    const { running, cookie } = await organiserStudio({ REDIS_URL: redis.url })
    expect((await healthOf(running, cookie)).redis).toEqual({ reachable: true })
    await redis.kill()
    await waitFor(async () => (await healthOf(running, cookie)).redis?.reachable === false, 10_000, 'Redis to count as unreachable')
    await redis.start()
    await waitFor(async () => (await healthOf(running, cookie)).redis?.reachable === true, 15_000, 'Redis to count as reachable again')
  })
})
