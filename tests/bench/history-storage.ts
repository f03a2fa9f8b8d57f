/**
 * What a year of the history takes, simulated (packages/framework history/storage-estimate.ts:
 * daily sessions on the terms of reference and the matrix, a weekly four-hour meeting, named
 * versions every other Friday, an import a quarter), thinned as the server's job thins it.
 * Prints the versions kept by kind and the bytes of their Yjs states: the payload a store
 * holds before its own overhead (the server's bench stores the same versions in SQLite and
 * PostgreSQL through `onCapture`/`onDelete`).
 *
 *   cd tests && pnpm exec node bench/history-storage.ts
 */
import { estimateYearOfHistory } from '@studio/framework'

const started = performance.now()
const year = estimateYearOfHistory()
const byKind = new Map<string, number>()
for (const version of year.kept) byKind.set(version.kind, (byKind.get(version.kind) ?? 0) + 1)
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
console.log(`a simulated year: ${year.captured} versions captured, ${year.deleted} thinned away, ${year.kept.length} kept (${[...byKind].map(([kind, count]) => `${count} ${kind}`).join(', ')})`)
console.log(`states kept: terms of reference ${mib(year.bytes['terms-of-reference'])}, matrix ${mib(year.bytes['competency-matrix'])}, meetings ${mib(year.bytes.meeting)}, in all ${mib(year.bytes.total)}`)
console.log(`simulated in ${((performance.now() - started) / 1000).toFixed(1)} s`)
