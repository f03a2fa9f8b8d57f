/**
 * Runs a task now and again every `intervalMs` while the calling component lives (and
 * while `active` holds), one run at a time: the next wait starts when a run has finished,
 * so a slow server never piles up requests. `now()` runs it at once when something says
 * the answer changed (a run already under way is followed by one more, since it may have
 * read too early). Stops for good when the component unmounts.
 *
 * It pauses while the page is hidden (a background tab, a locked phone) and runs at once
 * when the page is shown again: nobody sees what a hidden page would fetch, an applicant's
 * tab left open for days would otherwise ask every few seconds, and what the person comes
 * back to is fresh.
 */
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { usePageVisible } from './usePageVisible.ts'

export interface PollingOptions {
  /**
   * Poll only while this is true (and the page is shown); it starts again, with an
   * immediate run, when it turns true.
   */
  active?: MaybeRefOrGetter<boolean>
  /** Wait an interval before the first run, for a page that loads its data itself at once. */
  delayFirst?: boolean
}

export interface Polling {
  /** Runs the task now, or once more as soon as the run under way ends. */
  now(): void
  stop(): void
}

export function usePolling(task: () => Promise<unknown>, intervalMs: number, options: PollingOptions = {}): Polling {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let again = false
  let disposed = false
  const pageVisible = usePageVisible()

  async function run(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    if (disposed || running || !isActive()) return
    running = true
    try {
      await task()
    } catch {
      // The task reports its own failures; polling carries on and tries again.
    } finally {
      running = false
    }
    if (disposed || !isActive()) return
    if (again) {
      again = false
      void run()
    } else {
      timer = setTimeout(() => void run(), intervalMs)
    }
  }

  function now(): void {
    if (running) again = true
    else void run()
  }

  function isActive(): boolean {
    if (!pageVisible.value) return false
    return options.active === undefined ? true : toValue(options.active)
  }

  function stop(): void {
    disposed = true
    clearTimeout(timer)
  }

  let first = options.delayFirst === true
  watch(
    isActive,
    (active) => {
      clearTimeout(timer)
      if (!active) return
      if (first) timer = setTimeout(() => void run(), intervalMs)
      else void run()
      first = false
    },
    { immediate: true },
  )
  onScopeDispose(stop)
  return { now, stop }
}
