/**
 * An open-or-folded choice this device remembers (localStorage), such as the matrix's
 * filters: until the person chooses, it follows `initially` (e.g. folded while the screen
 * is short, a media query that can still change as a phone's page settles or is turned).
 * Storage that is full or refused only means the choice is not kept.
 */
import { computed, ref, type Ref, type WritableComputedRef } from 'vue'

export function useRememberedToggle(storageKey: string | null, initially: Readonly<Ref<boolean>>): WritableComputedRef<boolean> {
  const chosen = ref<boolean | null>(storageKey ? read(storageKey) : null)
  return computed({
    get: () => chosen.value ?? initially.value,
    set: (value) => {
      chosen.value = value
      if (storageKey) write(storageKey, value)
    },
  })
}

function read(storageKey: string): boolean | null {
  try {
    const value = localStorage.getItem(storageKey)
    return value === 'open' ? true : value === 'folded' ? false : null
  } catch {
    return null
  }
}

function write(storageKey: string, value: boolean): void {
  try {
    localStorage.setItem(storageKey, value ? 'open' : 'folded')
  } catch {
    // Private browsing or a full quota: the choice lasts until the page closes.
  }
}
