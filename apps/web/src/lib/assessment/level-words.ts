/** Levels and gaps in words, for tables, charts and screen readers. */
export interface NamedLevel {
  rank: number
  name: string
}

export function levelLabel(levels: readonly NamedLevel[], rank: number | null): string {
  if (rank === null) return 'not set'
  const level = levels.find((entry) => entry.rank === rank)
  return level ? `${rank} ${level.name}` : String(rank)
}

/** A gap as a person reads it: "+2" to grow, "0" met, "−1" above; a dash when it cannot be told. */
export function gapLabel(gap: number | null): string {
  if (gap === null) return '—'
  if (gap > 0) return `+${gap}`
  return gap < 0 ? `−${-gap}` : '0'
}
