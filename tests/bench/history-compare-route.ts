/**
 * The compare as the server answers it over HTTP (issue 13: two 200 x 12 matrices in under
 * 200 ms): a real studio on SQLite (and PostgreSQL with DATABASE_URL), the large framework
 * imported, a version named, then 150 levels and 50 notes changed by three people as server
 * changes (each its own log entry), and GET /api/documents/competency-matrix/compare?from=
 * <the version>&to=now timed from the client: reading the version's state and the update log
 * from the store, the live state, the compare with authors, and the JSON answer.
 * Median and p95 of 20 requests after 3 to warm up.
 *
 *   cd tests && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm exec node bench/history-compare-route.ts
 */
import { historyPaths, type CompareResponse, type Version } from '@studio/contract'
import { setLevel, setNote } from '@studio/framework'
import { createMembers, signIn } from '../support/members.ts'
import { call } from '../support/membership.ts'
import { freshStore, storeKinds } from '../support/stores.ts'
import { startStudio } from '../support/studio.ts'
import { competencyCount, largeFramework, roleCount } from './large-framework.ts'

const runs = Number(process.env.BENCH_RUNS ?? 20)
const matrix = 'competency-matrix'

for (const kind of storeKinds) {
  const store = await freshStore(kind)
  const people = await createMembers(store, [
    { name: 'Olga Organiser', role: 'organiser' }, { name: 'Sam Second', role: 'contributor' }, { name: 'Ines Third', role: 'contributor' },
  ])
  const running = await startStudio(store, { LOG_LEVEL: 'error' })
  try {
    const cookie = await signIn(running.url, people[0]!.email)
    const imported = await fetch(`${running.url}/api/import/framework?mode=replace`, {
      method: 'POST', headers: { cookie, origin: running.origin, 'content-type': 'application/json' }, body: JSON.stringify(largeFramework({ notes: true }).file),
    })
    if (!imported.ok) throw new Error(`import: ${imported.status} ${await imported.text()}`)
    const named = (await (await call(running, 'POST', historyPaths.versions(matrix), { cookie, body: { name: 'Large' } })).json()) as { version: Version }
    const competency = (index: number) => `competency-${(index % competencyCount) + 1}`
    const role = (index: number) => `role-${(index % roleCount) + 1}`
    for (let index = 0; index < 150; index++) {
      await running.studio.serverChanges.apply(matrix, people[index % 3]!.id, (doc) => setLevel(doc, { competencyId: competency(index * 7), roleId: role(index) }, index % 6))
    }
    for (let index = 0; index < 50; index++) {
      await running.studio.serverChanges.apply(matrix, people[index % 3]!.id, (doc) => setNote(doc, { competencyId: competency(index * 11), roleId: role(index + 3) }, `Changed note ${index}.`))
    }
    const path = historyPaths.compare(matrix, named.version.id, 'now')
    const once = async () => {
      const started = performance.now()
      const response = await call(running, 'GET', path, { cookie })
      const body = (await response.json()) as CompareResponse
      if (!response.ok) throw new Error(JSON.stringify(body))
      return { ms: performance.now() - started, changes: body.changes.length, bytes: JSON.stringify(body).length }
    }
    for (let warm = 0; warm < 3; warm++) await once()
    const times: number[] = []
    let last = { changes: 0, bytes: 0 }
    for (let run = 0; run < runs; run++) {
      const { ms, ...rest } = await once()
      times.push(ms)
      last = rest
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1)
    console.log(`${kind}: GET compare of two ${competencyCount}x${roleCount} matrices (${last.changes} changes, ${(last.bytes / 1024).toFixed(0)} KiB of JSON): median ${at(0.5)} ms, p95 ${at(0.95)} ms (${runs} requests)`)
  } finally {
    await running.close()
    await store.dispose()
  }
}
