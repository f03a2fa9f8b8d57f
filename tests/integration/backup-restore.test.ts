/**
 * Backup and restore (issue 18), with real parts: a real studio, ten real providers typing
 * into the terms of reference and the matrix, the real CLI taking a backup mid-way and
 * restoring it into a fresh store of the other kind, and a studio started on that store.
 * Every edit acknowledged before the backup began is there; members, comments, meetings,
 * versions and audit rows match; a non-empty store and a damaged archive are refused.
 * Daily backups: one per day across instances, the newest BACKUP_KEEP kept, on the studio's clock.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { historyPaths } from '@studio/contract'
import { addMeeting, readMatrix, readMeeting, richTextField, setNote } from '@studio/framework'
import { openStore } from '@studio/server/store/database'
import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { call } from '../support/membership.ts'
import { createMembers, signIn, type TestMember } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { runStudioCli } from '../support/studio-cli.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { startStudio, waitFor, type RunningStudio } from '../support/studio.ts'

const terms = 'terms-of-reference'
const matrix = 'competency-matrix'
const rounds = 10
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function store(kind: 'sqlite' | 'postgres'): Promise<StoreTarget> {
  const target = await freshStore(kind)
  cleanups.push(() => target.dispose())
  return target
}

async function studio(target: StoreTarget, extraEnv: Record<string, string> = {}, now?: () => Date): Promise<RunningStudio> {
  const running = await startStudio(target, extraEnv, now ? { now } : {})
  cleanups.push(() => running.close())
  return running
}

async function open(running: RunningStudio, cookie: string, document: string): Promise<HocuspocusProvider> {
  const provider = connectProvider({ baseUrl: running.url, cookie, document })
  cleanups.push(() => destroyProvider(provider))
  await waitFor(() => provider.synced, 10_000, `${document} to sync`)
  return provider
}

const acknowledged = (provider: HocuspocusProvider) => waitFor(() => !provider.hasUnsyncedChanges, 10_000, 'the edit to be acknowledged')

function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(richTextField)
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    fragment.insert(fragment.length, [paragraph])
  })
}

/** A table's rows as comparable text, binary columns as base64, in a stable order. */
async function tableRows(target: StoreTarget, table: string): Promise<string[]> {
  const opened = await openStore(target)
  try {
    const rows = await opened.db.selectFrom(table as 'members').selectAll().execute()
    return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]: [string, unknown]) => [key, value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value])))).sort()
  } finally {
    await opened.close()
  }
}

const pairs: Array<['sqlite' | 'postgres', 'sqlite' | 'postgres']> = storeKinds.includes('postgres')
  ? [['sqlite', 'postgres'], ['postgres', 'sqlite']]
  : [['sqlite', 'sqlite']]

/** The archive as a studio without `table` would have written it: its lines, manifest entry and checksum gone. */
function withoutTable(archive: string, table: string): string {
  const kept: string[] = []
  let inTable = false
  for (const line of archive.split('\n').filter((text) => text !== '')) {
    const value = JSON.parse(line) as { table?: string; end?: string; manifest?: { tables: Record<string, unknown> } }
    if (value.table === table) inTable = true
    if (value.manifest) {
      delete value.manifest.tables[table]
      const checksum = createHash('sha256').update(kept.map((text) => `${text}\n`).join('')).digest('hex')
      kept.push(JSON.stringify({ ...value, sha256: checksum }))
    } else if (!inTable) {
      kept.push(line)
    }
    if (value.end === table) inTable = false
  }
  return `${kept.join('\n')}\n`
}

describe.each(pairs)('a backup of %s restored into %s', (from, to) => {
  it('holds every edit acknowledged before it began, and the members, comments, meetings, versions and audit rows', async () => {
    const source = await store(from)
    const [organiser, ...typists] = await createMembers(source, [
      { name: 'Olive Organiser', role: 'organiser' },
      ...Array.from({ length: 10 }, (_, i) => ({ name: `Typist ${i}`, role: 'contributor' as const })),
    ]) as [TestMember, ...TestMember[]]
    const [applicant] = await createMembers(source, [{ name: 'Pending Applicant', role: 'contributor', status: 'pending' }])
    const running = await studio(source)
    const organiserCookie = await signIn(running.url, organiser.email)

    // Rows of every kind the restore must carry: an audit entry, a comment and reply, a meeting, a named version.
    expect((await call(running, 'POST', `/api/members/${applicant!.id}/approve`, { cookie: organiserCookie, body: { role: 'contributor' } })).status).toBe(200)
    const thread = await call(running, 'POST', '/api/comments', { cookie: organiserCookie, body: { document: terms, anchor: 'text', body: 'Is the scope right?' } })
    expect(thread.status).toBe(201)
    const threadId = ((await thread.json()) as { comment: { id: string } }).comment.id
    expect((await call(running, 'POST', '/api/comments', { cookie: organiserCookie, body: { document: terms, anchor: 'text', body: 'Yes.', replyTo: threadId } })).status).toBe(201)
    const meetings = await open(running, organiserCookie, 'meetings')
    addMeeting(meetings.document, { id: 'backup-check', title: 'Backup check', timeZone: 'Europe/London', durationMinutes: 60, mode: 'remote' })
    await acknowledged(meetings)
    expect((await call(running, 'POST', historyPaths.versions(terms), { cookie: organiserCookie, body: { name: 'Before the backup' } })).status).toBe(201)

    // Ten typists: five append paragraphs to the terms, five rewrite a cell's note in the matrix.
    const providers = await Promise.all(typists.map(async (typist, i) => open(running, await signIn(running.url, typist.email), i < 5 ? terms : matrix)))
    const grid = readMatrix(providers[5]!.document)
    const competencies = grid.domains.flatMap((domain) => domain.competencies)
    const cellOf = (i: number) => ({ competencyId: competencies[i % competencies.length]!.id, roleId: grid.roles[Math.floor(i / competencies.length) % grid.roles.length]!.id })
    const acks: Array<{ typist: number; token: string; at: number }> = []
    const typing = providers.map(async (provider, i) => {
      let note = ''
      for (let n = 1; n <= rounds; n++) {
        const token = `[c${i}-e${n}]`
        if (i < 5) appendParagraph(provider.document, token)
        else setNote(provider.document, cellOf(i), (note += token))
        await acknowledged(provider)
        acks.push({ typist: i, token, at: Date.now() })
      }
    })
    await waitFor(() => acks.length >= 4 * providers.length, 30_000, 'four rounds of typing')

    const archive = path.join(source.dataDir, 'mid-way.ndjson.gz')
    // Acknowledged by this instant means stored before the CLI, started after it, opened its snapshot.
    const backupStartedAt = Date.now()
    const backup = await runStudioCli(source, ['backup', '--out', archive])
    await Promise.all(typing)
    expect(backup.stderr).toBe('')
    expect(backup.code).toBe(0)
    expect(backup.stdout).toMatch(/^Backed up the \w+ store to .*mid-way\.ndjson\.gz: \d+ rows/)
    const before = acks.filter((ack) => ack.at <= backupStartedAt)
    expect(before.length).toBeGreaterThanOrEqual(4 * providers.length)
    // Typing went on while the backup was read: some edits came after it began.
    expect(before.length).toBeLessThan(acks.length)

    const target = await store(to)
    const restore = await runStudioCli(target, ['restore', archive])
    expect(restore.stderr).toBe('')
    expect(restore.code).toBe(0)
    expect(restore.stdout).toContain(`Restored`)
    for (const table of ['members', 'comments', 'document_versions', 'audit_log', 'settings', 'seeds']) {
      expect(await tableRows(target, table), table).toEqual(await tableRows(source, table))
    }
    expect(await tableRows(target, 'audit_log')).toHaveLength(1)
    expect(await tableRows(target, 'sessions')).toEqual([])

    // A studio on the restored store: people sign in again and find every acknowledged edit.
    const restored = await studio(target)
    const cookie = await signIn(restored.url, typists[0]!.email)
    const restoredTerms = await open(restored, cookie, terms)
    const restoredMatrix = await open(restored, cookie, matrix)
    const termsText = restoredTerms.document.getXmlFragment(richTextField).toString()
    for (const { typist, token } of before) {
      if (typist < 5) expect(termsText).toContain(token)
      else expect(restoredMatrix.document.getText(`note:${cellOf(typist).competencyId}|${cellOf(typist).roleId}`).toString()).toContain(token)
    }
    expect(readMeeting((await open(restored, cookie, 'meetings')).document, 'backup-check')?.title).toBe('Backup check')
    const versions = await call(restored, 'GET', historyPaths.versions(terms), { cookie })
    expect(((await versions.json()) as { versions: Array<{ name: string | null }> }).versions.map((v) => v.name)).toContain('Before the backup')
    const comments = await call(restored, 'GET', `/api/comments?document=${terms}`, { cookie })
    expect(comments.status).toBe(200)
    expect(JSON.stringify(await comments.json())).toContain('Is the scope right?')

    // The same archive into the now non-empty store is refused, and nothing changes.
    const again = await runStudioCli(target, ['restore', archive])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/The target store is not empty \(members.*\): restore only into a new, empty store\. Nothing was written\./)

    // A damaged archive (one member's name changed) is refused before anything is written.
    const lines = gunzipSync(await readFile(archive)).toString('utf8')
    const damaged = path.join(source.dataDir, 'damaged.ndjson.gz')
    await writeFile(damaged, gzipSync(lines.replace('"name":"Typist 3"', '"name":"Typist 9"')))
    const empty = await store(to)
    const refused = await runStudioCli(empty, ['restore', damaged])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`${damaged} is damaged: table members's checksum does not match its rows.`)
    expect(await tableRows(empty, 'members')).toEqual([])
    const notGzip = path.join(source.dataDir, 'not-gzip.ndjson.gz')
    await writeFile(notGzip, lines)
    expect((await runStudioCli(empty, ['restore', notGzip])).stderr).toContain(`${notGzip} is not a readable gzip archive`)

    // An archive from before a table existed (here: releases) restores, with that table empty.
    const older = path.join(source.dataDir, 'older.ndjson.gz')
    await writeFile(older, gzipSync(withoutTable(lines, 'releases')))
    const fromOlder = await runStudioCli(empty, ['restore', older])
    expect(fromOlder.stderr).toBe('')
    expect(fromOlder.code).toBe(0)
    expect(await tableRows(empty, 'members')).toEqual(await tableRows(source, 'members'))
    expect(await tableRows(empty, 'releases')).toEqual([])
  }, 180_000)
})

describe.each(storeKinds)('daily backups on %s', (kind) => {
  it('takes one backup a day across two instances and keeps the newest BACKUP_KEEP', async () => {
    const target = await store(kind)
    await createMembers(target, [{ name: 'Olive Organiser', role: 'organiser' }])
    let clock = new Date('2027-03-01T02:00:00Z')
    const now = () => clock
    const backupDir = path.join(target.dataDir, 'elsewhere')
    const env = { BACKUP_KEEP: '3', BACKUP_DIR: backupDir }
    const first = await studio(target, env, now)
    const second = await studio(target, env, now)

    const taken: string[] = []
    for (let day = 1; day <= 5; day++) {
      clock = new Date(`2027-03-0${day}T02:00:00Z`)
      const [a, b] = await Promise.all([first.studio.app.backups.runDailyBackup(), second.studio.app.backups.runDailyBackup()])
      // Exactly one instance took the day's backup.
      expect([a, b].filter(Boolean)).toHaveLength(1)
      taken.push(path.basename((a ?? b)!.file))
      clock = new Date(`2027-03-0${day}T23:00:00Z`)
      expect(await first.studio.app.backups.runDailyBackup()).toBeNull()
    }
    expect(taken[0]).toBe('studio-backup-2027-03-01T02-00-00Z.ndjson.gz')
    expect((await readdir(backupDir)).sort()).toEqual(taken.slice(-3))
    const latest = await store(kind === 'sqlite' && storeKinds.includes('postgres') ? 'postgres' : 'sqlite')
    const restore = await runStudioCli(latest, ['restore', path.join(backupDir, taken.at(-1)!)])
    expect(restore.stderr).toBe('')
    expect(await tableRows(latest, 'members')).toEqual(await tableRows(target, 'members'))
  }, 60_000)
})
