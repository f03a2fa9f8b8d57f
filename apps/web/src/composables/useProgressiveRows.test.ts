import { effectScope, nextTick, ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { firstLineBudget, linesPerStep } from '../lib/matrix/matrix-progressive.ts'
import { useProgressiveRows } from './useProgressiveRows.ts'

// In Node there is no window and no requestIdleCallback: the first budget is the margin alone,
// and each step waits on a timer, which the fake clock runs.
describe('useProgressiveRows', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('starts with a window of lines and adds a step at a time until every line is made, then renders all', async () => {
    const total = ref(1)
    const scope = effectScope()
    const rows = scope.run(() => useProgressiveRows({ total: () => total.value }))!
    const first = firstLineBudget(0)
    expect(rows.budget.value).toBe(first)
    total.value = first + 2 * linesPerStep + 1
    await nextTick()
    vi.advanceTimersToNextTimer()
    expect(rows.budget.value).toBe(first + linesPerStep)
    vi.advanceTimersToNextTimer()
    expect(rows.budget.value).toBe(first + 2 * linesPerStep)
    vi.advanceTimersToNextTimer()
    expect(rows.budget.value).toBe(Number.POSITIVE_INFINITY)
    // Lines added once every line was made render at once.
    total.value += 50
    await nextTick()
    expect(vi.getTimerCount()).toBe(0)
    scope.stop()
  })

  it('renders every line at once when asked, and schedules nothing for a matrix that fits the first window', async () => {
    const total = ref(3)
    const scope = effectScope()
    const rows = scope.run(() => useProgressiveRows({ total: () => total.value }))!
    await nextTick()
    expect(vi.getTimerCount()).toBe(0)
    total.value = 500
    await nextTick()
    expect(vi.getTimerCount()).toBe(1)
    rows.showAll()
    expect(rows.budget.value).toBe(Number.POSITIVE_INFINITY)
    expect(vi.getTimerCount()).toBe(0)
    scope.stop()
  })
})
