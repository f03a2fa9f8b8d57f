/**
 * The studio's real entry point (`node apps/server/src/main.ts`) as a child process whose
 * start may fail or wait: unlike spawnStudio, nothing here waits for /healthz, so a test
 * can watch what the start prints and whether it ends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { StoreTarget } from '../support/stores.ts'
import { repositoryRoot, studioEnv } from '../support/studio.ts'

export interface StartingStudio {
  child: ChildProcess
  url: string
  output: () => string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
  /** Ends the process if it is still running and waits until it has. */
  stop(): Promise<void>
}

export function startEntryPoint(store: StoreTarget, port: number, extraEnv: Record<string, string>): StartingStudio {
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'apps/server/src/main.ts')], {
    env: { ...process.env, ...studioEnv(store, port, extraEnv) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** Lines that show a stack trace was printed. */
export const stackTraceLine = /^\s+at .+\(?.+:\d+:\d+\)?$/m

/** The exit code, or 'still running' when the process has not ended by the deadline. */
export async function exitWithin(studio: StartingStudio, timeoutMs: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), timeoutMs)))
  try {
    return await Promise.race([studio.exited, deadline])
  } finally {
    clearTimeout(timer)
  }
}
