/**
 * Starts the real studio (`node apps/server/src/main.ts`, serving the built web app) on
 * a fresh SQLite data directory with three members, for the whole end-to-end run.
 */
import type { FullConfig } from '@playwright/test'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { createMembers } from '../../support/members.ts'
import { freshStore } from '../../support/stores.ts'
import { freePort, repositoryRoot, spawnStudio } from '../../support/studio.ts'
import { publishE2EState } from './state.ts'

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  if (!existsSync(path.join(repositoryRoot, 'apps/web/dist/index.html'))) {
    throw new Error('The web app is not built: run "pnpm build" first (pnpm test does).')
  }
  const store = await freshStore('sqlite')
  const members = await createMembers(store, [
    { name: 'Alice Organiser', role: 'organiser' },
    { name: 'Bob Contributor', role: 'contributor' },
    { name: 'Olive Observer', role: 'observer' },
  ])
  const studio = await spawnStudio(store, await freePort())
  publishE2EState({ baseUrl: studio.url, members, dataDir: store.dataDir })

  return async () => {
    studio.child.kill('SIGTERM')
    await studio.exited
    await store.dispose()
  }
}
