/**
 * Compares two stored states of a document (packages/framework's compareStates) on a thread of
 * its own when they are large, so the studio's thread goes on relaying everyone's edits
 * meanwhile. Small states (a meeting, the terms) are compared in place: that takes a few
 * milliseconds, less than starting the thread, and the thread's memory is only spent where
 * it saves a long wait. One thread, started at the first large comparison and stopped after a
 * minute without one; comparisons queue on it in order. A thread that dies fails the
 * comparisons it held, and the next one starts a new thread.
 */
import type { HistoryChange, HistoryKind } from '@studio/contract'
import { attributionFromLog, compareStates, type LogEntry } from '@studio/framework'
import { Worker } from 'node:worker_threads'

/** Both states together from this size are compared on the thread: the largest matrix is about 1.2 MB, the terms about 50 KB. */
const defaultOffThreadBytes = 256 * 1024
/** A thread with nothing to do for this long is stopped, and its memory given back. */
const idleMs = 60_000

export interface CompareRequest {
  id: number
  kind: HistoryKind
  older: Uint8Array | null
  newer: Uint8Array
  /** The update log, for who made each change (attributionFromLog); none: no authors. */
  log?: LogEntry[]
}

export type CompareResponse = { id: number; changes: HistoryChange[] } | { id: number; error: string }

export interface CompareThread {
  compare(kind: HistoryKind, older: Uint8Array | null, newer: Uint8Array, log?: LogEntry[]): Promise<HistoryChange[]>
  close(): Promise<void>
}

export function createCompareThread(options: { offThreadBytes?: number } = {}): CompareThread {
  const offThreadBytes = options.offThreadBytes ?? defaultOffThreadBytes
  let worker: Worker | null = null
  let idle: NodeJS.Timeout | null = null
  let nextId = 0
  const waiting = new Map<number, { resolve: (changes: HistoryChange[]) => void; reject: (error: Error) => void }>()

  const failAll = (error: Error) => {
    for (const pending of waiting.values()) pending.reject(error)
    waiting.clear()
  }

  function started(): Worker {
    if (worker) return worker
    const thread = new Worker(new URL('./compare-worker.ts', import.meta.url))
    // Nothing waiting on it must keep the process alive; a comparison in flight holds a promise, not the loop.
    thread.unref()
    thread.on('message', (response: CompareResponse) => {
      const pending = waiting.get(response.id)
      if (!pending) return
      waiting.delete(response.id)
      if ('error' in response) pending.reject(new Error(response.error))
      else pending.resolve(response.changes)
      if (waiting.size > 0) return
      if (idle) clearTimeout(idle)
      idle = setTimeout(() => void stop(), idleMs).unref()
    })
    const lost = (error: Error) => {
      if (worker === thread) worker = null
      failAll(error)
    }
    thread.on('error', lost)
    thread.on('exit', (code) => lost(new Error(`the comparison thread stopped (exit code ${code})`)))
    worker = thread
    return thread
  }

  async function stop(): Promise<void> {
    const thread = worker
    worker = null
    if (thread) await thread.terminate()
  }

  return {
    async compare(kind, older, newer, log) {
      if ((older?.byteLength ?? 0) + newer.byteLength < offThreadBytes) {
        return compareStates(kind, older, newer, log ? { attribution: attributionFromLog(log) } : {})
      }
      if (idle) clearTimeout(idle)
      idle = null
      const id = nextId++
      return new Promise<HistoryChange[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        started().postMessage({ id, kind, older, newer, ...(log ? { log } : {}) } satisfies CompareRequest)
      })
    },
    async close() {
      if (idle) clearTimeout(idle)
      await stop()
      failAll(new Error('the studio is stopping'))
    },
  }
}
