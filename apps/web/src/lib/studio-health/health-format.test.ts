import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration, freeShare } from './health-format.ts'

describe('health page formats', () => {
  it('gives sizes in binary multiples with one decimal below ten', () => {
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(812)).toBe('812 bytes')
    expect(formatBytes(4.2 * 1024 ** 2)).toBe('4.2 MB')
    expect(formatBytes(37 * 1024 ** 3)).toBe('37 GB')
  })

  it('gives durations in their two largest parts', () => {
    expect(formatDuration(30)).toBe('under a minute')
    expect(formatDuration(7 * 60)).toBe('7 minutes')
    expect(formatDuration(5 * 3600 + 12 * 60 + 5)).toBe('5 hours 12 minutes')
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 59)).toBe('3 days 4 hours')
    expect(formatDuration(86_400 + 60)).toBe('1 day')
  })

  it('gives the free share of a disk', () => {
    expect(freeShare(42, 100)).toBe('42 % free')
    expect(freeShare(0.5, 100)).toBe('0.5 % free')
    expect(freeShare(1, 0)).toBe('')
  })
})
