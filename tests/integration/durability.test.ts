/**
 * Nothing anyone wrote is lost: with real server processes, two clients edit, the server
 * is killed with SIGKILL before any debounce could fire, and after a restart on the same
 * data a new client finds every edit. An observer's update is neither applied nor logged.
 */
import { openStore } from '@studio/server/store/database'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { linesOf as notes, writeLine } from '../support/meeting-lines.ts'
import { createMembers, signIn } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { freePort, spawnStudio, waitFor, type StudioProcess } from '../support/studio.ts'

const documentName = 'meeting:durability'
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startProcess(store: StoreTarget, port: number): Promise<StudioProcess> {
  const studio = await spawnStudio(store, port)
  cleanups.push(() => {
    if (studio.child.exitCode === null) studio.child.kill('SIGKILL')
    return studio.exited
  })
  return studio
}

async function countLoggedUpdates(store: StoreTarget, authorId: string): Promise<number> {
  const opened = await openStore(store)
  try {
    const rows = await opened.db.selectFrom('document_updates').select('id').where('author_id', '=', authorId).execute()
    return rows.length
  } finally {
    await opened.close()
  }
}

describe.each(storeKinds)('durability on %s', (kind) => {
  it('keeps every edit a client had seen when the server is killed with SIGKILL and restarted', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [alice, bob, olive] = await createMembers(store, [
      { name: 'Alice Writer', role: 'contributor' },
      { name: 'Bob Writer', role: 'organiser' },
      { name: 'Olive Observer', role: 'observer' },
    ])
    const port = await freePort()
    const first = await startProcess(store, port)

    const aliceClient = connectProvider({ baseUrl: first.url, cookie: await signIn(first.url, alice!.email), document: documentName })
    const bobClient = connectProvider({ baseUrl: first.url, cookie: await signIn(first.url, bob!.email), document: documentName })
    const oliveClient = connectProvider({ baseUrl: first.url, cookie: await signIn(first.url, olive!.email), document: documentName })
    await waitFor(() => aliceClient.synced && bobClient.synced && oliveClient.synced, 10_000, 'three synced clients')

    const expected: string[] = []
    for (let i = 0; i < 20; i++) {
      const [writer, line] = i % 2 === 0 ? [aliceClient, `alice ${i}`] : [bobClient, `bob ${i}`]
      writeLine(writer.document, line)
      expected.push(line)
    }
    writeLine(oliveClient.document, 'observer edit')

    // The second client has seen every edit, so the server had logged every one of them.
    await waitFor(() => notes(bobClient.document).length === expected.length && notes(aliceClient.document).length === expected.length, 10_000, 'both clients to see every edit')
    expect(notes(bobClient.document).sort()).toEqual([...expected].sort())
    // The observer's own edit stays local to them: the others never see it.
    expect(notes(aliceClient.document)).not.toContain('observer edit')

    first.child.kill('SIGKILL')
    await first.exited
    for (const client of [aliceClient, bobClient, oliveClient]) destroyProvider(client)

    const second = await startProcess(store, port)
    const reader = connectProvider({ baseUrl: second.url, cookie: await signIn(second.url, alice!.email), document: documentName })
    cleanups.push(() => destroyProvider(reader))
    await waitFor(() => reader.synced, 10_000, 'the new client to sync')
    expect(notes(reader.document).sort()).toEqual([...expected].sort())
    expect(await countLoggedUpdates(store, olive!.id)).toBe(0)
    expect(await countLoggedUpdates(store, alice!.id)).toBeGreaterThanOrEqual(10)
  }, 120_000)

  it('stores every document and exits cleanly on SIGTERM', async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [carol] = await createMembers(store, [{ name: 'Carol Writer', role: 'contributor' }])
    const studio = await startProcess(store, await freePort())
    const client = connectProvider({ baseUrl: studio.url, cookie: await signIn(studio.url, carol!.email), document: documentName })
    await waitFor(() => client.synced, 10_000, 'the client to sync')
    writeLine(client.document, 'kept through shutdown')
    await waitFor(async () => (await countLoggedUpdates(store, carol!.id)) > 0, 5000, 'the edit to be logged')

    studio.child.kill('SIGTERM')
    expect(await studio.exited).toBe(0)
    destroyProvider(client)

    // Shutdown folded the log into the compacted state.
    const opened = await openStore(store)
    try {
      const state = await opened.db.selectFrom('documents').select('state').where('name', '=', documentName).executeTakeFirstOrThrow()
      const log = await opened.db.selectFrom('document_updates').select('id').where('document', '=', documentName).execute()
      expect(log).toHaveLength(0)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state.state)
      expect(notes(doc)).toEqual(['kept through shutdown'])
    } finally {
      await opened.close()
    }
  }, 120_000)
})
