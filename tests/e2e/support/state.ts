/**
 * What global setup hands to the tests: where the studio runs and who can sign in.
 * It travels in an environment variable, which Playwright's workers inherit.
 */
import type { TestMember } from '../../support/members.ts'

export interface E2EState {
  baseUrl: string
  members: TestMember[]
  /** The studio's DATA_DIR: without SMTP_URL its mail is in DATA_DIR/outbox. */
  dataDir: string
}

const variable = 'STUDIO_E2E_STATE'

export function publishE2EState(state: E2EState): void {
  process.env[variable] = JSON.stringify(state)
}

export function e2eState(): E2EState {
  const raw = process.env[variable]
  if (!raw) throw new Error('The end-to-end studio is not running (global setup did not run).')
  return JSON.parse(raw) as E2EState
}

export function memberNamed(name: string): TestMember {
  const member = e2eState().members.find((m) => m.name === name)
  if (!member) throw new Error(`No test member named ${name}`)
  return member
}
