import { effectScope } from 'vue'
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

/** Polling as a component would start it; `stop` ends the component. */
function startPolling(...args: Parameters<typeof usePolling>) {
  const scope = effectScope()
  const polling = scope.run(() => usePolling(...args))!
  return { polling, stop: () => scope.stop() }
}

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

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

  it('with delayFirst, waits an interval before its first run', async () => {
    const { task } = controlledTask()
    const { stop } = startPolling(task, 15_000, { delayFirst: true })
    expect(task).not.toHaveBeenCalled()
    vi.advanceTimersByTime(15_000)
    expect(task).toHaveBeenCalledTimes(1)
    stop()
  })
})
