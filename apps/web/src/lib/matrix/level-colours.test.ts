import { describe, expect, it } from 'vitest'
import { levelRamp, levelSwatch, noLevelSwatch } from './level-colours.ts'
import { contrastRatio } from '../presence/member-colour.ts'

const ranks = (count: number) => Array.from({ length: count }, (_, rank) => ({ rank }))

describe('level colour scale', () => {
  it('puts every level name at 4.5:1 or more against its background', () => {
    for (const swatch of [...levelRamp, noLevelSwatch]) expect(contrastRatio(swatch.text, swatch.background)).toBeGreaterThanOrEqual(4.5)
  })

  it('runs from the lightest colour for the lowest level to the darkest for the highest', () => {
    const levels = ranks(6)
    expect(levelSwatch(0, levels)).toBe(levelRamp[0])
    expect(levelSwatch(5, levels)).toBe(levelRamp.at(-1))
    const backgrounds = levels.map((level) => levelSwatch(level.rank, levels).background)
    expect(new Set(backgrounds).size).toBe(6)
  })

  it('shows no level, or a rank that is not defined, as the plain surface', () => {
    expect(levelSwatch(null, ranks(6))).toBe(noLevelSwatch)
    expect(levelSwatch(8, ranks(6))).toBe(noLevelSwatch)
  })
})
