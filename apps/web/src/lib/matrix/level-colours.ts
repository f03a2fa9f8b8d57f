/**
 * The colour scale of expected levels: grey for the lowest rank, then light to dark blue
 * (one hue, so it reads as "more" for people with any kind of colour blindness). The
 * colour is never the only cue: every cell also shows the level's name and rank. Each
 * background comes with the text colour that reaches 4.5:1 on it.
 */
import type { Level } from '@studio/framework'

export interface LevelSwatch {
  background: string
  text: string
}

export const levelRamp: readonly LevelSwatch[] = [
  { background: '#f1f5f9', text: '#1e293b' },
  { background: '#e0f2fe', text: '#0c4a6e' },
  { background: '#bae6fd', text: '#0c4a6e' },
  { background: '#7dd3fc', text: '#082f49' },
  { background: '#38bdf8', text: '#082f49' },
  { background: '#0369a1', text: '#ffffff' },
  { background: '#075985', text: '#ffffff' },
  { background: '#0c4a6e', text: '#ffffff' },
  { background: '#1e3a8a', text: '#ffffff' },
  { background: '#172554', text: '#ffffff' },
]

/** A cell with no level yet: the page's surface, muted text. */
export const noLevelSwatch: LevelSwatch = { background: '#ffffff', text: '#52606d' }

/**
 * The swatch for `rank` among the defined levels, spread evenly over the ramp so the
 * lowest level is the lightest and the highest the darkest, however many levels exist.
 */
export function levelSwatch(rank: number | null, levels: readonly Pick<Level, 'rank'>[]): LevelSwatch {
  if (rank === null) return noLevelSwatch
  const ranks = levels.map((level) => level.rank).sort((a, b) => a - b)
  const position = ranks.indexOf(rank)
  if (position < 0) return noLevelSwatch
  const step = ranks.length > 1 ? Math.round((position * (levelRamp.length - 1)) / (ranks.length - 1)) : 0
  return levelRamp[step]!
}
