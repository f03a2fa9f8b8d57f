/**
 * What listing the open proposals costs the studio on the largest matrix: every page with
 * the matrix or the terms open asks again when a proposal changes, and the Proposals page
 * every 15 s, so its cost is paid once per open page per change. A real studio on SQLite
 * with the 200-competency x 12-role matrix with descriptors (large-framework.ts) and three
 * open proposals; GET /api/proposals?status=open is asked 30 times with the matrix loaded
 * (a provider has it open), then 30 times with it not loaded. The figure is the CPU time of
 * this process (the studio runs in it) per request, median and extremes.
 *
 *   cd tests && pnpm exec node bench/proposals-list.ts
 */
import { DocumentName, proposalPaths } from '@studio/contract'
import { createMembers, signIn } from '../support/members.ts'
import { connectProvider, destroyProvider } from '../support/providers.ts'
import { freshStore } from '../support/stores.ts'
import { startStudio, waitFor } from '../support/studio.ts'
import { largeFramework } from './large-framework.ts'

const requests = 30
const store = await freshStore('sqlite')
const [alice] = await createMembers(store, [{ name: 'Alice Organiser', role: 'organiser' }])
const running = await startStudio(store)
try {
  const headers = { cookie: await signIn(running.url, alice!.email), origin: running.origin, 'content-type': 'application/json' }
  const imported = await fetch(`${running.url}/api/import/framework?mode=replace`, { method: 'POST', headers, body: JSON.stringify(largeFramework({ notes: true, descriptors: true }).file) })
  if (imported.status !== 200) throw new Error(`The import failed: ${imported.status} ${await imported.text()}`)
  for (const roleId of ['role-1', 'role-2', 'role-3']) {
    const made = await fetch(`${running.url}${proposalPaths.list}`, {
      method: 'POST', headers, body: JSON.stringify({ change: { kind: 'cell', competencyId: 'competency-1', roleId, level: 2, note: '' }, rationale: 'A step up.' }),
    })
    if (made.status !== 201) throw new Error(`A proposal failed: ${made.status} ${await made.text()}`)
  }

  const measure = async (what: string) => {
    const cpuMs: number[] = []
    for (let i = 0; i < requests; i++) {
      const before = process.cpuUsage()
      const listed = await fetch(`${running.url}${proposalPaths.list}?status=open`, { headers })
      if (listed.status !== 200) throw new Error(`The list failed: ${listed.status}`)
      await listed.json()
      const used = process.cpuUsage(before)
      cpuMs.push((used.user + used.system) / 1000)
    }
    cpuMs.sort((a, b) => a - b)
    console.log(`GET /api/proposals?status=open, ${what}: CPU per request median ${cpuMs[requests >> 1]!.toFixed(1)} ms (min ${cpuMs[0]!.toFixed(1)}, max ${cpuMs.at(-1)!.toFixed(1)}) over ${requests}`)
  }

  // Alice has the matrix open, then leaves it.
  const held = connectProvider({ baseUrl: running.url, cookie: headers.cookie, document: DocumentName.competencyMatrix })
  await waitFor(() => held.synced, 30_000, 'Alice to open the matrix')
  await measure('the matrix loaded')
  destroyProvider(held)
  const hocuspocus = running.studio.collaboration.hocuspocus
  await waitFor(() => !hocuspocus.documents.has(DocumentName.competencyMatrix), 10_000, 'the matrix to unload')
  // Leaving has work of its own (the visit, the history's comparison on its thread), which this process's CPU would count.
  await new Promise((resolve) => setTimeout(resolve, 3000))
  await measure('the matrix not loaded')
} finally {
  await running.close()
  await store.dispose()
}
