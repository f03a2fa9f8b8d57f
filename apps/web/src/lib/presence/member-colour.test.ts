import { describe, expect, it } from 'vitest'
import { contrastRatio, memberColour, memberPalette } from './member-colour.ts'

describe('memberColour', () => {
  it('gives the same member the same colour every time', () => {
    expect(memberColour('m_123')).toBe(memberColour('m_123'))
  })

  it('spreads different members across the palette', () => {
    const colours = new Set(Array.from({ length: 60 }, (_, index) => memberColour(`member-${index}`)))
    expect(colours.size).toBeGreaterThan(memberPalette.length / 2)
  })

  it('returns six-digit hex, the only form the caret extension accepts', () => {
    expect(memberColour('')).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('only uses colours on which white label text meets WCAG AA', () => {
    for (const colour of memberPalette) expect(contrastRatio('#ffffff', colour)).toBeGreaterThanOrEqual(4.5)
  })
})
