/**
 * Whether this tab's person has gone idle: no keyboard, pointer, touch or scroll input for
 * five minutes, or the tab is hidden (document.visibilitychange). Input while idle makes
 * them active at once; the listeners go when the component unmounts.
 */
import { onScopeDispose, ref, type Ref } from 'vue'
import { idleAfterMs, isIdle } from '../lib/presence/presence.ts'

const inputEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll'] as const

export function useIdle(after = idleAfterMs): Ref<boolean> {
  const idle = ref(false)
  let lastInputAt = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined

  function decide(): void {
    clearTimeout(timer)
    const now = Date.now()
    idle.value = isIdle({ lastInputAt, now, hidden: document.visibilityState === 'hidden' }, after)
    if (!idle.value) timer = setTimeout(decide, lastInputAt + after - now)
  }

  function onInput(): void {
    const now = Date.now()
    // Pointer moves arrive many times a second; re-deciding once a second is plenty.
    if (!idle.value && now - lastInputAt < 1_000) return
    lastInputAt = now
    decide()
  }

  for (const event of inputEvents) window.addEventListener(event, onInput, { passive: true, capture: true })
  document.addEventListener('visibilitychange', decide)
  decide()

  onScopeDispose(() => {
    clearTimeout(timer)
    for (const event of inputEvents) window.removeEventListener(event, onInput, { capture: true })
    document.removeEventListener('visibilitychange', decide)
  })
  return idle
}
