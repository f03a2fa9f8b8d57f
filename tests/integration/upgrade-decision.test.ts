/**
 * The collaboration upgrade's decision (collab/websocket-gate.ts) taken on its own, with no
 * studio built in the process: the gate must read the session cookie by itself, as a
 * collaboration server in a process of its own would (the bench's studio-collab-alone).
 * On each store: a signed-in approved member is let in among other cookies; no session,
 * a foreign Origin and a pending member are refused with the status that says why.
 */
import { decideUpgrade, type GateOptions } from '@studio/server/collab/websocket-gate'
import { createSession, sessionCookieName } from '@studio/server/sessions/sessions'
import { openStore, type Store } from '@studio/server/store/database'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMembers, type TestMember } from '../support/members.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'

const publicOrigin = 'https://studio.example.org'

describe.each(storeKinds)('the collaboration upgrade gate on %s', (kind) => {
  let target: StoreTarget
  let store: Store
  let gate: GateOptions
  const tokens: Record<string, string> = {}
  const headers = (cookie: string | null, origin = publicOrigin) => new Headers({ origin, ...(cookie === null ? {} : { cookie }) })

  beforeAll(async () => {
    target = await freshStore(kind)
    const members = await createMembers(target, [
      { name: 'Gina Gatewood', role: 'contributor' },
      { name: 'Pat Pending', role: 'contributor', status: 'pending' },
    ]) as [TestMember, TestMember]
    store = await openStore(target)
    for (const member of members) tokens[member.name] = await createSession(store.db, member.id)
    gate = { db: store.db, publicOrigin, sessionPolicy: { idleDays: 30, maxDays: 90 } }
  })

  afterAll(async () => {
    await store?.close()
    await target?.dispose()
  })

  it('lets an approved member in, reading the session among other cookies', async () => {
    const decision = await decideUpgrade(headers(`theme=dark; ${sessionCookieName}=${tokens['Gina Gatewood']}; lang=en`), gate)
    expect(decision).toEqual({
      allow: true,
      context: { member: expect.objectContaining({ name: 'Gina Gatewood', role: 'contributor' }), sessionToken: tokens['Gina Gatewood'] },
    })
  })

  it('refuses no session, an unknown one, a foreign Origin and a pending member', async () => {
    expect(await decideUpgrade(headers(null), gate)).toMatchObject({ allow: false, status: 401 })
    expect(await decideUpgrade(headers(`${sessionCookieName}=not-a-session`), gate)).toMatchObject({ allow: false, status: 401 })
    expect(await decideUpgrade(headers(`${sessionCookieName}=${tokens['Gina Gatewood']}`, 'https://elsewhere.example'), gate))
      .toMatchObject({ allow: false, status: 403, reason: `Connections must come from ${publicOrigin}.` })
    expect(await decideUpgrade(headers(`${sessionCookieName}=${tokens['Pat Pending']}`), gate)).toMatchObject({ allow: false, status: 403 })
  })
})
