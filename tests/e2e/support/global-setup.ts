/**
 * Starts one real studio per Playwright worker (`node apps/server/src/main.ts`, serving the
 * built web app), each on a fresh SQLite data directory with three members, for the whole
 * end-to-end run. Files are shared out between the workers; each worker talks only to its
 * own studio (state.ts), so the suites never see each other's edits.
 */
import type { FullConfig } from '@playwright/test'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { createMembers } from '../../support/members.ts'
import { freshStore } from '../../support/stores.ts'
import { freePort, repositoryRoot, spawnStudio } from '../../support/studio.ts'
import { publishE2EStates } from './state.ts'

async function startStudio() {
  const store = await freshStore('sqlite')
  const members = await createMembers(store, [
    { name: 'Alice Organiser', role: 'organiser' },
    { name: 'Bob Contributor', role: 'contributor' },
    { name: 'Olive Observer', role: 'observer' },
  ])
  const studio = await spawnStudio(store, await freePort())
  let stopping = false
  // A studio that dies mid-run fails every later test on its worker with "connection refused";
  // its own last words are the only clue, so they are printed where the run's log shows them.
  studio.child.once('exit', (code, signal) => {
    if (!stopping) console.error(`The end-to-end studio at ${studio.url} exited (${signal ?? code}). Its output:\n${studio.output().slice(-20_000)}`)
  })
  return {
    state: { baseUrl: studio.url, members, dataDir: store.dataDir },
    stop: async () => {
      stopping = true
      studio.child.kill('SIGTERM')
      await studio.exited
      await store.dispose()
    },
  }
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  if (!existsSync(path.join(repositoryRoot, 'apps/web/dist/index.html'))) {
    throw new Error('The web app is not built: run "pnpm build" first (pnpm test does).')
  }
  const studios = await Promise.all(Array.from({ length: config.workers }, startStudio))
  publishE2EStates(studios.map((studio) => studio.state))
  return async () => {
    await Promise.all(studios.map((studio) => studio.stop()))
  }
}
