/**
 * Which of a toolbar's buttons go into its "More" menu so the rest fit on one line: none
 * if all fit; otherwise the least used first (the order given), then from the end, until
 * what is left and the More button fit. A plain function over measured widths, so it is
 * tested without a browser.
 */

export interface ToolbarFit {
  /** Button widths in display order, in pixels. */
  widths: readonly number[]
  /** The room on the toolbar's line. */
  available: number
  gap: number
  moreWidth: number
  /** Indexes to move into the menu first, least needed first. */
  hideFirst: readonly number[]
}

export function overflowingButtons({ widths, available, gap, moreWidth, hideFirst }: ToolbarFit): number[] {
  const lineWidth = (shown: readonly number[]) => shown.reduce((sum, width) => sum + width, 0) + gap * Math.max(0, shown.length - 1)
  if (lineWidth(widths) <= available) return []
  const order = [...new Set([...hideFirst, ...widths.map((_, index) => widths.length - 1 - index)])].filter((index) => index >= 0 && index < widths.length)
  const hidden: number[] = []
  for (const index of order) {
    hidden.push(index)
    const shown = widths.filter((_, candidate) => !hidden.includes(candidate))
    if (lineWidth([...shown, moreWidth]) <= available) break
  }
  return hidden.sort((a, b) => a - b)
}
