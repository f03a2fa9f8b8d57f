/**
 * What /metrics reports, in Prometheus' text format (prom-client). Each studio has its own
 * registry, so several studios in one process (tests, the bench) never mix their figures.
 * Rates are counters: Prometheus turns them into "per second" with rate().
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { BatchedHistogram } from './batched-histogram.ts'

export interface MetricsSources {
  connections(): number
  loadedDocuments(): number
  applicationsWaiting(): Promise<number>
}

export interface StudioMetrics {
  registry: Registry
  /** Client edits accepted and logged. */
  updates: Counter
  /** Update messages sent to connected clients. */
  deliveries: Counter
  appendSeconds: BatchedHistogram
  compactionSeconds: Histogram
}

const fastBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1]

export function createStudioMetrics(sources: MetricsSources): StudioMetrics {
  const registry = new Registry()
  // The event-loop delay monitor wakes the process at this interval even when nobody is
  // connected. Every 10 ms (the default) cost 3 ms of CPU a second, idle, and about 7%
  // of the CPU per delivery in a meeting; every 100 ms still catches the stalls that matter.
  collectDefaultMetrics({ register: registry, prefix: 'studio_', eventLoopMonitoringPrecision: 100 })
  new Gauge({
    name: 'studio_connections',
    help: 'Collaboration connections (one per open document per client).',
    registers: [registry],
    collect() {
      this.set(sources.connections())
    },
  })
  new Gauge({
    name: 'studio_documents_loaded',
    help: 'Documents held in memory by this instance.',
    registers: [registry],
    collect() {
      this.set(sources.loadedDocuments())
    },
  })
  new Gauge({
    name: 'studio_applications_waiting',
    help: 'Sign-ups waiting for an organiser’s decision.',
    registers: [registry],
    async collect() {
      this.set(await sources.applicationsWaiting())
    },
  })
  const appendSeconds: BatchedHistogram = new BatchedHistogram(new Histogram({
    name: 'studio_update_log_append_seconds', help: 'Time to append one update to the durable log.', buckets: fastBuckets, registers: [registry],
    collect() {
      appendSeconds.drain()
    },
  }))
  return {
    registry,
    updates: new Counter({ name: 'studio_updates_total', help: 'Document updates accepted from clients and logged.', registers: [registry] }),
    deliveries: new Counter({ name: 'studio_deliveries_total', help: 'Document updates sent to connected clients.', registers: [registry] }),
    appendSeconds,
    compactionSeconds: new Histogram({ name: 'studio_compaction_seconds', help: 'Time to fold a document’s log into its state.', buckets: fastBuckets, registers: [registry] }),
  }
}
