/**
 * Runs `run` once the page is idle, or after `timeoutMs` on a page that never is; where the
 * browser has no requestIdleCallback (Safari), after `fallbackMs`. Returns the cancel.
 */
export function whenIdle(run: () => void, timeoutMs: number, fallbackMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: timeoutMs })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(run, fallbackMs)
  return () => clearTimeout(handle)
}
