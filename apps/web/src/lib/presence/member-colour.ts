/**
 * A stable caret colour per member: the same person has the same colour in every
 * browser and every session. The palette holds only colours on which white text reaches
 * WCAG AA (4.5:1), because a caret's name label is white text on that colour; the caret
 * extension also accepts only six-digit hex.
 */
export const memberPalette = [
  '#b91c1c', // red
  '#c2410c', // orange
  '#a16207', // amber
  '#4d7c0f', // lime
  '#15803d', // green
  '#0f766e', // teal
  '#0e7490', // cyan
  '#0369a1', // sky
  '#1d4ed8', // blue
  '#6d28d9', // violet
  '#a21caf', // fuchsia
  '#be123c', // rose
] as const

export function memberColour(memberId: string): string {
  // FNV-1a: tiny, fast and spreads similar ids (uuid prefixes) across the palette.
  let hash = 0x811c9dc5
  for (let index = 0; index < memberId.length; index += 1) {
    hash ^= memberId.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return memberPalette[hash % memberPalette.length] ?? memberPalette[0]
}

/** WCAG contrast ratio between two six-digit hex colours. */
export function contrastRatio(foreground: string, background: string): number {
  const [lighter, darker] = [relativeLuminance(foreground), relativeLuminance(background)].sort((a, b) => b - a)
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05)
}

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255)
  const [red = 0, green = 0, blue = 0] = channels.map((value) =>
    value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
  )
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue
}
