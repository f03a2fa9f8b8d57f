/**
 * Notifications are not kept for ever: the notifications plugin's periodic pass deletes read
 * ones older than 90 days and unread ones older than a year, on the studio's own clock
 * (StudioOptions.now) moved forward by the test, so nothing waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, type TestMember } from '../support/members.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, type RunningStudio } from '../support/studio.ts'

const day = 86_400_000

describe.each(storeKinds)('pruning notifications on %s', (kind) => {
  let store: StoreTarget
  let running: RunningStudio
  const start = new Date('2027-01-10T09:00:00Z')
  let clock = start
  let carl: TestMember

  beforeAll(async () => {
    store = await freshStore(kind)
    ;[carl] = (await createMembers(store, [{ name: 'Carl Contributor', role: 'contributor' }])) as [TestMember]
    running = await startStudio(store, { LOG_LEVEL: 'error' }, { now: () => clock })
  })

  afterAll(async () => {
    await running?.close()
    await store?.dispose()
  })

  const service = () => running.studio.app.notifications!
  const notify = (dedupeKey: string) =>
    service().record([{ kind: 'application', recipientId: carl.id, dedupeKey, actorId: null, document: null, link: '/members', text: dedupeKey }])
  const kept = async () =>
    (await running.studio.store.db.selectFrom('notifications').select('text').where('recipient_id', '=', carl.id).orderBy('text').execute()).map((row) => row.text)
  const markRead = (text: string) =>
    running.studio.store.db.updateTable('notifications').set({ read_at: clock.toISOString() }).where('text', '=', text).execute()
  const at = (days: number) => new Date(start.getTime() + days * day)

  it('keeps read notifications 90 days and unread ones a year, then deletes them', async () => {
    expect(await notify('old read')).toBe(1)
    expect(await notify('old unread')).toBe(1)
    await markRead('old read')
    clock = at(60)
    expect(await notify('newer read')).toBe(1)
    await markRead('newer read')

    clock = at(89)
    expect(await service().prune()).toBe(0)
    expect(await kept()).toEqual(['newer read', 'old read', 'old unread'])

    clock = at(91)
    expect(await service().prune()).toBe(1)
    expect(await kept()).toEqual(['newer read', 'old unread'])

    clock = at(151)
    expect(await service().prune()).toBe(1)
    expect(await kept()).toEqual(['old unread'])

    clock = at(364)
    expect(await service().prune()).toBe(0)
    clock = at(366)
    expect(await service().prune()).toBe(1)
    expect(await kept()).toEqual([])
    // Pruning again finds nothing: two instances passing at once do no harm.
    expect(await service().prune()).toBe(0)
  })
})
