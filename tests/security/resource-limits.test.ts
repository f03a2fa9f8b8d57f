/**
 * Bounded resources per socket and per member, attacked as a script would: one raw socket
 * asks for 3,000 `meeting:<random id>` names (in batches, each waiting for the server's
 * answer, so Hocuspocus's own cap on documents still authenticating is never the one that
 * stops it); a member opens socket after socket. The studio runs as a child process, so its
 * resident memory (VmRSS) is its own; documents that do not exist must leave no row behind.
 */
import { CloseCode } from '@studio/contract'
import { maxSocketsPerMember } from '@studio/server/collab/member-connections'
import { maxDocumentsPerSocket } from '@studio/server/collab/socket-documents'
import { openStore } from '@studio/server/store/database'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers, signIn } from '../support/members.ts'
import { authFrame, openRawCollab, syncStep1Frame, type RawCollabSocket } from '../support/raw-collab.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { freePort, spawnStudio, startStudio, waitFor, type StudioProcess } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const namesAsked = 3000
const batch = 25
/** Far above what 32 documents cost, far below what thousands do (see docs/PERFORMANCE.md). */
const rssAllowanceMb = 24

async function rowCounts(store: StoreTarget): Promise<{ documents: number; log: number }> {
  const opened = await openStore(store)
  try {
    const documents = await opened.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const log = await opened.db.selectFrom('document_updates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return { documents: Number(documents.n), log: Number(log.n) }
  } finally {
    await opened.close()
  }
}

const residentMb = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return Math.round(kb / 102.4) / 10
}

async function loadedDocuments(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return Number(/^studio_documents_loaded (\d+)/m.exec(text)?.[1] ?? Number.NaN)
}

/** Asks for names in batches until the socket closes or every name is open. */
async function askForNames(raw: RawCollabSocket, names: readonly string[]): Promise<void> {
  for (let start = 0; start < names.length && raw.closeCode === null; start += batch) {
    const slice = names.slice(start, start + batch)
    for (const name of slice) {
      raw.send(authFrame(name))
      raw.send(syncStep1Frame(name))
    }
    await waitFor(() => raw.closeCode !== null || slice.every((name) => raw.authenticated.has(name)), 10_000, 'the batch to be answered')
  }
}

describe.each(storeKinds)('resource limits (%s)', (kind) => {
  it(`closes a socket asking for ${namesAsked} meeting names with 4413 after ${maxDocumentsPerSocket}, leaving no rows and the memory as it was`, async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [carl] = await createMembers(store, [{ name: 'Carl Contributor', role: 'contributor' }])
    const studio: StudioProcess = await spawnStudio(store, await freePort())
    cleanups.push(() => {
      if (studio.child.exitCode === null) studio.child.kill('SIGKILL')
      return studio.exited
    })
    const cookie = await signIn(studio.url, carl!.email)
    const rowsBefore = await rowCounts(store)

    // Warm the paths a socket takes (upgrade, a document loaded and unloaded) before the baseline.
    const warm = await openRawCollab(studio.url, cookie)
    await askForNames(warm, [`meeting:${randomUUID()}`])
    await warm.close()
    await waitFor(async () => (await loadedDocuments(studio.url)) === 0, 10_000, 'the warm-up document to unload')
    const rssBefore = residentMb(studio.child.pid!)

    const attacker = await openRawCollab(studio.url, cookie)
    const names = Array.from({ length: namesAsked }, () => `meeting:${randomUUID()}`)
    await askForNames(attacker, names)
    const closeCode = attacker.closeCode
    const opened = attacker.authenticated.size
    await attacker.close()

    await waitFor(async () => (await loadedDocuments(studio.url)) === 0, 30_000, 'the documents to unload')
    const rssAfter = residentMb(studio.child.pid!)
    console.info(`${kind}: ${namesAsked} names asked on one socket, ${opened} opened, closed with ${closeCode}; studio RSS ${rssBefore} MB before, ${rssAfter} MB after`)
    // A graceful stop waits for every compaction, so a row made on unload would be there now.
    studio.child.kill('SIGTERM')
    await studio.exited

    expect(closeCode).toBe(CloseCode.TooManyDocuments)
    expect(opened).toBeLessThanOrEqual(maxDocumentsPerSocket)
    expect(rssAfter - rssBefore).toBeLessThan(rssAllowanceMb)
    expect(await rowCounts(store)).toEqual(rowsBefore)
  }, 120_000)

  it(`leaves no row for ${namesAsked} meeting names opened ${batch} at a time and closed again, over sockets in turn`, async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [carl] = await createMembers(store, [{ name: 'Carl Contributor', role: 'contributor' }])
    const running = await startStudio(store)
    cleanups.push(() => running.close())
    const cookie = await signIn(running.url, carl!.email)
    const rowsBefore = await rowCounts(store)

    for (let start = 0; start < namesAsked; start += batch) {
      const socket = await openRawCollab(running.url, cookie)
      const names = Array.from({ length: batch }, () => `meeting:${randomUUID()}`)
      await askForNames(socket, names)
      expect(socket.closeCode).toBeNull()
      await socket.close()
    }
    await waitFor(() => running.studio.collaboration.hocuspocus.getDocumentsCount() === 0, 20_000, 'every document to unload')
    await running.close()
    expect(await rowCounts(store)).toEqual(rowsBefore)
  }, 180_000)

  it(`closes a member’s socket beyond ${maxSocketsPerMember} on one instance with 4429, and lets other members in`, async () => {
    const store = await freshStore(kind)
    cleanups.push(() => store.dispose())
    const [carl, rae] = await createMembers(store, [
      { name: 'Carl Contributor', role: 'contributor' },
      { name: 'Rae Remote', role: 'contributor' },
    ])
    const running = await startStudio(store)
    cleanups.push(() => running.close())
    const carlCookie = await signIn(running.url, carl!.email)

    const sockets: RawCollabSocket[] = []
    cleanups.push(() => Promise.all(sockets.map((socket) => socket.close())))
    for (let i = 0; i < maxSocketsPerMember; i++) sockets.push(await openRawCollab(running.url, carlCookie))
    await askForNames(sockets.at(-1)!, ['meetings'])

    const oneTooMany = await openRawCollab(running.url, carlCookie)
    sockets.push(oneTooMany)
    await waitFor(() => oneTooMany.closeCode !== null, 5000, 'the socket beyond the limit to be closed')
    expect(oneTooMany.closeCode).toBe(CloseCode.TooManyConnections)
    expect(sockets.slice(0, maxSocketsPerMember).every((socket) => socket.closeCode === null)).toBe(true)

    // Another member is not affected, and a freed place can be taken again.
    const rae1 = await openRawCollab(running.url, await signIn(running.url, rae!.email))
    sockets.push(rae1)
    await askForNames(rae1, ['meetings'])
    expect(rae1.closeCode).toBeNull()
    await sockets[0]!.close()
    await waitFor(() => running.studio.collaboration.connections.countOf(carl!.id) === maxSocketsPerMember - 1, 5000, 'the freed place')
    const again = await openRawCollab(running.url, carlCookie)
    sockets.push(again)
    await askForNames(again, ['meetings'])
    expect(again.closeCode).toBeNull()
  }, 60_000)
})
