/**
 * Preloaded into each server under test (`node --expose-gc --import <this file>`), so the
 * bench can read resident memory without garbage in it: SIGUSR2 runs a full, compacting
 * collection that hands free pages back to the system (V8's "last resort" flavour, what
 * its memory reducer works towards on an idle server) and prints one `bench-memory {...}`
 * line with process.memoryUsage(), which the bench reads from the server's log. Nothing
 * else in the server changes.
 */
type GcOptions = { type: 'major'; execution: 'sync'; flavor: 'last-resort' }

process.on('SIGUSR2', () => {
  ;(globalThis as { gc?: (options: GcOptions) => void }).gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' })
  process.stderr.write(`bench-memory ${JSON.stringify(process.memoryUsage())}\n`)
})
