/**
 * What global setup hands to the tests: where each studio runs and who can sign in.
 * It travels in an environment variable, which Playwright's workers inherit. There is one
 * studio per worker, so two workers never edit the same documents at once; a worker finds
 * its own through TEST_PARALLEL_INDEX (0 to workers - 1, reused when a worker restarts).
 */
import { fileURLToPath } from 'node:url'
import type { TestMember } from '../../support/members.ts'

/** Where global setup keeps the last output of a studio that exited mid-run. */
export const studioExitsLog = fileURLToPath(new URL('../../artifacts/studio-exits.log', import.meta.url))

export interface E2EState {
  baseUrl: string
  members: TestMember[]
  /** The studio's DATA_DIR: without SMTP_URL its mail is in DATA_DIR/outbox. */
  dataDir: string
}

const variable = 'STUDIO_E2E_STATE'

export function publishE2EStates(states: E2EState[]): void {
  process.env[variable] = JSON.stringify(states)
}

/** The studio of this worker. */
export function e2eState(): E2EState {
  const raw = process.env[variable]
  if (!raw) throw new Error('The end-to-end studio is not running (global setup did not run).')
  const states = JSON.parse(raw) as E2EState[]
  const workerIndex = Number(process.env.TEST_PARALLEL_INDEX ?? 0)
  return states[workerIndex % states.length]!
}

export function memberNamed(name: string): TestMember {
  const member = e2eState().members.find((m) => m.name === name)
  if (!member) throw new Error(`No test member named ${name}`)
  return member
}
