/**
 * A store hiccup never strands a client. Two real providers keep typing while the store
 * cannot write: a SQLite file locked by another process (BEGIN EXCLUSIVE), or a private
 * PostgreSQL stopped and started again. Meanwhile /healthz answers 503 quickly; nothing
 * typed during the outage reaches the other client before it is logged; and within 5 s of
 * the store's return every edit is in the log, both documents are equal, and no socket
 * was closed on the way.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { DocumentName, ErrorCode } from '@studio/contract'
import { addEntity, readEntities } from '@studio/framework'
import { loadDocumentInto } from '@studio/server/store/update-log'
import { openStore, type Store } from '@studio/server/store/database'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn } from '../support/members.ts'
import { privatePostgresUnavailable, startPrivatePostgres } from '../support/private-postgres.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const documentName = DocumentName.competencyMatrix
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Stops the store from taking writes until `end()`. */
interface Outage {
  begin(): Promise<void>
  end(): Promise<void>
}

describe('a store hiccup never strands a client', () => {
  it('keeps typing clients connected through a SQLite file locked by another process, and stores every edit within 5 s of the release', async () => {
    const store = await freshStore('sqlite')
    cleanups.push(() => store.dispose())
    let locker: SqliteLocker | undefined
    cleanups.push(() => locker?.child.kill('SIGKILL'))
    await typeThroughAnOutage(store, {
      async begin() {
        locker = await lockSqliteFile(path.join(store.dataDir, 'studio.sqlite'))
      },
      end: () => locker!.release(),
    })
  }, 60_000)

  const unavailable = privatePostgresUnavailable()
  it.skipIf(unavailable !== null)(
    `keeps typing clients connected through a PostgreSQL restart (a private instance), and stores every edit within 5 s of its return${unavailable ? ` [skipped: ${unavailable}]` : ''}`,
    async () => {
      const postgres = await startPrivatePostgres()
      cleanups.push(() => postgres.dispose())
      const dataDir = await mkdtemp(path.join(tmpdir(), 'studio-test-'))
      const store: StoreTarget = { kind: 'postgres', dataDir, databaseUrl: postgres.url, dispose: () => rm(dataDir, { recursive: true, force: true }) }
      cleanups.push(() => store.dispose())
      await typeThroughAnOutage(store, { begin: () => postgres.stop(), end: () => postgres.start() })
    },
    120_000,
  )
})

async function typeThroughAnOutage(store: StoreTarget, outage: Outage): Promise<void> {
  const [alice, bob] = await createMembers(store, [
    { name: 'Alice Typist', role: 'contributor' },
    { name: 'Bob Typist', role: 'contributor' },
  ])
  const running = await startStudio(store)
  cleanups.push(() => running.close())
  const typists = await Promise.all([alice!, bob!].map(async (member) => {
    const cookie = await signIn(running.url, member.email)
    const provider = connectProvider({ baseUrl: running.url, cookie, document: documentName })
    cleanups.push(() => destroyProvider(provider))
    return { name: member.name.split(' ')[0]!.toLowerCase(), cookie, provider, socketCloses: 0 }
  }))
  for (const typist of typists) typist.provider.configuration.websocketProvider.on('close', () => (typist.socketCloses += 1))
  await waitFor(() => typists.every((typist) => typist.provider.synced), 10_000, 'both providers to sync')

  const typed: string[] = []
  const type = async (label: string, count: number, paceMs = 20) => {
    for (let i = 0; i < count; i++) {
      for (const typist of typists) {
        const name = `${typist.name} ${label} ${i}`
        addEntity(typist.provider.document, 'domain', { name })
        typed.push(name)
      }
      // A typist's pace, not a wait for anything.
      await new Promise((resolve) => setTimeout(resolve, paceMs))
    }
  }
  await type('before', 3)
  await waitFor(() => typists.every((typist) => containsAll(typist.provider, typed)), 5000, 'the edits before the outage to reach both')

  await outage.begin()
  // A few seconds of typing while the store is away.
  await type('during', 12, 250)

  const health = await timedHealth(running)
  expect(health.status).toBe(503)
  expect(health.body).toMatchObject({ status: 'unavailable', store: store.kind })
  expect(health.ms).toBeLessThan(1000)
  // An HTTP write meanwhile is told to try again shortly, not "something went wrong".
  const comment = await fetch(`${running.url}/api/comments`, {
    method: 'POST',
    headers: { cookie: typists[0]!.cookie, origin: running.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ document: documentName, anchor: 'domain:d1', body: 'Written while the store is away' }),
  })
  expect(comment.status).toBe(503)
  expect(comment.headers.get('retry-after')).toBe('5')
  expect((await comment.json()).error.code).toBe(ErrorCode.storeUnavailable)
  // Logged before anyone sees it: nothing typed during the outage has reached the other typist.
  const [first, second] = typists
  expect(domainNames(second!.provider)).not.toContain(`${first!.name} during 0`)
  expect(domainNames(first!.provider)).not.toContain(`${second!.name} during 0`)

  await outage.end()
  const returned = performance.now()
  const log = await openStore(store)
  cleanups.push(() => log.close())
  await waitFor(
    async () =>
      typists.every((typist) => containsAll(typist.provider, typed) && !typist.provider.hasUnsyncedChanges) &&
      sameDocument(typists[0]!.provider, typists[1]!.provider) &&
      containsAllNames(await loggedDomainNames(log), typed),
    5000,
    'every edit to be logged and both typists to be in sync',
  )
  const catchUpMs = Math.round(performance.now() - returned)
  console.info(`store-hiccup (${store.kind}): /healthz answered ${health.status} in ${Math.round(health.ms)} ms during the outage; in sync and logged ${catchUpMs} ms after the store returned`)

  expect(typists.map((typist) => typist.socketCloses)).toEqual([0, 0])
  expect((await timedHealth(running)).status).toBe(200)
}

async function timedHealth(running: RunningStudio): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now()
  const response = await fetch(`${running.url}/healthz`)
  const body = await response.json()
  return { status: response.status, body, ms: performance.now() - started }
}

function domainNames(provider: HocuspocusProvider): string[] {
  return readEntities(provider.document, 'domain').map((domain) => domain.name)
}

function containsAll(provider: HocuspocusProvider, names: string[]): boolean {
  return containsAllNames(domainNames(provider), names)
}

function containsAllNames(have: string[], names: string[]): boolean {
  const present = new Set(have)
  return names.every((name) => present.has(name))
}

/** Equal state vectors: each holds every update the other has. */
function sameDocument(a: HocuspocusProvider, b: HocuspocusProvider): boolean {
  return Buffer.from(Y.encodeStateVector(a.document)).equals(Buffer.from(Y.encodeStateVector(b.document)))
}

/** What a fresh load from the store holds: the compacted state and the log. */
async function loggedDomainNames(store: Store): Promise<string[]> {
  const doc = new Y.Doc()
  await loadDocumentInto(store, documentName, doc)
  const names = readEntities(doc, 'domain').map((domain) => domain.name)
  doc.destroy()
  return names
}

interface SqliteLocker {
  child: ChildProcess
  release(): Promise<void>
}

/** Another process (the project's own node, with node:sqlite) holding BEGIN EXCLUSIVE on the file. */
async function lockSqliteFile(filename: string): Promise<SqliteLocker> {
  const script = `
    const { DatabaseSync } = require('node:sqlite')
    const db = new DatabaseSync(process.argv[1])
    db.exec('PRAGMA busy_timeout = 5000; BEGIN EXCLUSIVE')
    process.stdout.write('locked\\n')
    process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); process.exit(0) })
  `
  const child = spawn(process.execPath, ['--no-warnings', '-e', script, filename], { stdio: ['pipe', 'pipe', 'inherit'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  await waitFor(() => output.includes('locked') || child.exitCode !== null, 10_000, 'the other process to lock the file')
  if (!output.includes('locked')) throw new Error('The locking process ended before it held the lock')
  return {
    child,
    async release() {
      child.stdin!.write('release\n')
      await waitFor(() => output.includes('released'), 10_000, 'the other process to release the lock')
    },
  }
}
