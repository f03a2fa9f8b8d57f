/**
 * Keyboard movement through the grid (the WAI-ARIA grid pattern): arrows move one cell,
 * Home and End go to the ends of the row (with Ctrl, of the grid), Page Up and Page Down
 * move several rows. Positions are ids, not indexes, so a row someone else inserts or
 * moves never moves the cell you are on.
 *
 * Every line has the header column; the header and competency lines also have one column
 * per shown role; a domain line is one cell wide. Moving up or down through a domain line
 * remembers the column you came from and returns to it on the next competency line.
 */
import type { Level } from '@studio/framework'
import type { GridLine } from './matrix-layout.ts'

/** The first column (row headers); never a role id, which cannot start with `#`. */
export const headColumn = '#head'

export interface GridPosition {
  lineId: string
  columnId: string
}

export type NavigationKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'PageUp' | 'PageDown'

const navigationKeys = new Set<string>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'])

export function isNavigationKey(key: string): key is NavigationKey {
  return navigationKeys.has(key)
}

export interface Movement {
  position: GridPosition
  /** The column to return to after passing through a one-cell line. */
  preferredColumnId: string
}

export function columnsOfLine(line: GridLine, columnIds: readonly string[]): readonly string[] {
  return line.kind === 'domain' ? [headColumn] : [headColumn, ...columnIds]
}

export function moveFocus(
  lines: readonly GridLine[],
  columnIds: readonly string[],
  at: GridPosition,
  key: NavigationKey,
  options: { ctrlKey?: boolean; preferredColumnId?: string; pageSize?: number } = {},
): Movement {
  const here = resolvePosition(lines, columnIds, at)
  const lineIndex = Math.max(0, lines.findIndex((line) => line.id === here.lineId))
  const line = lines[lineIndex]
  if (!line) return { position: here, preferredColumnId: here.columnId }
  const columns = columnsOfLine(line, columnIds)
  const columnIndex = Math.max(0, columns.indexOf(here.columnId))
  const preferred = options.preferredColumnId ?? here.columnId

  const horizontal = (columnId: string): Movement => ({ position: { lineId: line.id, columnId }, preferredColumnId: columnId })
  const vertical = (targetIndex: number, columnHint = preferred): Movement => {
    const target = lines[Math.max(0, Math.min(lines.length - 1, targetIndex))]!
    const targetColumns = columnsOfLine(target, columnIds)
    const columnId = targetColumns.includes(columnHint) ? columnHint : headColumn
    return { position: { lineId: target.id, columnId }, preferredColumnId: columnHint }
  }

  switch (key) {
    case 'ArrowLeft':
      return horizontal(columns[Math.max(0, columnIndex - 1)]!)
    case 'ArrowRight':
      return horizontal(columns[Math.min(columns.length - 1, columnIndex + 1)]!)
    case 'Home':
      return options.ctrlKey ? vertical(0, headColumn) : horizontal(columns[0]!)
    case 'End': {
      if (!options.ctrlKey) return horizontal(columns.at(-1)!)
      return vertical(lines.length - 1, columnIds.at(-1) ?? headColumn)
    }
    case 'ArrowUp':
      return vertical(lineIndex - 1)
    case 'ArrowDown':
      return vertical(lineIndex + 1)
    case 'PageUp':
      return vertical(lineIndex - (options.pageSize ?? 10))
    case 'PageDown':
      return vertical(lineIndex + (options.pageSize ?? 10))
  }
}

/**
 * The position itself when it still exists; otherwise the nearest one: the row header of
 * the same line (its column was hidden or archived), or the line now at `fallbackIndex`
 * (the line itself went away).
 */
export function resolvePosition(lines: readonly GridLine[], columnIds: readonly string[], at: GridPosition, fallbackIndex = 0): GridPosition {
  const line = lines.find((candidate) => candidate.id === at.lineId) ?? lines[Math.max(0, Math.min(lines.length - 1, fallbackIndex))]
  if (!line) return at
  const columns = columnsOfLine(line, columnIds)
  return { lineId: line.id, columnId: columns.includes(at.columnId) ? at.columnId : headColumn }
}

/** The first cell worth starting on: the first competency's first role, else the first header. */
export function initialPosition(lines: readonly GridLine[], columnIds: readonly string[]): GridPosition {
  const first = lines.find((line) => line.kind === 'competency')
  if (first && columnIds[0]) return { lineId: first.id, columnId: columnIds[0] }
  return { lineId: lines[0]?.id ?? 'header', columnId: headColumn }
}

/**
 * The level a key sets: a digit names a rank (undefined when no level has that rank);
 * Delete and Backspace clear the cell (null). Any other key sets nothing (undefined).
 */
export function levelForKey(key: string, levels: readonly Level[]): number | null | undefined {
  if (key === 'Delete' || key === 'Backspace') return null
  if (!/^[0-9]$/.test(key)) return undefined
  const rank = Number(key)
  return levels.some((level) => level.rank === rank) ? rank : undefined
}
