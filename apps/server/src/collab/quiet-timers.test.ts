import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { QuietTimers } from './quiet-timers.ts'

describe('QuietTimers', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs once a key has been quiet, however many changes came before', () => {
    const ran: string[] = []
    const timers = new QuietTimers({ quietMs: 400 }, (key) => ran.push(key))
    for (let change = 0; change < 10; change++) {
      timers.touch('notes')
      vi.advanceTimersByTime(100)
    }
    expect(ran).toEqual([])
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(299)
    expect(ran).toEqual([])
    vi.advanceTimersByTime(1)
    expect(ran).toEqual(['notes'])
    expect(timers.has('notes')).toBe(false)
    vi.advanceTimersByTime(5000)
    expect(ran).toEqual(['notes'])
  })

  it('runs at the longest wait while changes keep coming, then waits afresh', () => {
    const ran: number[] = []
    const timers = new QuietTimers({ quietMs: 400, longestWaitMs: 1000 }, () => ran.push(Date.now()))
    const start = Date.now()
    for (let change = 0; change < 30; change++) {
      timers.touch('matrix')
      vi.advanceTimersByTime(100)
    }
    expect(ran.map((at) => at - start)).toEqual([1000, 2000, 3000])
  })

  it('keeps keys apart, and forgets what is cancelled or cleared', () => {
    const ran: string[] = []
    const timers = new QuietTimers({ quietMs: 400 }, (key) => ran.push(key))
    timers.touch('a')
    timers.touch('b')
    timers.touch('c')
    expect(timers.cancel('a')).toBe(true)
    expect(timers.cancel('a')).toBe(false)
    expect(timers.keys()).toEqual(['b', 'c'])
    vi.advanceTimersByTime(400)
    expect(ran).toEqual(['b', 'c'])
    timers.touch('d')
    expect(timers.clear()).toEqual(['d'])
    vi.advanceTimersByTime(400)
    expect(ran).toEqual(['b', 'c'])
  })
})
