/**
 * The store's files are the owner's alone: the SQLite database (password hashes, sessions,
 * every document), its WAL and shared-memory files are created 0600, and DATA_DIR and the
 * mail outbox (confirmation and invitation links) 0700, with outbox messages 0600.
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMembers } from '../support/members.ts'
import { applicantFields, postSignup } from '../support/membership.ts'
import { freshStore, type StoreTarget } from '../support/stores.ts'
import { startStudio } from '../support/studio.ts'

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function modeOf(file: string): Promise<string> {
  return ((await stat(file)).mode & 0o777).toString(8).padStart(4, '0')
}

describe('store files are owner-only', () => {
  it('creates DATA_DIR 0700 and the database, its WAL and shared memory 0600', async () => {
    const base = await freshStore('sqlite')
    cleanups.push(() => base.dispose())
    // A DATA_DIR that does not exist yet, so the studio creates it (and its parent).
    const store: StoreTarget = { ...base, dataDir: path.join(base.dataDir, 'deployment', 'data') }
    const running = await startStudio(store)
    cleanups.push(() => running.close())

    // Checked while the studio runs: SQLite removes the WAL and shared memory when it closes.
    const database = path.join(store.dataDir, 'studio.sqlite')
    expect({
      dataDir: await modeOf(store.dataDir),
      parent: await modeOf(path.dirname(store.dataDir)),
      database: await modeOf(database),
      wal: await modeOf(`${database}-wal`),
      shm: await modeOf(`${database}-shm`),
    }).toEqual({ dataDir: '0700', parent: '0700', database: '0600', wal: '0600', shm: '0600' })
  })

  it('writes the mail outbox 0700 and each message in it 0600', async () => {
    const store = await freshStore('sqlite')
    cleanups.push(() => store.dispose())
    const running = await startStudio(store)
    cleanups.push(() => running.close())
    await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])

    // An application sends the organisers a notice, which goes to the outbox without SMTP_URL.
    expect((await postSignup(running, applicantFields('Ana Applicant'))).status).toBe(201)
    await running.studio.mailer.idle()
    const outbox = path.join(store.dataDir, 'outbox')
    const messages = await readdir(outbox)
    expect(messages.length).toBeGreaterThan(0)
    expect(await modeOf(outbox)).toBe('0700')
    for (const message of messages) expect(await modeOf(path.join(outbox, message))).toBe('0600')
  })
})
