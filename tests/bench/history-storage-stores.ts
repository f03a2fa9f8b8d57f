/**
 * What a simulated year of history takes in each store (issue 13, point 2), through the
 * server's own storage layer (apps/server/src/history/version-store.ts): every version the
 * year captures is inserted into `document_versions`, every version thinning drops is deleted,
 * in the order the year made them. Then the bytes: the states themselves, and what the
 * table takes on disk (SQLite: its pages and its index's, after VACUUM; PostgreSQL:
 * pg_total_relation_size, TOAST and index included, after VACUUM FULL).
 *
 *   cd tests && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm exec node bench/history-storage-stores.ts
 */
import type { VersionSummary } from '@studio/contract'
import { estimateYearOfHistory, type CapturedVersion } from '@studio/framework'
import { deleteVersions, insertVersion, versionStateBytes } from '@studio/server/history/version-store'
import { openStore, type Store } from '@studio/server/store/database'
import { sql } from 'kysely'
import { freshStore, storeKinds } from '../support/stores.ts'

type Step = { capture: CapturedVersion } | { delete: string[] }

const steps: Step[] = []
const started = performance.now()
const year = estimateYearOfHistory({
  onCapture: (capture) => steps.push({ capture }),
  onDelete: (ids) => steps.push({ delete: ids }),
})
console.log(`simulated ${year.captured} captures, ${year.deleted} thinned, ${year.kept.length} kept in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// The summary is a few dozen bytes whatever the version; one shape per kind stands in for the computed one.
const summaries: Record<CapturedVersion['historyKind'], VersionSummary> = {
  'terms-of-reference': { kind: 'text', wordsAdded: 42, wordsRemoved: 7 },
  'competency-matrix': {
    kind: 'matrix',
    cells: { added: 12, changed: 8, archived: 1 },
    competencies: { added: 0, changed: 1, archived: 0 },
    roles: { added: 0, changed: 0, archived: 0 },
    domains: { added: 0, changed: 0, archived: 0 },
    pmoTypes: { added: 0, changed: 0, archived: 0 },
  },
  meeting: { kind: 'meeting', wordsAdded: 300, wordsRemoved: 20, decisions: { added: 2, changed: 0, archived: 0 }, actions: { added: 3, changed: 1, archived: 0 } },
}

async function tableBytes(store: Store): Promise<number> {
  if (store.dialect === 'postgres') {
    await sql`VACUUM FULL document_versions`.execute(store.db)
    const { rows } = await sql<{ bytes: string }>`SELECT pg_total_relation_size('document_versions') AS bytes`.execute(store.db)
    return Number(rows[0]!.bytes)
  }
  await sql`VACUUM`.execute(store.db)
  const { rows } = await sql<{ bytes: number }>`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN ('document_versions', 'document_versions_document', 'sqlite_autoindex_document_versions_1')`.execute(store.db)
  return Number(rows[0]!.bytes)
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

for (const kind of storeKinds) {
  const target = await freshStore(kind)
  const store = await openStore({ dataDir: target.dataDir, databaseUrl: target.databaseUrl })
  try {
    const writing = performance.now()
    for (const step of steps) {
      if ('capture' in step) {
        const { capture } = step
        await insertVersion(store.db, {
          id: capture.id, document: capture.document, createdAt: capture.createdAt.toISOString(), name: capture.kind === 'named' ? 'Consultation draft' : null,
          kind: capture.kind, state: capture.state, summary: summaries[capture.historyKind],
        })
      } else {
        await deleteVersions(store.db, step.delete)
      }
    }
    const kept = await store.db.selectFrom('document_versions').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    const states = await versionStateBytes(store.db)
    const onDisk = await tableBytes(store)
    console.log(`${kind}: ${Number(kept.count)} versions kept, states ${mib(states)}, table on disk ${mib(onDisk)} (${onDisk} bytes); written in ${((performance.now() - writing) / 1000).toFixed(1)} s`)
  } finally {
    await store.close()
    await target.dispose()
  }
}
