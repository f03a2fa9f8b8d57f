/**
 * Whether the store can take a write right now, and a way to wait for it to come back.
 * A SQLite file locked by another process or a PostgreSQL restart is an outage of
 * seconds, not a failure of the edit: writers wait here (one probe for all of them, on a
 * short bounded backoff) and try again as soon as the store answers, instead of failing
 * the client. /healthz asks the same probe.
 */

export type StoreState = { writable: true } | { writable: false; reason: string }

export interface AvailabilityOptions {
  /** Resolves if the store can take a write now; rejects (quickly) otherwise. */
  probe(): Promise<void>
  /** Says in a few words, safe to show anyone, why the store cannot write. */
  describe(error: unknown): string
}

/**
 * Delays between probes while the store is away. Bounded at half a second, so a writer
 * goes through within about that of the store's return; on SQLite each probe may block
 * the event loop for the busy timeout, so they are spaced rather than spun.
 */
const probeDelaysMs = [25, 50, 100, 200, 400, 500]
/** /healthz answers within this, whatever the store does. */
const checkTimeoutMs = 1000
/** How often a waiting writer asks whether it is still wanted (its socket still open). */
const stillWantedEveryMs = 250

export class StoreAvailability {
  private readonly options: AvailabilityOptions
  private state: StoreState = { writable: true }
  private recovery: Promise<void> | undefined
  private checking: Promise<StoreState> | undefined

  constructor(options: AvailabilityOptions) {
    this.options = options
  }

  /** The state as last seen by a write or a probe. */
  get current(): StoreState {
    return this.state
  }

  /** Probes the store now (concurrent callers share one probe), within a second. */
  check(): Promise<StoreState> {
    this.checking ??= this.probeWithin(checkTimeoutMs).finally(() => (this.checking = undefined))
    return this.checking
  }

  /**
   * Runs `work`; while it fails because the store is unavailable, waits for the store to
   * come back and runs it again, for as long as `stillWanted()` holds. Any other failure,
   * or one no longer wanted, is thrown as it is.
   */
  async untilDone<T>(work: () => Promise<T>, retry: RetryOptions = {}): Promise<T> {
    const stillWanted = retry.stillWanted ?? (() => true)
    for (;;) {
      try {
        const result = await work()
        this.state = { writable: true }
        return result
      } catch (error) {
        if (!isStoreUnavailable(error) || !stillWanted()) throw error
        const outageStarted = this.state.writable
        this.state = { writable: false, reason: this.options.describe(error) }
        retry.onWait?.(error, outageStarted)
        await this.waitForRecovery(stillWanted)
        if (!stillWanted()) throw error
      }
    }
  }

  private async waitForRecovery(stillWanted: () => boolean): Promise<void> {
    this.recovery ??= this.probeUntilWritable().finally(() => (this.recovery = undefined))
    let recovered = false
    const recovery = this.recovery.then(() => (recovered = true))
    while (!recovered && stillWanted()) await Promise.race([recovery, delay(stillWantedEveryMs)])
  }

  private async probeUntilWritable(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await delay(probeDelaysMs[Math.min(attempt, probeDelaysMs.length - 1)]!)
      if ((await this.probeWithin(checkTimeoutMs)).writable) return
    }
  }

  private async probeWithin(timeoutMs: number): Promise<StoreState> {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeout(timeoutMs)), timeoutMs)
    })
    try {
      await Promise.race([this.options.probe(), timedOut])
      this.state = { writable: true }
    } catch (error) {
      this.state = { writable: false, reason: error instanceof StoreTimeout ? error.message : this.options.describe(error) }
    } finally {
      clearTimeout(timer)
    }
    return this.state
  }
}

export interface RetryOptions {
  /** Keep waiting only while this holds (the client is still connected, the server running). */
  stillWanted?: () => boolean
  /** Told each time the work is about to wait; `outageStarted` on the first failure after a success. */
  onWait?: (error: unknown, outageStarted: boolean) => void
}

class StoreTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`the store did not answer within ${timeoutMs} ms`)
  }
}

/** SQLite's primary result codes that mean "not now" rather than "not this": busy, locked, I/O, full, read-only, cannot open. */
const sqliteOutageCodes = new Set([5, 6, 8, 10, 13, 14])
/** Node's network errors on the way to PostgreSQL. */
const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])
/** pg's own wording when a connection dies or cannot be had (it sets no code on these). */
const pgConnectionMessages = /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed/i

/**
 * True when an error says the store is unavailable (and the same write may succeed
 * later), false when it is about the query itself, which no retry would fix.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, errcode, message } = error as { code?: unknown; errcode?: unknown; message?: unknown }
  if (typeof errcode === 'number') return sqliteOutageCodes.has(errcode & 0xff)
  if (typeof code === 'string') {
    // PostgreSQL: connection exceptions (08), insufficient resources (53), operator
    // intervention (57P01 shutdown, 57P02 crash, 57P03 cannot connect now).
    if (/^(08|53|57P0[123])/.test(code)) return true
    if (networkErrorCodes.has(code)) return true
  }
  return typeof message === 'string' && pgConnectionMessages.test(message)
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
