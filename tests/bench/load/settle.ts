/**
 * Whether a server lets go after the crowd leaves: documents with no connection are
 * unloaded (the studio says how many it holds on /metrics) and resident memory comes back
 * to where it started. Memory is read after forced full garbage collections, repeated
 * until two readings a second apart agree within 1%, so the figure is what the server
 * still holds rather than garbage not yet collected.
 */
import { rssBytes } from './process-stats.ts'
import type { ServerUnderTest } from './servers.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resident memory after forced collections, once it stops moving (at most `timeoutMs`). */
export async function settledRss(server: ServerUnderTest, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  let previous = Number.POSITIVE_INFINITY
  for (;;) {
    server.collectGarbage()
    await sleep(1000)
    const current = rssBytes(server.pid)
    if (Math.abs(current - previous) <= previous * 0.01 || Date.now() > deadline) return current
    previous = current
  }
}

/** Milliseconds until the server holds no document, or null if it does not say or never gets there. */
export async function waitForUnload(server: ServerUnderTest, timeoutMs = 60_000): Promise<number | null> {
  const started = performance.now()
  while (performance.now() - started < timeoutMs) {
    const loaded = await server.loadedDocuments()
    if (loaded === null) return null
    if (loaded === 0) return performance.now() - started
    await sleep(250)
  }
  return null
}

export interface SettleResult {
  startRss: number
  endRss: number
  /** process.memoryUsage() after the collection, at the start and at the end (where the server printed it). */
  startMemory?: NodeJS.MemoryUsage
  endMemory?: NodeJS.MemoryUsage
  /** Time from the last person leaving until no document was loaded; null if that never happened. */
  unloadMs: number | null
}

export function settleRatio(result: SettleResult): number {
  return result.endRss / result.startRss
}
