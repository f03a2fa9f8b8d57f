/**
 * An open-or-folded choice this device remembers (localStorage), such as the matrix's
 * filters: until the person chooses, it starts as `initially()` says (e.g. folded on a
 * short screen). Storage that is full or refused only means the choice is not kept.
 */
import { ref, watch, type Ref } from 'vue'

export function useRememberedToggle(storageKey: string, initially: () => boolean): Ref<boolean> {
  const stored = read(storageKey)
  const open = ref(stored ?? initially())
  watch(open, (value) => {
    try {
      localStorage.setItem(storageKey, value ? 'open' : 'folded')
    } catch {
      // Private browsing or a full quota: the choice lasts until the page closes.
    }
  })
  return open
}

function read(storageKey: string): boolean | null {
  try {
    const value = localStorage.getItem(storageKey)
    return value === 'open' ? true : value === 'folded' ? false : null
  } catch {
    return null
  }
}
