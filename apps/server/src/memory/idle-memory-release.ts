/**
 * Gives freed memory back to the system once the studio falls idle.
 *
 * After a crowd leaves, the studio frees what it held, but glibc's allocator keeps most of
 * the freed native memory (socket buffers, update bytes) in its heaps: it only returns the
 * top of a heap, and a few live allocations above the freed space pin it there. Measured
 * after the 1,000-person bench: resident memory 5–13% above its start, and back below the
 * start once `malloc_trim` ran (called by hand in a debugger). Node has no API for
 * malloc_trim, so it is called through koffi (an FFI with prebuilt binaries).
 *
 * When: after a major garbage collection (V8 runs them when allocation stops, which is
 * when memory has just been freed) while the studio holds no document. Never while
 * people are connected, where the memory would soon be asked for again.
 *
 * Where glibc or koffi is missing (macOS, musl, or a platform koffi has no binary for: it is
 * an optional dependency), nothing happens.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks'
import type { FastifyBaseLogger } from 'fastify'

/** Returns freed memory to the system; true if there was any to return. */
export type ReleaseFreedMemory = () => boolean

/** glibc's malloc_trim(0) through koffi, or null where either is unavailable. */
export async function loadMallocTrim(log: FastifyBaseLogger): Promise<ReleaseFreedMemory | null> {
  if (process.platform !== 'linux') return null
  try {
    const { default: koffi } = await import('koffi')
    const mallocTrim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number
    return () => mallocTrim(0) === 1
  } catch (error) {
    log.debug({ reason: (error as Error).message }, 'freed memory stays with the allocator: no glibc malloc_trim here')
    return null
  }
}

export interface IdleMemoryReleaseOptions {
  /** Whether nobody is working: no document loaded. */
  isIdle: () => boolean
  release: ReleaseFreedMemory
}

/** Releases freed memory after each major collection that finds the studio idle. Returns a stop function. */
export function releaseMemoryWhenIdle({ isIdle, release }: IdleMemoryReleaseOptions): () => void {
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some(isMajorCollection) && isIdle()) release()
  })
  observer.observe({ entryTypes: ['gc'] })
  return () => observer.disconnect()
}

/** A `gc` performance entry for a full (mark-compact) collection. */
export function isMajorCollection(entry: PerformanceEntry): boolean {
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR
}
