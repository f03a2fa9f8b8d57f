/**
 * How long a document with a 100,000-entry update log takes to load: read the state and
 * the log from the store, merge, and apply to a fresh Y.Doc, which is what the
 * collaboration server does when the first person opens it. Target: under 500 ms.
 *
 *   pnpm bench:load               SQLite in a temporary directory
 *   DATABASE_URL=postgres://... pnpm bench:load    PostgreSQL as well
 */
import { checkUpdate, meetingModel } from '@studio/framework'
import { appendUpdateIn, loadDocumentInto } from '@studio/server/store/update-log'
import { openStore, type Store } from '@studio/server/store/database'
import * as Y from 'yjs'
import { freshStore } from '../support/stores.ts'

const entries = Number(process.env.BENCH_LOG_ENTRIES ?? 100_000)
const runs = 7
const documentName = 'meeting:bench'

/**
 * A meeting's notes as the editor writes them (rich text: a paragraph holding its
 * text): the first entry is the paragraph, then three people type one character per update
 * at their own cursors in it, each now and then moving their cursor elsewhere, all seeing
 * each other's edits. Every update passes the meeting's model check, as the server would
 * require, against a copy that has everything before it.
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
  const cursors = [0, 0, 0]
  for (let i = 1; i < count; i++) {
    const writer = i % 3
    const text = textOf(writers[writer]!)
    if (i % 300 < 3) cursors[writer] = Math.floor((text.length * ((i * 7919) % 100)) / 100)
    const at = Math.min(cursors[writer]!, text.length)
    text.insert(at, String.fromCharCode(97 + (i % 26)))
    cursors[writer] = at + 1
  }
  return updates
}

async function fill(store: Store, updates: Uint8Array[]): Promise<void> {
  // Setup only: one transaction so filling 100,000 rows takes seconds, through the real append path.
  await store.db.transaction().execute(async (trx) => {
    for (const update of updates) await appendUpdateIn(trx, { document: documentName, update, authorId: 'bench' })
  })
}

async function measure(store: Store): Promise<number[]> {
  const timings: number[] = []
  for (let run = 0; run < runs; run++) {
    const doc = new Y.Doc()
    const started = performance.now()
    const logLength = await loadDocumentInto(store, documentName, doc)
    timings.push(performance.now() - started)
    if (logLength !== entries) throw new Error(`expected ${entries} entries, loaded ${logLength}`)
    doc.destroy()
  }
  return timings
}

const updates = typingUpdates(entries)
const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
for (const kind of kinds) {
  const target = await freshStore(kind)
  const store = await openStore(target)
  try {
    await fill(store, updates)
    const timings = (await measure(store)).sort((a, b) => a - b)
    const median = timings[Math.floor(timings.length / 2)]!
    const verdict = median < 500 ? 'met' : 'MISSED'
    console.log(`${kind}: load of a ${entries.toLocaleString('en-GB')}-entry log: median ${median.toFixed(0)} ms (min ${timings[0]!.toFixed(0)}, max ${timings.at(-1)!.toFixed(0)}) over ${runs} runs; target < 500 ms ${verdict}`)
  } finally {
    await store.close()
    await target.dispose()
  }
}
