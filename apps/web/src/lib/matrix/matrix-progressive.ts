/**
 * The grid creates its rows a screenful at a time: the first render makes only the lines
 * that can fill the window (and a margin below it), and the rest follow in idle moments
 * (useProgressiveRows). Every row is in the page a moment later, so in-page find, print,
 * a screen reader's reading mode and the keyboard model keep the whole matrix.
 *
 * A budget counts the grid's lines as layoutMatrix lists them: the column headers first,
 * then each domain's heading followed by its competencies.
 */
import type { LayoutGroup } from './matrix-layout.ts'

/** The shortest line (a domain's heading, 2.75rem) in pixels: the budget never falls short of a window. */
const shortestLinePx = 44
/** Lines made beyond the window at first, so a small scroll or an arrow key finds them. */
const marginLines = 6
/** Lines each idle moment adds: about one window's worth, a few tens of milliseconds of work. */
export const linesPerStep = 16

/** How many lines the first render makes for a window this tall. */
export function firstLineBudget(viewportHeight: number): number {
  return Math.ceil(Math.max(0, viewportHeight) / shortestLinePx) + marginLines
}

/**
 * The groups as far as `lineBudget` lines reach (the header line included): whole groups,
 * then the one the budget ends in with its first competencies, then none. The groups
 * themselves are returned while the budget covers them all.
 */
export function groupsWithin(groups: readonly LayoutGroup[], lineBudget: number): readonly LayoutGroup[] {
  let left = lineBudget - 1
  const shown: LayoutGroup[] = []
  for (const group of groups) {
    if (left <= 0) return shown
    left -= 1
    if (group.competencies.length > left) {
      shown.push({ ...group, competencies: group.competencies.slice(0, left) })
      return shown
    }
    shown.push(group)
    left -= group.competencies.length
  }
  return groups
}
