import { readFileSync } from 'node:fs'
import { PerformanceObserver } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { isMajorCollection, loadMallocTrim, releaseMemoryWhenIdle } from './idle-memory-release.ts'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

function residentKiB(): number {
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))![1])
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Counts the major collections Node reports, as the studio's observer sees them. */
function countMajorCollections(): { count: () => number; stop: () => void } {
  let count = 0
  const observer = new PerformanceObserver((list) => {
    count += list.getEntries().filter(isMajorCollection).length
  })
  observer.observe({ entryTypes: ['gc'] })
  return { count: () => count, stop: () => observer.disconnect() }
}

describe('releasing freed memory', () => {
  it.runIf(process.platform === 'linux')('hands back native memory the allocator kept after it was freed', async () => {
    const release = await loadMallocTrim(Fastify().log)
    expect(release).not.toBeNull()
    // 96 MiB of 32 KiB buffers: below glibc's mmap threshold, so they come from its heaps.
    // Every 64th one stays alive, so the freed space lies below live allocations, where
    // free() alone does not give it back.
    let buffers: Buffer[] | null = Array.from({ length: 3072 }, () => Buffer.alloc(32 * 1024, 1))
    const pinned = buffers.filter((_, index) => index % 64 === 63)
    const whileHeld = residentKiB()
    buffers = null
    collectGarbage()

    let releasedAny = false
    await until(() => {
      releasedAny = release!() || releasedAny
      return whileHeld - residentKiB() > 64 * 1024
    }, 'resident memory to fall by 64 MiB')
    expect(releasedAny).toBe(true)
    expect(pinned.every((buffer) => buffer[0] === 1)).toBe(true)
  })

  it('releases after a major collection, and only while the studio is idle', async () => {
    let idle = false
    let releases = 0
    const stop = releaseMemoryWhenIdle({ isIdle: () => idle, release: () => (releases++, true) })
    // Observed after the studio's observer, so once it has seen a collection, so has the studio's.
    const collections = countMajorCollections()
    try {
      collectGarbage()
      await until(() => collections.count() >= 1, 'Node to report the collection')
      expect(releases).toBe(0)

      idle = true
      collectGarbage()
      await until(() => releases > 0, 'a release after the collection')
    } finally {
      collections.stop()
      stop()
    }
  })
})
