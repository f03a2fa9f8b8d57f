/**
 * How long a document with a 100,000-entry update log takes to load: read the stored state
 * and the log from the store and apply them to a fresh Y.Doc, which is what the collaboration
 * server does when the first person opens it. Target: under 100 ms (issue 19; 500 ms before).
 *
 * Two documents with the same 100,000 entries in each store:
 * - "whole log": nothing folded into the state, so the load replays every entry (how every
 *   long log loaded before snapshots, and how one still loads when no snapshot was written);
 * - "snapshot + tail": a snapshot written after every 1,000 entries, as the collaboration
 *   server does when compaction has not kept the log short (`snapshotEvery`), the last one
 *   999 entries before the end, so the load replays the longest tail the server leaves.
 * Both loads must give the same document.
 *
 *   pnpm bench:load                        SQLite and PostgreSQL (DATABASE_URL, else
 *                                          postgres://postgres@127.0.0.1:5432/test), each
 *                                          in a fresh database of its own
 *   BENCH_STORES=sqlite pnpm bench:load    one store only
 *   BENCH_LOAD_FRAGMENTED=1                typing as this bench did first (see typingUpdates)
 */
import { checkUpdate, meetingModel } from '@studio/framework'
import { writeSnapshot } from '@studio/server/store/document-snapshots'
import { appendUpdateIn, loadDocumentTailInto } from '@studio/server/store/update-log'
import { openStore, type Store } from '@studio/server/store/database'
import * as Y from 'yjs'

const entries = Number(process.env.BENCH_LOG_ENTRIES ?? 100_000)
const runs = 7
const snapshotEvery = 1000
const fragmented = process.env.BENCH_LOAD_FRAGMENTED === '1'
const target = 100

/**
 * A meeting's notes as the editor writes them (rich text: a paragraph holding its
 * text): the first entry is the paragraph, then three people type one character per update
 * at their own cursors in it, each now and then moving their cursor elsewhere, all seeing
 * each other's edits. Every update passes the meeting's model check, as the server would
 * require, against a copy that has everything before it.
 *
 * Each cursor stays after its own last character when others type elsewhere, as the editor's
 * does (a Yjs relative position), so a person's run of typing is one run in the document.
 * `BENCH_LOAD_FRAGMENTED=1` keeps cursors as plain indexes instead, as this bench did at first:
 * someone else's character typed before the cursor then moves it back into the person's own
 * last word, and the text ends up in some 75,000 separate pieces (a 1.3 MB state), a
 * document no editor writes, which bounds the load by the state's size rather than the log's.
 */
function typingUpdates(count: number): Uint8Array[] {
  const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  const updates: Uint8Array[] = []
  writers.forEach((doc, index) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return
      const others = writers.filter((other) => other !== writers[index])
      const verdict = checkUpdate(others[0]!, update, meetingModel)
      if (!verdict.ok) throw new Error(`The bench's update ${updates.length + 1} breaks the meeting model: ${verdict.reason}`)
      updates.push(update)
      for (const other of others) Y.applyUpdate(other, update, 'remote')
    }),
  )
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText()])
  writers[0]!.getXmlFragment('notes').insert(0, [paragraph])
  const textOf = (doc: Y.Doc) => (doc.getXmlFragment('notes').get(0) as Y.XmlElement).get(0) as Y.XmlText
  const cursors: Array<number | Y.RelativePosition> = [0, 0, 0]
  const indexOf = (cursor: number | Y.RelativePosition, doc: Y.Doc) =>
    typeof cursor === 'number' ? cursor : (Y.createAbsolutePositionFromRelativePosition(cursor, doc)?.index ?? 0)
  for (let i = 1; i < count; i++) {
    const writer = i % 3
    const doc = writers[writer]!
    const text = textOf(doc)
    if (i % 300 < 3) cursors[writer] = Math.floor((text.length * ((i * 7919) % 100)) / 100)
    const at = Math.min(indexOf(cursors[writer]!, doc), text.length)
    text.insert(at, String.fromCharCode(97 + (i % 26)))
    // After the character just typed, held to it (assoc -1) rather than to what follows.
    cursors[writer] = fragmented ? at + 1 : Y.createRelativePositionFromTypeIndex(text, at + 1, -1)
  }
  return updates
}

/**
 * Appends the updates through the real insert. Setup only: in transactions of up to 1,000
 * entries so 100,000 rows take seconds. With `snapshots`, a snapshot is written through the
 * server's own `writeSnapshot` after entries 1, 1,001, 2,001, ..., 99,001; its time is returned.
 */
async function fill(store: Store, document: string, updates: Uint8Array[], snapshots: boolean): Promise<number[]> {
  const snapshotTimes: number[] = []
  for (let from = 0; from < updates.length; ) {
    const to = snapshots ? (from === 0 ? 1 : Math.min(updates.length, from + snapshotEvery)) : Math.min(updates.length, from + snapshotEvery)
    await store.db.transaction().execute(async (trx) => {
      for (const update of updates.slice(from, to)) await appendUpdateIn(trx, { document, update, authorId: 'bench' })
    })
    from = to
    if (snapshots && from < updates.length) {
      const started = performance.now()
      await writeSnapshot(store.db, store.dialect, document)
      snapshotTimes.push(performance.now() - started)
    }
  }
  return snapshotTimes
}

async function measure(store: Store, document: string, expectedReplay: number): Promise<{ timings: number[]; doc: Y.Doc }> {
  const timings: number[] = []
  let last: Y.Doc | null = null
  for (let run = 0; run < runs; run++) {
    last?.destroy()
    const doc = new Y.Doc()
    const started = performance.now()
    const loaded = await loadDocumentTailInto(store, document, doc)
    timings.push(performance.now() - started)
    if (loaded.entries !== entries) throw new Error(`expected ${entries} entries, loaded ${loaded.entries}`)
    if (loaded.replayed !== expectedReplay) throw new Error(`expected to replay ${expectedReplay} entries, replayed ${loaded.replayed}`)
    last = doc
  }
  return { timings: timings.sort((a, b) => a - b), doc: last! }
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!
const line = (sorted: number[]) => `median ${median(sorted).toFixed(1)} ms (min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)})`
const notesOf = (doc: Y.Doc) => doc.getXmlFragment('notes').toString()

const updates = typingUpdates(entries)
const kinds = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>
// Set before the store helper loads, which reads it.
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test'
const { freshStore } = await import('../support/stores.ts')
console.log(`${fragmented ? 'fragmented typing; ' : ''}${new Date().toISOString()}; load average ${(await import('node:os')).loadavg().map((load) => load.toFixed(2)).join(' ')}; ${runs} loads each`)
for (const kind of kinds) {
  const storeTarget = await freshStore(kind)
  const store = await openStore(storeTarget)
  try {
    await fill(store, 'meeting:whole-log', updates, false)
    const snapshotTimes = (await fill(store, 'meeting:snapshot', updates, true)).sort((a, b) => a - b)
    const whole = await measure(store, 'meeting:whole-log', entries)
    const tail = entries - 1 - Math.floor((entries - 2) / snapshotEvery) * snapshotEvery
    const snapshot = await measure(store, 'meeting:snapshot', tail)
    if (notesOf(whole.doc) !== notesOf(snapshot.doc) || !Y.equalSnapshots(Y.snapshot(whole.doc), Y.snapshot(snapshot.doc))) {
      throw new Error('the snapshot and the whole log loaded different documents')
    }
    const { state } = await store.db.selectFrom('documents').select('state').where('name', '=', 'meeting:snapshot').executeTakeFirstOrThrow()
    const verdict = median(snapshot.timings) < target ? 'met' : 'MISSED'
    console.log(`${kind}, a ${entries.toLocaleString('en-GB')}-entry log:`)
    console.log(`  whole log:        ${line(whole.timings)}`)
    console.log(`  snapshot + tail:  ${line(snapshot.timings)}; the state ${(state.byteLength / 1024).toFixed(0)} KiB, ${tail} entries replayed; target < ${target} ms ${verdict}`)
    console.log(`  writing a snapshot of 1,000 more entries (off the edit path): ${line(snapshotTimes)} over ${snapshotTimes.length}`)
    whole.doc.destroy()
    snapshot.doc.destroy()
  } finally {
    await store.close()
    await storeTarget.dispose()
  }
}
