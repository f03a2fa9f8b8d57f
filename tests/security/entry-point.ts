/**
 * Watching the studio's real entry point start, fail or wait (startEntryPoint lives with
 * the other ways of starting a studio, in tests/support/studio.ts).
 */
import type { StartingStudio } from '../support/studio.ts'

export { startEntryPoint, type StartingStudio } from '../support/studio.ts'

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
