/**
 * Runs work for a key (a document) once it has been quiet for a while, without a new timer
 * per change. Documents change many times a second while people type, and several watchers
 * (search, history, notifications) each cleared and set a timer on every change: on the
 * edit path, for every update. Here a change only notes its time; the one timer per key,
 * when it fires early, waits again for what is left of the quiet.
 */
export interface QuietTimersOptions {
  quietMs: number
  /** When set, the work runs at most this long after the first change, however busy the key stays. */
  longestWaitMs?: number
}

interface Waiting {
  firstChange: number
  lastChange: number
  timer: NodeJS.Timeout
}

export class QuietTimers {
  private readonly waiting = new Map<string, Waiting>()
  private readonly options: QuietTimersOptions
  private readonly work: (key: string) => void

  constructor(options: QuietTimersOptions, work: (key: string) => void) {
    this.options = options
    this.work = work
  }

  /** Notes a change to `key`: its work runs once `key` has been quiet long enough. */
  touch(key: string): void {
    const now = Date.now()
    const waiting = this.waiting.get(key)
    if (waiting) {
      waiting.lastChange = now
      return
    }
    this.waiting.set(key, { firstChange: now, lastChange: now, timer: this.arm(key, this.options.quietMs) })
  }

  /** Whether work for `key` is waiting. */
  has(key: string): boolean {
    return this.waiting.has(key)
  }

  /** The keys whose work is waiting. */
  keys(): string[] {
    return [...this.waiting.keys()]
  }

  /** Forgets the waiting work for `key`; true when there was some. */
  cancel(key: string): boolean {
    const waiting = this.waiting.get(key)
    if (!waiting) return false
    clearTimeout(waiting.timer)
    this.waiting.delete(key)
    return true
  }

  /** Forgets every waiting work and returns their keys. */
  clear(): string[] {
    const keys = this.keys()
    for (const key of keys) this.cancel(key)
    return keys
  }

  private arm(key: string, delay: number): NodeJS.Timeout {
    return setTimeout(() => this.fire(key), Math.max(0, delay)).unref()
  }

  private fire(key: string): void {
    const waiting = this.waiting.get(key)
    if (!waiting) return
    const due = this.dueAt(waiting)
    const now = Date.now()
    if (now < due) {
      waiting.timer = this.arm(key, due - now)
      return
    }
    this.waiting.delete(key)
    this.work(key)
  }

  private dueAt({ firstChange, lastChange }: Waiting): number {
    const quiet = lastChange + this.options.quietMs
    return this.options.longestWaitMs === undefined ? quiet : Math.min(quiet, firstChange + this.options.longestWaitMs)
  }
}
