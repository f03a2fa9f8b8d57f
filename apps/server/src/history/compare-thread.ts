/**
 * Compares two stored states of a document (packages/framework's compareStates) on a thread of
 * its own, so the studio's thread goes on relaying everyone's edits meanwhile. One thread,
 * started at the first comparison and kept; comparisons queue on it in order. A thread that
 * dies fails the comparisons it held, and the next one starts a new thread.
 */
import type { HistoryChange, HistoryKind } from '@studio/contract'
import type { LogEntry } from '@studio/framework'
import { Worker } from 'node:worker_threads'

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

export function createCompareThread(): CompareThread {
  let worker: Worker | null = null
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

  return {
    compare(kind, older, newer, log) {
      const id = nextId++
      return new Promise<HistoryChange[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        started().postMessage({ id, kind, older, newer, ...(log ? { log } : {}) } satisfies CompareRequest)
      })
    },
    async close() {
      const thread = worker
      worker = null
      if (thread) await thread.terminate()
      failAll(new Error('the studio is stopping'))
    },
  }
}
