/**
 * A diagnostic server, not a baseline: bare Hocuspocus 4's `Server` plus only the studio's
 * own DurableLogExtension over a fresh SQLite store in DATA_DIR (the studio's update log,
 * well-formedness check and compaction, nothing else of the studio). Comparing it with bare
 * Hocuspocus and with the studio splits the studio's extra cost into the log's share and
 * the rest (`pnpm bench --servers studio,hocuspocus,hocuspocus-log`).
 */
import { Server } from '@hocuspocus/server'
import { DurableLogExtension, type DurableLogOptions } from '@studio/server/collab/durable-log-extension'
import { openStore } from '@studio/server/store/database'

const port = Number(process.env.PORT)
const store = await openStore({ dataDir: process.env.DATA_DIR!, databaseUrl: null })
// The extension logs only compaction problems; print those.
const log = { debug() {}, info() {}, warn: console.warn, error: console.error } as unknown as DurableLogOptions['log']
const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions: [
    // Every connection writes as one author; in the studio the upgrade's context names the member.
    { onConnect: async () => ({ member: { id: 'bench', name: 'Bench', role: 'contributor' } }) },
    new DurableLogExtension({ store, log, compactAfter: 500, snapshotEvery: 1000 }),
  ],
})
await server.listen()
console.log(`Hocuspocus with the durable log listening on ${port}`)
