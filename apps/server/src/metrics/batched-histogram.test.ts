import { Histogram } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { BatchedHistogram } from './batched-histogram.ts'

async function countOf(histogram: Histogram): Promise<number> {
  const { values } = await histogram.get()
  return values.find((value) => value.metricName?.endsWith('_count'))?.value ?? 0
}

describe('BatchedHistogram', () => {
  it('hands its observations over when drained, and on its own once 1,024 are waiting', async () => {
    const histogram = new Histogram({ name: 'test_seconds', help: 'test', buckets: [0.001, 0.01], registers: [] })
    const batched = new BatchedHistogram(histogram)
    for (let i = 0; i < 1023; i++) batched.observe(0.002)
    expect(await countOf(histogram)).toBe(0)
    batched.observe(0.002)
    expect(await countOf(histogram)).toBe(1024)
    batched.observe(0.0005)
    batched.drain()
    expect(await countOf(histogram)).toBe(1025)
    const { values } = await histogram.get()
    expect(values.find((value) => value.labels.le === 0.001)?.value).toBe(1)
  })
})
