/**
 * Starts one real studio per Playwright worker (`node apps/server/src/main.ts`, serving the
 * built web app), each on a fresh SQLite data directory with three members, for the whole
 * end-to-end run. Files are shared out between the workers; each worker talks only to its
 * own studio (state.ts), so the suites never see each other's edits.
 *
 * A studio that exits mid-run is started again on the same port and data directory, so one
 * death fails the test in flight rather than every later test on that worker. Its last words
 * go to studio-exits.log, which the studio-exits reporter prints after the run's summary,
 * where a CI log's tail shows them.
 */
import type { FullConfig } from '@playwright/test'
import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { createMembers } from '../../support/members.ts'
import { freshStore, type StoreTarget } from '../../support/stores.ts'
import { freePort, repositoryRoot, spawnStudio, type StudioProcess } from '../../support/studio.ts'
import { publishE2EStates, studioExitsLog } from './state.ts'

function recordExit(studio: StudioProcess, code: number | null, signal: NodeJS.Signals | null): void {
  const report = `The end-to-end studio at ${studio.url} exited (${signal ?? `code ${code}`}) at ${new Date().toISOString()}. Its last output:\n${studio.output().slice(-20_000)}\n`
  console.error(report)
  mkdirSync(path.dirname(studioExitsLog), { recursive: true })
  appendFileSync(studioExitsLog, report)
}

async function startStudio() {
  const store = await freshStore('sqlite')
  const members = await createMembers(store, [
    { name: 'Alice Organiser', role: 'organiser' },
    { name: 'Bob Contributor', role: 'contributor' },
    { name: 'Olive Observer', role: 'observer' },
  ])
  const port = await freePort()
  let stopping = false
  let studio = await spawnStudio(store, port)
  const watch = (running: StudioProcess) => {
    running.child.once('exit', (code, signal) => {
      if (stopping) return
      recordExit(running, code, signal)
      void restart(store, port)
    })
  }
  const restart = async (target: StoreTarget, samePort: number) => {
    try {
      studio = await spawnStudio(target, samePort)
      if (stopping) studio.child.kill('SIGTERM')
      else watch(studio)
    } catch (error) {
      console.error(`The end-to-end studio on port ${samePort} could not start again: ${(error as Error).message}`)
    }
  }
  watch(studio)
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
  rmSync(studioExitsLog, { force: true })
  const studios = await Promise.all(Array.from({ length: config.workers }, startStudio))
  publishE2EStates(studios.map((studio) => studio.state))
  return async () => {
    await Promise.all(studios.map((studio) => studio.stop()))
  }
}
