/**
 * Whether the page is being shown: false while it is a background tab, the window is
 * minimised or the phone is locked (the Page Visibility API), kept up to date until the
 * calling component unmounts. Where there is no document (unit tests under Node) the page
 * counts as shown.
 */
import { onScopeDispose, ref, type Ref } from 'vue'

export function usePageVisible(): Readonly<Ref<boolean>> {
  if (typeof document === 'undefined') return ref(true)
  const visible = ref(document.visibilityState !== 'hidden')
  const onChange = () => (visible.value = document.visibilityState !== 'hidden')
  document.addEventListener('visibilitychange', onChange)
  onScopeDispose(() => document.removeEventListener('visibilitychange', onChange))
  return visible
}
