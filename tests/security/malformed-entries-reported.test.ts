/**
 * Readers skip a malformed entry and REPORT it (issue 10, point 1): with bad entries in
 * the log (written straight into it, as before the server checked the model), every export,
 * calendar file and my-actions answer says how many entries it skipped in the
 * `X-Studio-Skipped-Entries` header, the log names them once per document (not on every
 * request), a merge import lists what it left as it was, and a replace import lists what it
 * repaired and leaves nothing to skip. A real studio process, its whole output read.
 */
import { skippedEntriesHeader, type ImportReport } from '@studio/contract'
import { seedFiles } from '@studio/framework'
import { appendUpdate, loadDocumentInto } from '@studio/server/store/update-log'
import { openStore, type Store } from '@studio/server/store/database'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMembers, signIn } from '../support/members.ts'
import { freshStore, storeKinds, type StoreTarget } from '../support/stores.ts'
import { freePort, spawnStudio, waitFor, type StudioProcess } from '../support/studio.ts'

const warning = 'a download skipped malformed entries of a document'

describe.each(storeKinds)('malformed entries are reported, on %s', (kind) => {
  let store: StoreTarget
  let studio: StudioProcess
  let organiser: string

  beforeAll(async () => {
    store = await freshStore(kind)
    const [o] = await createMembers(store, [{ name: 'Olga Organiser', role: 'organiser' }])
    // The studio seeds the workspace at its start; the bad entries go in after, behind its back.
    studio = await spawnStudio(store, await freePort(), { LOG_LEVEL: 'warn' })
    organiser = await signIn(studio.url, o!.email)
    const opened = await openStore(store)
    try {
      await writeBehindTheCheck(opened, 'competency-matrix', (doc) => {
        doc.getMap('competencies').set('risk-management', 'broken')
        doc.getMap('expectations').set('issue-management|pmo-analyst', 42)
        doc.getMap('meta').set('title', 7)
        doc.getArray('evil').insert(0, ['x'])
      })
      await writeBehindTheCheck(opened, 'meetings', (doc) => {
        const dated = new Y.Map<unknown>()
        for (const [key, value] of Object.entries({ title: 'Dated', start: '2026-03-02T10:00', timeZone: 'Europe/London', durationMinutes: 60, place: 42, mode: 'remote', joinLink: '', createdAt: '2026-01-01', archived: false })) dated.set(key, value)
        doc.getMap('meetings').set('dated', dated)
        doc.getMap('meetings').set('string', 'broken')
      })
      await writeBehindTheCheck(opened, 'meeting:dated', (doc) => {
        doc.getXmlFragment('notes').insert(0, [new Y.XmlElement('iframe'), new Y.XmlElement('paragraph')])
        doc.getMap('decisions').set('d', 'broken')
        doc.getMap('actions').set('a', 5)
      })
      await writeBehindTheCheck(opened, 'terms-of-reference', (doc) => {
        const text = new Y.XmlText()
        text.insert(0, 'blinking', { blink: {} })
        doc.getXmlFragment('default').insert(0, [new Y.XmlElement('script'), text])
      })
    } finally {
      await opened.close()
    }
  })

  afterAll(async () => {
    if (studio) {
      studio.child.kill('SIGKILL')
      await studio.exited
    }
    await store?.dispose()
  })

  async function writeBehindTheCheck(opened: Store, document: string, change: (doc: Y.Doc) => void): Promise<void> {
    const doc = new Y.Doc()
    await loadDocumentInto(opened, document, doc)
    const before = Y.encodeStateVector(doc)
    change(doc)
    await appendUpdate(opened, { document, update: Y.encodeStateAsUpdate(doc, before), authorId: null })
  }

  async function skippedBy(path: string): Promise<string | null> {
    const response = await fetch(`${studio.url}${path}`, { headers: { cookie: organiser } })
    expect(response.status, path).toBe(200)
    await response.arrayBuffer()
    return response.headers.get(skippedEntriesHeader)
  }

  async function importFramework(mode: 'merge' | 'replace'): Promise<ImportReport> {
    const response = await fetch(`${studio.url}/api/import/framework?mode=${mode}`, {
      method: 'POST',
      headers: { cookie: organiser, origin: new URL(studio.url).origin, 'content-type': 'application/json' },
      body: readFileSync(seedFiles.starterFramework),
    })
    expect(response.status, await response.clone().text()).toBe(200)
    return ((await response.json()) as { report: ImportReport }).report
  }

  /** The studio's warnings about skipped entries, as JSON log records. */
  const warnings = () =>
    studio.output().split('\n').filter((line) => line.includes(warning)).map((line) => JSON.parse(line) as { document: string; skippedEntries: number; entries: string[] })

  it('tells each download how many entries it skipped, and logs them once per document', async () => {
    const expected: Record<string, string> = {
      '/api/export/framework.json': '4',
      '/api/export/framework.csv': '4',
      '/api/export/framework.md': '4',
      '/api/export/framework.xlsx': '4',
      // The calendar file reads the meeting's own part of the index; the exports the meeting too.
      '/api/meetings/dated.ics': '1',
      '/api/export/meetings/dated.md': '4',
      '/api/export/meetings/dated.html': '4',
      '/api/export/meetings/kick-off.md': '0',
      // The whole index (two entries), and the actions of every meeting (one).
      '/api/my-actions': '3',
      '/api/export/terms-of-reference.md': '2',
      '/api/export/terms-of-reference.html': '2',
    }
    // Twice over: the second round must not log again.
    for (let round = 0; round < 2; round++) {
      for (const [path, count] of Object.entries(expected)) expect(await skippedBy(path), path).toBe(count)
    }

    await waitFor(() => warnings().some((record) => record.document === 'terms-of-reference'), 5000, 'the warnings in the log')
    const byDocument = (document: string) => warnings().filter((record) => record.document === document)
    expect(byDocument('competency-matrix')).toHaveLength(1)
    expect(byDocument('competency-matrix')[0]).toMatchObject({
      skippedEntries: 4,
      entries: [
        'competencies.risk-management: expected a map, found the text "broken"',
        'evil: not part of a competency-matrix document',
        'expectations.issue-management|pmo-analyst: level 42 is outside the scale 0–5',
        'meta.title: expected text, found the number 7',
      ],
    })
    expect(byDocument('meeting:dated')).toHaveLength(2)
    expect(byDocument('meeting:dated').map((record) => record.entries)).toEqual([
      ['actions.a: expected a map, found the number 5', 'decisions.d: expected a map, found the text "broken"', 'notes › block 1: unknown node "iframe" (left out)'],
      // My actions reads only the actions.
      ['actions.a: expected a map, found the number 5'],
    ])
    // The calendar file's part of the index, then the whole index for my actions.
    expect(byDocument('meetings').map((record) => record.skippedEntries)).toEqual([1, 2])
    expect(byDocument('terms-of-reference')[0]!.entries).toEqual([
      'terms-of-reference › block 1: unknown node "script" (left out)',
      'terms-of-reference › block 2: unknown mark "blink" (left out)',
    ])
  })

  it('lists in a merge import’s report what it left as it was, and in a replace import’s what it repaired', async () => {
    const merged = await importFramework('merge')
    // A merge adds what is missing: the competency that was not a map is written afresh.
    expect(merged.repaired).toEqual(['competencies.risk-management: expected a map, found the text "broken"'])
    expect(merged.leftMalformed).toEqual([
      'evil: not part of a competency-matrix document',
      'expectations.issue-management|pmo-analyst: level 42 is outside the scale 0–5',
      'meta.title: expected text, found the number 7',
    ])
    expect(await skippedBy('/api/export/framework.json')).toBe('3')

    const replaced = await importFramework('replace')
    expect(replaced.repaired).toEqual(merged.leftMalformed)
    expect(replaced.leftMalformed).toEqual([])
    expect(await skippedBy('/api/export/framework.json')).toBe('0')
    const exported = await (await fetch(`${studio.url}/api/export/framework.json`, { headers: { cookie: organiser } })).json() as { title: string }
    expect(exported.title).not.toBe('')

    // The new set (three entries) was logged once when the merge left it; nothing since.
    await waitFor(() => warnings().filter((record) => record.document === 'competency-matrix').length === 2, 5000, 'the merge’s remaining set in the log')
    expect(warnings().filter((record) => record.document === 'competency-matrix').map((record) => record.skippedEntries)).toEqual([4, 3])
  })
})
