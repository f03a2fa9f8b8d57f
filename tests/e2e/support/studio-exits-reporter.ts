/**
 * Prints, after the run's summary, what any end-to-end studio said as it exited mid-run
 * (global-setup.ts restarts it and keeps its last output in studio-exits.log). A CI log is
 * often read from its tail, where the summary's "connection refused" alone would not say why.
 */
import type { Reporter } from '@playwright/test/reporter'
import { existsSync, readFileSync } from 'node:fs'
import { studioExitsLog } from './state.ts'

export default class StudioExitsReporter implements Reporter {
  onEnd(): void {
    if (!existsSync(studioExitsLog)) return
    console.error(`\nAn end-to-end studio exited during the run (${studioExitsLog}):\n${readFileSync(studioExitsLog, 'utf8')}`)
  }

  printsToStdio(): boolean {
    return true
  }
}
