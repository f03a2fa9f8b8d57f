/**
 * A process that writes to one document's log the way a busy instance does, to be killed
 * mid-way by a test (tests/integration/document-snapshots.test.ts): it appends edits through
 * the real append and, every few edits, writes a snapshot through the real `writeSnapshot`,
 * forever. Each edit is its own update from a client of its own (`SNAPSHOT_CHILD_CLIENT`), so
 * a restarted child continues the document instead of forking it. Prints `snapshot <n>`
 * after each snapshot it committed.
 *
 *   DATA_DIR=… [DATABASE_URL=…] SNAPSHOT_CHILD_DOCUMENT=meeting:x node snapshot-writer-child.ts
 */
import { writeSnapshot } from '@studio/server/store/document-snapshots'
import { openStore } from '@studio/server/store/database'
import { appendUpdate, loadDocumentInto } from '@studio/server/store/update-log'
import * as Y from 'yjs'

const document = process.env.SNAPSHOT_CHILD_DOCUMENT!
const store = await openStore({ dataDir: process.env.DATA_DIR!, databaseUrl: process.env.DATABASE_URL || null })
// Continue from what is stored, as a reloading instance would.
const doc = new Y.Doc()
await loadDocumentInto(store, document, doc)
const updates: Uint8Array[] = []
doc.on('update', (update: Uint8Array) => updates.push(update))
const items = doc.getArray<string>('items')

for (let snapshot = 1; ; snapshot++) {
  for (let edit = 0; edit < 40; edit++) {
    items.push([`${process.pid} ${snapshot}.${edit}`])
    await appendUpdate(store, { document, update: updates.shift()!, authorId: null })
  }
  await writeSnapshot(store.db, store.dialect, document)
  process.stdout.write(`snapshot ${snapshot}\n`)
}
