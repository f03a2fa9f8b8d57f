/**
 * The current time, turning over at the start of each minute: enough for clocks that show
 * hours and minutes, without re-rendering every second.
 */
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import { msUntilNextMinute } from '../lib/presence/presence.ts'

export function useMinuteClock(): ShallowRef<Date> {
  const now = shallowRef(new Date())
  let timer: ReturnType<typeof setTimeout> | undefined

  function tick(): void {
    now.value = new Date()
    timer = setTimeout(tick, msUntilNextMinute(Date.now()))
  }
  timer = setTimeout(tick, msUntilNextMinute(Date.now()))

  onScopeDispose(() => clearTimeout(timer))
  return now
}
