import type { Histogram } from 'prom-client'

/**
 * Observations made on the hot path (every edit's append), kept as plain numbers and handed
 * to the histogram when /metrics is read, or once 1,024 are waiting. prom-client's
 * observe() hashes labels and searches buckets on each call; per edit, in the running
 * server, that cost about a tenth of the append it timed (`pnpm bench --profile`).
 */
export class BatchedHistogram {
  private readonly waiting: number[] = []
  private readonly histogram: Histogram

  constructor(histogram: Histogram) {
    this.histogram = histogram
  }

  observe(seconds: number): void {
    this.waiting.push(seconds)
    if (this.waiting.length >= 1024) this.drain()
  }

  drain(): void {
    for (const seconds of this.waiting) this.histogram.observe(seconds)
    this.waiting.length = 0
  }
}
