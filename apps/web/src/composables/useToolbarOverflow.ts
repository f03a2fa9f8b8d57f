/**
 * Keeps a toolbar to one line: measures its buttons (in a hidden copy, so hidden buttons
 * have widths too) and its room whenever it is resized, and says which buttons go into
 * the "More" menu (see components/editor/toolbar-fit.ts for the choice).
 */
import { nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'
import { overflowingButtons } from '../components/editor/toolbar-fit.ts'

export interface ToolbarOverflowOptions {
  toolbar: Ref<HTMLElement | null>
  /** The hidden copy: one element per button in display order, then the More button. */
  measure: Ref<HTMLElement | null>
  labels: () => readonly string[]
  /** Labels to move into the menu first, least needed first. */
  hideFirst: readonly string[]
}

export function useToolbarOverflow(options: ToolbarOverflowOptions): Ref<ReadonlySet<number>> {
  const hidden = ref<ReadonlySet<number>>(new Set())
  let observer: ResizeObserver | null = null

  function update(): void {
    const toolbar = options.toolbar.value
    const measure = options.measure.value
    if (!toolbar || !measure) return
    const widths = [...measure.children].map((child) => Math.ceil(child.getBoundingClientRect().width))
    const moreWidth = widths.pop() ?? 0
    const style = getComputedStyle(toolbar)
    const available = toolbar.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    const labels = options.labels()
    const next = overflowingButtons({
      widths,
      available,
      gap: parseFloat(style.columnGap) || 0,
      moreWidth,
      hideFirst: options.hideFirst.map((label) => labels.indexOf(label)),
    })
    const same = next.length === hidden.value.size && next.every((index) => hidden.value.has(index))
    if (!same) hidden.value = new Set(next)
  }

  onMounted(() => {
    observer = new ResizeObserver(update)
    if (options.toolbar.value) observer.observe(options.toolbar.value)
    update()
  })
  watch(() => options.labels().join('|'), () => void nextTick(update))
  onBeforeUnmount(() => observer?.disconnect())
  return hidden
}
