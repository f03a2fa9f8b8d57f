import { describe, expect, it } from 'vitest'
import { PerDocumentQueue } from './per-document-queue.ts'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('PerDocumentQueue', () => {
  it('runs work on one document in turn, other documents alongside, and goes on after a failure', async () => {
    const queue = new PerDocumentQueue()
    const events: string[] = []
    const step = (name: string, fail = false) => async () => {
      events.push(`${name} start`)
      await tick()
      events.push(`${name} end`)
      if (fail) throw new Error(name)
      return name
    }
    const first = queue.run('a', step('a1', true))
    const second = queue.run('a', step('a2'))
    const other = queue.run('b', step('b1'))
    await expect(first).rejects.toThrow('a1')
    expect(await second).toBe('a2')
    expect(await other).toBe('b1')
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'))
    expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'))
  })

  it('settles once everything queued, including what was queued meanwhile, has finished', async () => {
    const queue = new PerDocumentQueue()
    let done = 0
    void queue.run('a', async () => {
      await tick()
      void queue.run('b', async () => {
        await tick()
        done++
      })
      done++
    })
    await queue.settled()
    expect(done).toBe(2)
  })
})
