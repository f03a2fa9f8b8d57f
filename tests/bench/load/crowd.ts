/**
 * The main thread's handle on a crowd worker (crowd-worker.ts): each request is a message
 * with an id, answered by one message with the same id.
 */
import { Worker } from 'node:worker_threads'
import type { Endpoint } from './servers.ts'

export interface Seat {
  id: string
  /** Picks the member whose session cookie this person uses. */
  index: number
  document: string
  seat: number
}

export interface TypistPlan {
  document: string
  seat: number
  /** The typist's row in the run's stamp table (stamps.ts). */
  slot: number
  /** Everyone else on the document. */
  recipients: number
}

export interface CrowdTally {
  /** Deliveries of edits sent inside the window, and their latencies (when asked for). */
  received: number
  latencies: Float64Array
  /** Deliveries that arrived inside the window, whenever they were sent. */
  arrivalsInWindow: number
  /** Deliveries owed for this crowd's edits sent inside the window. */
  expected: number
  delayP99Ms: number
  problems: number
  problemExamples: string[]
}

type Requests = {
  /** The run's stamp table (a SharedArrayBuffer, shared rather than copied), before anyone joins. */
  stamps: { buffer: SharedArrayBuffer; typists: number }
  join: { endpoint: Endpoint; seats: Seat[]; timeoutMs: number }
  'write-matrix': { documents: string[] }
  'has-matrix': Record<string, never>
  type: { typists: TypistPlan[]; editsPerSecond: number; edit: 'text' | 'matrix' }
  'window-start': Record<string, never>
  'window-end': Record<string, never>
  'stop-typing': Record<string, never>
  tally: { from: number; to: number; withLatencies: boolean }
  leave: Record<string, never>
}

type Answers = {
  stamps: null
  join: null
  'write-matrix': null
  'has-matrix': boolean
  type: null
  'window-start': null
  'window-end': null
  'stop-typing': null
  tally: CrowdTally
  leave: null
}

export type CrowdRequest = { [K in keyof Requests]: { id: number; kind: K } & Requests[K] }[keyof Requests]

export class Crowd {
  private readonly worker = new Worker(new URL('./crowd-worker.ts', import.meta.url))
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  private nextId = 1

  constructor() {
    this.worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(id)
      this.pending.delete(id)
      if (error !== undefined) waiter?.reject(new Error(error))
      else waiter?.resolve(result)
    })
    this.worker.on('error', (error) => {
      for (const waiter of this.pending.values()) waiter.reject(error)
      this.pending.clear()
    })
  }

  ask<K extends keyof Requests>(kind: K, ...body: Requests[K] extends Record<string, never> ? [] : [Requests[K]]): Promise<Answers[K]> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.worker.postMessage({ id, kind, ...(body[0] ?? {}) })
    })
  }

  async close(): Promise<void> {
    await this.ask('leave').catch(() => null)
    await this.worker.terminate()
  }
}
