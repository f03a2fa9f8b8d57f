/**
 * Whether a CSS media query matches now, kept up to date as the window is resized or a
 * phone is turned; the listener goes when the component unmounts. Layout that CSS alone
 * cannot do (one role at a time on a phone, a bottom sheet instead of a popover) reads it.
 */
import { onScopeDispose, ref, type Ref } from 'vue'

/** Narrow enough that the matrix shows one role at a time and editors open as sheets. */
export const narrowScreenQuery = '(max-width: 40rem)'
/** A touch screen with no mouse: hover never happens, so nothing may depend on it. */
export const touchOnlyQuery = '(hover: none) and (pointer: coarse)'

export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const list = window.matchMedia(query)
  const matches = ref(list.matches)
  const onChange = (event: MediaQueryListEvent) => (matches.value = event.matches)
  list.addEventListener('change', onChange)
  onScopeDispose(() => list.removeEventListener('change', onChange))
  return matches
}
