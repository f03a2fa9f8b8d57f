import { effectScope, nextTick } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { usePolling } from './usePolling.ts'

/** A task whose runs the test finishes one at a time. */
function controlledTask() {
  const finishers: Array<() => void> = []
  const task = vi.fn(() => new Promise<void>((resolve) => finishers.push(resolve)))
  const finish = async () => {
    finishers.shift()!()
    // Let the polling see the run end.
    await Promise.resolve()
    await Promise.resolve()
  }
  return { task, finish }
}

/**
 * A document whose visibility the test sets: the tests run under Node, where there is
 * none. `show` reports the change as a browser does and lets Vue's watchers see it.
 */
function fakePage() {
  const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState })
  vi.stubGlobal('document', page)
  return {
    async show(shown: boolean) {
      page.visibilityState = shown ? 'visible' : 'hidden'
      page.dispatchEvent(new Event('visibilitychange'))
      await nextTick()
    },
  }
}

/** Polling as a component would start it; `stop` ends the component. */
function startPolling(...args: Parameters<typeof usePolling>) {
  const scope = effectScope()
  const polling = scope.run(() => usePolling(...args))!
  return { polling, stop: () => scope.stop() }
}

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('runs at once, then every interval after a run ends', async () => {
    const { task, finish } = controlledTask()
    const { stop } = startPolling(task, 60_000)
    expect(task).toHaveBeenCalledTimes(1)
    await finish()
    vi.advanceTimersByTime(59_999)
    expect(task).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(task).toHaveBeenCalledTimes(2)
    stop()
  })

  it('now() runs at once between runs, and once more after a run under way, never two at a time', async () => {
    const { task, finish } = controlledTask()
    const { polling, stop } = startPolling(task, 60_000)
    await finish()
    polling.now()
    expect(task).toHaveBeenCalledTimes(2)
    // Two signals while that run is under way: one more run after it, not two, and not beside it.
    polling.now()
    polling.now()
    expect(task).toHaveBeenCalledTimes(2)
    await finish()
    expect(task).toHaveBeenCalledTimes(3)
    await finish()
    expect(task).toHaveBeenCalledTimes(3)
    // Then the interval again, from the end of the last run.
    vi.advanceTimersByTime(60_000)
    expect(task).toHaveBeenCalledTimes(4)
    stop()
  })

  it('does nothing once its component is gone', async () => {
    const { task, finish } = controlledTask()
    const { polling, stop } = startPolling(task, 60_000)
    await finish()
    stop()
    polling.now()
    vi.advanceTimersByTime(120_000)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('pauses while the page is hidden, and runs at once when it is shown again', async () => {
    const page = fakePage()
    const { task, finish } = controlledTask()
    const { polling, stop } = startPolling(task, 60_000)
    await finish()
    await page.show(false)
    // Neither the interval nor a signal runs it while nobody can see the page.
    vi.advanceTimersByTime(600_000)
    polling.now()
    expect(task).toHaveBeenCalledTimes(1)
    await page.show(true)
    expect(task).toHaveBeenCalledTimes(2)
    await finish()
    vi.advanceTimersByTime(60_000)
    expect(task).toHaveBeenCalledTimes(3)
    stop()
  })

  it('lets a run under way finish when the page is hidden, and sets no timer after it', async () => {
    const page = fakePage()
    const { task, finish } = controlledTask()
    const { stop } = startPolling(task, 60_000)
    await page.show(false)
    await finish()
    vi.advanceTimersByTime(600_000)
    expect(task).toHaveBeenCalledTimes(1)
    stop()
  })

  it('with delayFirst, waits an interval before its first run', async () => {
    const { task } = controlledTask()
    const { stop } = startPolling(task, 15_000, { delayFirst: true })
    expect(task).not.toHaveBeenCalled()
    vi.advanceTimersByTime(15_000)
    expect(task).toHaveBeenCalledTimes(1)
    stop()
  })
})
