/** Runs `pnpm studio <command>` as the real CLI in a child process against a store. */
import { spawn } from 'node:child_process'
import type { StoreTarget } from './stores.ts'
import { repositoryRoot } from './studio.ts'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function runStudioCli(store: StoreTarget, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['apps/server/src/cli.ts', ...args], {
    cwd: repositoryRoot,
    // Empty means unset, and overrides a DATABASE_URL inherited from the test runner.
    env: { ...process.env, DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl ?? '', REDIS_URL: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}
